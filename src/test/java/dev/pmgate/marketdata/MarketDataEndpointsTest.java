package dev.pmgate.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.marketdata.ParsecModels.Candle;
import dev.pmgate.marketdata.ParsecModels.Event;
import dev.pmgate.marketdata.ParsecModels.ExchangeInfo;
import dev.pmgate.marketdata.ParsecModels.Level;
import dev.pmgate.marketdata.ParsecModels.Market;
import dev.pmgate.marketdata.ParsecModels.Trade;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exchange-neutral endpoints over the {@link PublicMarkets} SPI: two made-up exchanges show that the
 * endpoints list, route and page by the beans alone (no exchange is named in the endpoints).
 */
class MarketDataEndpointsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC);

    /** A made-up exchange: ids are lower-case letters and digits (upper-cased as its market ids). */
    static final class MadeUp implements PublicMarkets {
        final String name;
        final List<String> calls = new ArrayList<>();
        final Map<String, List<String>> marketIdsAsked = new LinkedHashMap<>();
        final List<MarketTarget> targets = new ArrayList<>();

        MadeUp(String name) {
            this.name = name;
        }

        @Override
        public String exchange() {
            return name;
        }

        @Override
        public String displayName() {
            return name.toUpperCase(Locale.ROOT);
        }

        @Override
        public String marketId(String field, String nativeId) {
            if (!nativeId.matches("[a-z0-9]+")) {
                throw GatewayException.validation(field, "not a " + name + " id");
            }
            return nativeId.toUpperCase(Locale.ROOT);
        }

        @Override
        public List<Listing.Stream<Market>> marketStreams(
                MarketFilter filter, String eventId, List<String> marketIds, String requestId) {
            calls.add("markets");
            marketIdsAsked.put(requestId, marketIds);
            List<Market> page = new ArrayList<>();
            for (String id : marketIds != null ? marketIds : List.of("A", "B")) {
                page.add(market(name, id));
            }
            return List.of(cursor -> new Listing.Page<>(page, null));
        }

        @Override
        public List<Listing.Stream<Event>> eventStreams(EventFilter filter, String requestId) {
            calls.add("events");
            return List.of(cursor -> new Listing.Page<>(
                    List.of(new Event(
                            name + "-e", "Event of " + name, "open", List.of(name), 0, BigDecimal.ZERO, null, null)),
                    null));
        }

        @Override
        public ResolvedMarket resolve(String marketId, String requestId) {
            calls.add("resolve " + marketId);
            // three outcomes, the last without a token
            return new ResolvedMarket(
                    null,
                    List.of("Up", "Down", "Flat"),
                    List.of("t-up", "t-down"),
                    Instant.parse("2026-12-01T00:00:00Z"));
        }

        @Override
        public Book book(MarketTarget target, int depth, String requestId) {
            targets.add(target);
            return Book.of(
                    List.of(new Level(new BigDecimal("0.4"), BigDecimal.TEN)),
                    List.of(new Level(new BigDecimal("0.5"), BigDecimal.TEN)),
                    1L);
        }

        @Override
        public List<Trade> trades(MarketTarget target, Long start, Long end, int limit, String requestId) {
            targets.add(target);
            return List.of();
        }

        @Override
        public List<Candle> candles(
                MarketTarget target, Candles.Interval interval, Candles.Window window, String requestId) {
            targets.add(target);
            return List.of();
        }

        @Override
        public BigDecimal takerFee(MarketTarget target, List<BookWalk.Fill> fills, Instant now, String requestId) {
            return new BigDecimal("0.01");
        }
    }

    private static Market market(String exchange, String id) {
        return new Market(
                exchange + ":" + id,
                exchange,
                id,
                null,
                null,
                null,
                "Question " + id,
                "open",
                "binary",
                List.of(),
                BigDecimal.ONE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                2,
                null,
                null);
    }

    private final MadeUp beta = new MadeUp("beta");
    private final MadeUp alpha = new MadeUp("alpha");
    private final MarketDataEndpoints endpoints =
            new MarketDataEndpoints(List.of(beta, alpha), CLOCK, new SimpleMeterRegistry());

    private static MarketQuery query(String... nameValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], nameValues[i + 1]);
        }
        return new MarketQuery(params);
    }

    @Test
    void exchangesAreTheBeansInNameOrderWithWhatTheyDo() {
        List<ExchangeInfo> exchanges = endpoints.exchanges();
        assertThat(exchanges).extracting(ExchangeInfo::id).containsExactly("alpha", "beta");
        assertThat(exchanges).extracting(ExchangeInfo::name).containsExactly("ALPHA", "BETA");
        assertThat(exchanges.get(0).has()).containsEntry("fetch_markets", true).containsEntry("websocket", false);
    }

    @Test
    void twoBeansForOneExchangeAreRefused() {
        assertThatThrownBy(() ->
                        new MarketDataEndpoints(List.of(alpha, new MadeUp("alpha")), CLOCK, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("alpha");
    }

    @Test
    void marketsWalkTheRequestedExchangesInNameOrder() throws Exception {
        var page = endpoints.markets(query("exchanges", "beta,alpha"), "r");
        assertThat(page.markets())
                .extracting(Market::parsecId)
                .containsExactly("alpha:A", "alpha:B", "beta:A", "beta:B");
        var onlyBeta = endpoints.markets(query("exchanges", "BETA"), "r2");
        assertThat(onlyBeta.markets()).extracting(Market::exchange).containsOnly("beta");
        assertThat(alpha.calls).containsExactly("markets");
    }

    @Test
    void parsecIdsGoToTheirExchangeCheckedAndNormalizedByIt() throws Exception {
        var page = endpoints.markets(query("parsec_ids", "beta:x1,alpha:y1,BETA:x2"), "ids");
        assertThat(beta.marketIdsAsked.get("ids")).containsExactly("X1", "X2");
        assertThat(alpha.marketIdsAsked.get("ids")).containsExactly("Y1");
        assertThat(page.markets()).extracting(Market::parsecId).containsExactly("alpha:Y1", "beta:X1", "beta:X2");
        assertThatThrownBy(() -> endpoints.markets(query("parsec_ids", "beta:NOT-OURS"), "r"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.validationErrors()).containsExactly("parsec_ids: not a beta id");
                });
    }

    @Test
    void anUnknownExchangeNamesTheKnownOnes() {
        assertThatThrownBy(() -> endpoints.markets(query("exchanges", "gamma"), "r"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EXCHANGE_NOT_FOUND);
                    assertThat(e.validationErrors()).containsExactly("exchanges: must be alpha or beta");
                });
        assertThatThrownBy(() -> endpoints.orderbook(query("parsec_id", "gamma:x"), "r"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EXCHANGE_NOT_FOUND);
                    assertThat(e.validationErrors()).containsExactly("parsec_id: exchange must be alpha or beta");
                });
        assertThat(alpha.calls).isEmpty();
        assertThat(beta.calls).isEmpty();
    }

    @Test
    void eventsOfEveryExchangeUnlessFiltered() throws Exception {
        assertThat(endpoints.events(query(), "r").events())
                .extracting(Event::eventId)
                .containsExactly("alpha-e", "beta-e");
        assertThat(endpoints.events(query("exchanges", "beta"), "r").events())
                .extracting(Event::eventId)
                .containsExactly("beta-e");
    }

    @Test
    void singleMarketEndpointsAskOnlyTheTargetsExchangeForTheChosenOutcome() throws Exception {
        var book = endpoints.orderbook(query("parsec_id", "beta:m1", "outcome", "down"), "r");
        assertThat(alpha.calls).isEmpty();
        assertThat(beta.calls).containsExactly("resolve M1");
        MarketTarget t = beta.targets.get(0);
        assertThat(t.exchange()).isEqualTo("beta");
        assertThat(t.marketId()).isEqualTo("M1");
        assertThat(t.parsecId()).isEqualTo("beta:M1");
        assertThat(t.outcome()).isEqualTo(1);
        assertThat(t.outcomeName()).isEqualTo("Down");
        assertThat(t.tokenId()).isEqualTo("t-down");
        assertThat(book.parsecId()).isEqualTo("beta:M1");
        assertThat(book.outcome()).isEqualTo("Down");
        assertThat(book.tokenId()).isEqualTo("t-down");
        assertThat(book.midPrice()).isEqualByComparingTo("0.45");

        var trades = endpoints.trades(query("parsec_id", "beta:m1", "outcome", "0"), "r");
        assertThat(trades.outcome()).isEqualTo("Up");
        assertThat(beta.targets.get(1).tokenId()).isEqualTo("t-up");
    }

    @Test
    void anOutcomeWithoutATokenIsAnUpstreamErrorOfThatExchange() {
        assertThatThrownBy(() -> endpoints.orderbook(query("parsec_id", "alpha:m1", "outcome", "Flat"), "r"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                    assertThat(e.exchange()).isEqualTo("alpha");
                });
    }

    @Test
    void executionPriceWalksTheBookAndAsksTheExchangeForItsFee() throws Exception {
        var price = endpoints.executionPrice(
                query("parsec_id", "alpha:m1", "outcome", "up", "side", "buy", "amount", "2"), "r");
        assertThat(price.totalCost()).isEqualByComparingTo("1");
        assertThat(price.feeEstimate()).isEqualByComparingTo("0.01");
        assertThat(price.netCost()).isEqualByComparingTo("1.01");
        assertThat(alpha.targets).hasSize(1);
    }
}
