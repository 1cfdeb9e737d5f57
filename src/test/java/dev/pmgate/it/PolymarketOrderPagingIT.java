package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.PolymarketAccount;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2.2 on Polymarket: {@code GET /orders?limit=N} answers at most N open orders and, while more exist, the
 * cursor of the next page ({@code X-Next-Cursor}, {@code Link: rel="next"}), even though the CLOB pages by its
 * own size (3 here, so its pages never line up with the limit).
 */
class PolymarketOrderPagingIT extends GatewayIT {

    private static final int ORDERS = 7;

    private static String newMarket() {
        SecureRandom random = new SecureRandom();
        byte[] id = new byte[32];
        random.nextBytes(id);
        FakePolymarket.Market m = FakePolymarket.Market.binary(
                "0x" + HexFormat.of().formatHex(id),
                new java.math.BigInteger(120, random).toString(),
                new java.math.BigInteger(120, random).toString(),
                "0.01",
                false);
        POLYMARKET.addMarket(m);
        return m.conditionId();
    }

    private Set<String> place(PolymarketAccount a, String market) {
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < ORDERS; i++) {
            HttpCall.Response created = polymarket(
                    "POST",
                    "/orders",
                    a.header(),
                    "{\"market_id\":\"" + market + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0." + (10 + i)
                            + ",\"size\":5}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.add(created.json().get("id").asText());
        }
        return ids;
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void limitAndCursorWalkEveryOpenOrderOnceAcrossMisalignedClobPages() {
        PolymarketAccount a = PolymarketAccount.withClobCredentials(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), new BigDecimal("1000"));
        String market = newMarket();
        Set<String> placed = place(a, market);
        POLYMARKET.setPageSize(3);
        try {
            List<String> seen = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                HttpCall.Response page = polymarket(
                        "GET",
                        "/orders?market_id=" + market + "&limit=2" + (cursor == null ? "" : "&cursor=" + q(cursor)),
                        a.header(),
                        null);
                assertThat(page.status()).as(page.body()).isEqualTo(200);
                JsonNode orders = page.json();
                assertThat(orders.isArray()).isTrue();
                assertThat(orders.size()).as("at most limit").isLessThanOrEqualTo(2);
                orders.forEach(o -> seen.add(o.get("id").asText()));
                sizes.add(orders.size());
                cursor = page.header("X-Next-Cursor");
                if (cursor != null) {
                    assertThat(cursor).matches("[A-Za-z0-9_=+/.:-]{1,512}");
                    assertThat(page.header("Link")).contains("rel=\"next\"", "limit=2", "cursor=");
                } else {
                    assertThat(page.header("Link")).as("last page").isNull();
                }
                assertThat(++pages).as("the walk ends").isLessThan(10);
            } while (cursor != null);
            assertThat(sizes).containsExactly(2, 2, 2, 1);
            assertThat(seen).as("no duplicates").doesNotHaveDuplicates();
            assertThat(seen).as("no loss").containsExactlyInAnyOrderElementsOf(placed);

            HttpCall.Response all = polymarket("GET", "/orders?market_id=" + market + "&limit=500", a.header(), null);
            assertThat(all.json()).hasSize(ORDERS);
            assertThat(all.header("X-Next-Cursor")).isNull();

            HttpCall.Response exact = polymarket("GET", "/orders?market_id=" + market + "&limit=7", a.header(), null);
            assertThat(exact.json()).hasSize(ORDERS);
        } finally {
            POLYMARKET.setPageSize(100);
        }
    }

    @Test
    void aCursorPmgateDidNotIssueIsRefused() {
        PolymarketAccount a = PolymarketAccount.withClobCredentials(POLYMARKET);
        int before = POLYMARKET.requests().size();
        HttpCall.Response refused = polymarket("GET", "/orders?limit=2&cursor=" + q("MA=="), a.header(), null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("validation_error");
        assertThat(refused.body()).contains("cursor");
        assertThat(POLYMARKET.requests().size()).as("nothing sent to the CLOB").isEqualTo(before);
    }
}
