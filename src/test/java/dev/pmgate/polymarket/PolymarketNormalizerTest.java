package dev.pmgate.polymarket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pmgate.api.Balance;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.Fill;
import dev.pmgate.api.FillPage;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.Json;
import dev.pmgate.api.ListQuery;
import dev.pmgate.api.Order;
import dev.pmgate.api.OrderPage;
import dev.pmgate.upstream.UpstreamResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalizer on the CLOB answers in fixtures/polymarket-clob, field by field, below HTTP and Camel. */
class PolymarketNormalizerTest {

    private static final String MARKET = "0x" + "22".repeat(32);
    private final PolymarketMarkets markets = new PolymarketMarkets(
            Duration.ofMinutes(5), Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC));
    private final PolymarketNormalizer normalizer = new PolymarketNormalizer(markets);

    static String fixture(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/fixtures/polymarket-clob", name), StandardCharsets.UTF_8);
    }

    private static UpstreamResponse ok(String body) {
        return new UpstreamResponse(200, null, body);
    }

    @Test
    void openOrdersPage() throws IOException {
        PolymarketOrderPages pages = PolymarketOrderPages.of(new ListQuery(null, true, null, null, null));
        normalizer.ordersPage(ok(fixture("open-orders.json")), pages);
        GatewayResult result = normalizer.orders(pages);
        OrderPage page = (OrderPage) result.payload();
        assertThat(result.status()).isEqualTo(200);
        assertThat(page.nextCursor())
                .as("no limit: the CLOB's page, and its next")
                .isEqualTo("o0.MTAw");
        assertThat(page.orders()).hasSize(2);
        Order first = page.orders().get(0);
        assertThat(first.id()).isEqualTo("0x" + "11".repeat(32));
        assertThat(first.exchange()).isEqualTo("polymarket");
        assertThat(first.marketId()).isEqualTo(MARKET);
        assertThat(first.outcome()).isEqualTo("Yes");
        assertThat(first.side()).isEqualTo("buy");
        assertThat(first.price()).isEqualTo(new BigDecimal("0.45"));
        assertThat(first.size()).isEqualTo(new BigDecimal("10.5"));
        assertThat(first.filled()).isEqualTo(new BigDecimal("0"));
        assertThat(first.remaining()).isEqualTo(new BigDecimal("10.5"));
        assertThat(first.status()).isEqualTo("open");
        assertThat(first.orderType()).isEqualTo("gtc");
        assertThat(first.clientOrderId()).isNull();
        assertThat(first.createdAt()).isEqualTo("2025-12-05T02:00:00Z");
        Order second = page.orders().get(1);
        assertThat(second.side()).isEqualTo("sell");
        assertThat(second.price()).isEqualTo(new BigDecimal("0.61"));
        assertThat(second.size()).isEqualTo(new BigDecimal("20"));
        assertThat(second.filled()).isEqualTo(new BigDecimal("7.25"));
        assertThat(second.remaining()).isEqualTo(new BigDecimal("12.75"));
        assertThat(second.status()).isEqualTo("partially_filled");
        assertThat(second.orderType()).isEqualTo("gtd");
        assertThat(second.createdAt()).isEqualTo("2025-12-05T02:01:40Z");
    }

    @Test
    void tradesAreTheCallersSideOnly() throws IOException {
        PolymarketSession session = (PolymarketSession) new PolymarketCredentialParser()
                .parse(Json.mapper().readTree("{\"private_key\":\"0x" + "11".repeat(32) + "\"}"));
        String body = fixture("trades.json")
                .replace("0x00000000000000000000000000000000000000aa", session.address())
                .replace(
                        "0x00000000000000000000000000000000000000AA",
                        session.address().toUpperCase().replace("0X", "0x"));
        FillPage page = (FillPage) normalizer.fills(ok(body), session, null).payload();
        assertThat(page.nextCursor()).as("LTE= is the end").isNull();
        assertThat(page.fills()).hasSize(2);
        Fill taker = page.fills().get(0);
        assertThat(taker.id()).isEqualTo("t-1");
        assertThat(taker.exchange()).isEqualTo("polymarket");
        assertThat(taker.orderId()).isEqualTo("0x" + "44".repeat(32));
        assertThat(taker.marketId()).isEqualTo(MARKET);
        assertThat(taker.outcome()).isEqualTo("Yes");
        assertThat(taker.side()).isEqualTo("buy");
        assertThat(taker.price()).isEqualTo(new BigDecimal("0.45"));
        assertThat(taker.size()).isEqualTo(new BigDecimal("5"));
        assertThat(taker.fee()).isNull();
        assertThat(taker.isTaker()).isTrue();
        assertThat(taker.createdAt()).isEqualTo("2025-12-05T02:03:20Z");
        Fill maker = page.fills().get(1);
        assertThat(maker.id()).isEqualTo("t-2");
        assertThat(maker.orderId()).isEqualTo("0x" + "66".repeat(32));
        assertThat(maker.outcome()).isEqualTo("No");
        assertThat(maker.side()).isEqualTo("buy");
        assertThat(maker.price()).isEqualTo(new BigDecimal("0.61"));
        assertThat(maker.size()).isEqualTo(new BigDecimal("2.5"));
        assertThat(maker.isTaker()).isFalse();
        assertThat(maker.createdAt()).isEqualTo("2025-12-05T02:05:00Z");

        FillPage filtered = (FillPage)
                normalizer.fills(ok(body), session, "0x" + "66".repeat(32)).payload();
        assertThat(filtered.fills()).extracting(Fill::id).containsExactly("t-2");
    }

    @Test
    void balanceIsCollateralInDollars() throws IOException {
        Balance balance = (Balance)
                normalizer.balance(ok(fixture("balance-allowance.json"))).payload();
        assertThat(balance.exchange()).isEqualTo("polymarket");
        assertThat(balance.currency()).isEqualTo("USD");
        assertThat(balance.available()).isEqualTo(new BigDecimal("123.456789"));
        assertThat(balance.total()).isNull();
        assertThat(balance.raw().get("balance").asText()).isEqualTo("123456789");
    }

    @Test
    void compactMarketIsReadAndCached() throws IOException {
        PolymarketMarket market = normalizer.market(ok(fixture("clob-market.json")));
        assertThat(market.conditionId()).isEqualTo(MARKET);
        assertThat(market.tokens())
                .containsExactly(new PolymarketMarket.Token("123", "Yes"), new PolymarketMarket.Token("456", "No"));
        assertThat(market.tickSize()).isEqualTo(new BigDecimal("0.001"));
        assertThat(market.negRisk()).isTrue();
        assertThat(market.acceptingOrders()).isTrue();
        assertThat(markets.get(MARKET)).contains(market);
        assertThat(normalizer.market(new UpstreamResponse(404, null, "{\"error\":\"not found\"}")))
                .as("no compact endpoint: the classic object is read")
                .isNull();
    }

    @Test
    void malformedAnswersAreUpstreamErrors() {
        for (String body : List.of(
                "[]",
                "{\"data\":{}}",
                "{\"data\":[{\"id\":\"x\"}]}",
                "not json",
                "{\"data\":[{\"id\":\"x\",\"original_size\":\"1\",\"price\":\"0.5\",\"status\":\"WHAT\",\"side\":\"BUY\"}]}")) {
            assertThatThrownBy(() -> normalizer.ordersPage(
                            ok(body), PolymarketOrderPages.of(new ListQuery(null, true, null, null, null))))
                    .as(body)
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                        assertThat(e.code().status()).isEqualTo(502);
                    });
        }
    }
}
