package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.sandbox.RecordedRequest;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import dev.pmgate.support.PolymarketAccount;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2.1 string-typed {@code params} (the Parsec SDK sends {@code Dict[str, str]}) and SPEC §2.2 list pages
 * ({@code X-Next-Cursor}, RFC 8288 {@code Link: <…>; rel="next"}).
 */
class ParsecParamsAndPagesIT extends GatewayIT {

    private static final Pattern LINK = Pattern.compile("^<([^>]+)>; rel=\"next\"$");

    private static KalshiAccount kalshiAccount() {
        KalshiAccount a = new KalshiAccount(KeyFormat.RSA_PKCS8);
        KALSHI.registerKey(a.keyId, a.keyPair.getPublic());
        KALSHI.setBalance(a.keyId, new BigDecimal("1000"));
        return a;
    }

    private static String kalshiMarket() {
        String ticker =
                "KXPARAMS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        KALSHI.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
        return ticker;
    }

    private static String order(String market, String price, String params) {
        return "{\"market_id\":\"" + market + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":" + price
                + ",\"size\":6" + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    @Test
    void kalshiTakesEveryParamAsAString() {
        KalshiAccount a = kalshiAccount();
        String market = kalshiMarket();
        long expiration = Instant.now().getEpochSecond() + 3600;
        HttpCall.Response created = kalshi(
                "POST",
                "/orders",
                a.header(),
                order(
                        market,
                        "0.35",
                        "{\"order_type\":\"gtd\",\"expiration\":\"" + expiration
                                + "\",\"post_only\":\"true\",\"reduce_only\":\"false\"}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("order_type").asText()).isEqualTo("gtd");
        RecordedRequest post = KALSHI.requests().stream()
                .filter(q -> q.method().equals("POST") && q.bodyString().contains(market))
                .findFirst()
                .orElseThrow();
        assertThat(post.bodyString())
                .contains("\"expiration_time\":" + expiration, "\"post_only\":true")
                .doesNotContain("reduce_only");
    }

    @Test
    void polymarketTakesEveryParamAsAString() {
        PolymarketAccount a = PolymarketAccount.withClobCredentials(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), new BigDecimal("100"));
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        FakePolymarket.Market m =
                FakePolymarket.Market.binary("0x" + HexFormat.of().formatHex(id), "81001", "81002", "0.01", false);
        POLYMARKET.addMarket(m);
        long expiration = Instant.now().getEpochSecond() + 3600;
        HttpCall.Response created = polymarket(
                "POST",
                "/orders",
                a.header(),
                order(
                        m.conditionId(),
                        "0.35",
                        "{\"order_type\":\"gtd\",\"expiration\":\"" + expiration + "\",\"post_only\":\"True\"}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        FakePolymarket.PlacedOrder placed =
                POLYMARKET.order(created.json().get("id").asText()).orElseThrow();
        assertThat(placed.expiration())
                .as("expiration + the CLOB's 60 s threshold")
                .isEqualTo(expiration + 60);
        assertThat(placed.postOnly()).isTrue();
        assertThat(placed.orderType()).isEqualToIgnoringCase("GTD");
    }

    @Test
    void aStringThatDoesNotParseIsStillA400NamingTheField() {
        KalshiAccount a = kalshiAccount();
        String market = kalshiMarket();
        int before = KALSHI.requests().size();
        String[][] cases = {
            {"{\"post_only\":\"yes\"}", "params.post_only: must be true or false"},
            {"{\"reduce_only\":\"\"}", "params.reduce_only: must be true or false"},
            {"{\"post_only\":1}", "params.post_only: must be true or false"},
            {"{\"order_type\":\"gtd\",\"expiration\":\"tomorrow\"}", "params.expiration: must be unix seconds (integer)"
            },
            {"{\"order_type\":\"gtd\",\"expiration\":\"1.5e9\"}", "params.expiration: must be unix seconds (integer)"},
            {"{\"order_type\":\"gtd\",\"expiration\":\"-5\"}", "params.expiration: must be unix seconds (integer)"},
            {
                "{\"order_type\":\"gtd\",\"expiration\":\"" + (Instant.now().getEpochSecond() + 5) + "\"}",
                "params.expiration: must be at least 60 seconds in the future"
            },
            {"{\"order_type\":\"day\"}", "params.order_type: must be gtc, gtd, ioc or fok"},
        };
        for (String[] c : cases) {
            HttpCall.Response r = kalshi("POST", "/orders", a.header(), order(market, "0.35", c[0]));
            assertThat(r.status()).as(c[0] + " → " + r.body()).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("validation_error");
            assertThat(r.json().get("validation_errors"))
                    .extracting(JsonNode::asText)
                    .as(c[0])
                    .contains(c[1]);
            assertThat(r.header("x-should-retry")).isEqualTo("false");
        }
        assertThat(KALSHI.requests().stream()
                        .skip(before)
                        .filter(q -> q.method().equals("POST"))
                        .toList())
                .as("nothing invalid reached the exchange")
                .isEmpty();
    }

    /** Follows Link: rel="next" from the first page to the last, collecting every id. */
    private List<String> followPages(KalshiAccount a, String firstPathAndQuery) {
        List<String> ids = new ArrayList<>();
        String next = "/api/v1" + firstPathAndQuery;
        for (int page = 0; next != null; page++) {
            assertThat(page).as("pages end").isLessThan(10);
            HttpCall.Response r = HttpCall.to("GET", "http://127.0.0.1:" + port + next)
                    .header("X-API-Key", API_KEY)
                    .header("X-Exchange-Credentials", a.header())
                    .send();
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().isArray()).as(r.body()).isTrue();
            r.json().forEach(o -> ids.add(o.get("id").asText()));
            String cursor = r.header("X-Next-Cursor");
            String link = r.header("Link");
            if (cursor == null) {
                assertThat(link).as("no Link on the last page").isNull();
                next = null;
            } else {
                Matcher m = LINK.matcher(link);
                assertThat(m.matches()).as(link).isTrue();
                next = m.group(1);
                assertThat(next)
                        .startsWith(firstPathAndQuery.startsWith("/orders") ? "/api/v1/orders?" : "/api/v1/fills?")
                        .contains("exchange=kalshi", "limit=1")
                        .contains("cursor="
                                + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)
                                        .replace("+", "%20"));
            }
        }
        return ids;
    }

    @Test
    void listPagesCarryXNextCursorAndALinkToTheNextPage() {
        KalshiAccount a = kalshiAccount();
        String market = kalshiMarket();
        Set<String> placed = new LinkedHashSet<>();
        for (String price : List.of("0.31", "0.32", "0.33")) {
            HttpCall.Response r = kalshi("POST", "/orders", a.header(), order(market, price, null));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            placed.add(r.json().get("id").asText());
        }
        List<String> paged = followPages(a, "/orders?market_id=" + market + "&limit=1&exchange=kalshi");
        assertThat(paged).hasSize(3).doesNotHaveDuplicates();
        assertThat(Set.copyOf(paged)).isEqualTo(placed);

        for (int i = 0; i < 3; i++) {
            KALSHI.seedFill(
                    a.keyId,
                    market,
                    dev.pmgate.sandbox.BookSide.BID,
                    new BigDecimal("0.3" + i),
                    BigDecimal.ONE,
                    BigDecimal.ZERO,
                    true);
        }
        assertThat(followPages(a, "/fills?market_id=" + market + "&limit=1&exchange=kalshi"))
                .hasSize(3)
                .doesNotHaveDuplicates();
    }
}
