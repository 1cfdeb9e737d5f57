package dev.pmgate.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.Json;
import dev.pmgate.marketdata.ParsecModels.Candle;
import dev.pmgate.marketdata.ParsecModels.Market;
import dev.pmgate.marketdata.ParsecModels.Trade;
import dev.pmgate.support.TestData;
import dev.pmgate.upstream.UpstreamResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The normalizers against the recorded (and assembled) exchange answers in fixtures/market-data. */
class NormalizerFixturesTest {

    /** Answers public reads from fixtures by path; anything else is a 404. */
    static final class FixtureFetcher extends PublicFetcher {
        final Map<String, String> bodies = new HashMap<>();

        FixtureFetcher() {
            super(new PublicCache(0, 0, 0, System::nanoTime), new SimpleMeterRegistry());
        }

        FixtureFetcher answer(String path, String body) {
            bodies.put(path, body);
            return this;
        }

        @Override
        public UpstreamResponse get(PublicRequest request, String requestId) {
            String body = bodies.get(request.path());
            return body == null ? new UpstreamResponse(404, null, "{}") : new UpstreamResponse(200, null, body);
        }
    }

    private static String fixture(String name) {
        return TestData.text("fixtures/market-data/" + name);
    }

    @Test
    void realKalshiMarket() throws Exception {
        JsonNode raw = Json.mapper().readTree(fixture("kalshi-markets.json")).get("markets").get(0);
        Market m = KalshiPublic.market(raw, null);
        assertThat(m.parsecId()).isEqualTo("kalshi:KXWTACHALLENGERMATCH-26JUN11JIMLEP-LEP");
        assertThat(m.exchangeGroupId()).isEqualTo("KXWTACHALLENGERMATCH-26JUN11JIMLEP");
        assertThat(m.parsecGroupId()).isEqualTo("kalshi:KXWTACHALLENGERMATCH-26JUN11JIMLEP");
        assertThat(m.groupTitle()).as("no event title known: the event ticker").isEqualTo(m.exchangeGroupId());
        assertThat(m.status()).isEqualTo("open");
        assertThat(m.bestBid()).isEqualByComparingTo("0.47");
        assertThat(m.bestAsk()).isEqualByComparingTo("0.52");
        assertThat(m.lastPrice()).isEqualByComparingTo("0.99");
        assertThat(m.volumeTotal()).isEqualByComparingTo("2");
        assertThat(m.volume24h()).isEqualByComparingTo("1");
        assertThat(m.openInterest()).isEqualByComparingTo("2");
        assertThat(m.liquidity()).as("liquidity_dollars is deprecated, always 0").isNull();
        assertThat(m.outcomes()).extracting(ParsecModels.Outcome::name).containsExactly("Yes", "No");
        assertThat(m.outcomes().get(0).price().toPlainString()).isEqualTo("0.495");
        assertThat(m.outcomes().get(1).price().toPlainString()).isEqualTo("0.505");
        assertThat(m.endDate()).isEqualTo("2026-06-25T16:00:00Z");
        assertThat(m.tickSize()).isNotNull();
        String json = Json.mapper().writeValueAsString(m);
        assertThat(json).contains("\"volume_24h\":1", "\"exchange_market_id\":", "\"parsec_group_id\":");
    }

    @Test
    void kalshiStatusesAndEmptySides() throws Exception {
        assertThat(KalshiPublic.status("initialized")).isEqualTo("upcoming");
        assertThat(KalshiPublic.status("inactive")).isEqualTo("paused");
        assertThat(KalshiPublic.status("closed")).isEqualTo("closed");
        assertThat(KalshiPublic.status("disputed")).isEqualTo("closed");
        assertThat(KalshiPublic.status("determined")).isEqualTo("resolved");
        assertThat(KalshiPublic.status("finalized")).isEqualTo("resolved");
        JsonNode empty = Json.mapper().readTree("{\"ticker\":\"T\",\"event_ticker\":\"E\",\"status\":\"active\","
                + "\"yes_bid_dollars\":\"0.0000\",\"yes_ask_dollars\":\"1.0000\",\"yes_bid_size_fp\":\"0.00\","
                + "\"yes_ask_size_fp\":\"0.00\",\"last_price_dollars\":\"0.0000\",\"volume_fp\":\"0.00\"}");
        Market m = KalshiPublic.market(empty, "Title");
        assertThat(m.bestBid()).isNull();
        assertThat(m.bestAsk()).isNull();
        assertThat(m.lastPrice()).isNull();
        assertThat(m.outcomes().get(0).price()).isNull();
        assertThat(m.groupTitle()).isEqualTo("Title");
    }

    @Test
    void realKalshiBookBothOutcomes() throws Exception {
        FixtureFetcher f = new FixtureFetcher().answer("/markets/T/orderbook", fixture("kalshi-orderbook.json"));
        KalshiPublic k = new KalshiPublic(f);
        Clock clock = Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC);
        Book yes = k.book("T", 0, 50, "r", clock);
        assertThat(Json.mapper().writeValueAsString(yes.bids())).isEqualTo("[[0.47,3]]");
        assertThat(Json.mapper().writeValueAsString(yes.asks())).isEqualTo("[[0.52,3]]");
        assertThat(yes.timestamp()).isEqualTo(clock.millis());
        Book no = k.book("T", 1, 50, "r", clock);
        assertThat(Json.mapper().writeValueAsString(no.bids())).isEqualTo("[[0.48,3]]");
        assertThat(Json.mapper().writeValueAsString(no.asks())).isEqualTo("[[0.53,3]]");
    }

    @Test
    void realKalshiTradesNewestFirstWithTheOutcomesPrice() throws Exception {
        FixtureFetcher f = new FixtureFetcher().answer("/markets/trades", fixture("kalshi-trades.json"));
        List<Trade> yes = new KalshiPublic(f).trades("KXPGATOUR-USO26-JDAY", 0, null, null, 200, "r");
        assertThat(yes).hasSize(3);
        assertThat(yes.get(0).price().toPlainString()).isEqualTo("0.03");
        assertThat(yes.get(0).size().toPlainString()).isEqualTo("7.77");
        assertThat(yes.get(0).aggressorSide()).isEqualTo("buy");
        assertThat(yes.get(0).timestamp()).isEqualTo(Instant.parse("2026-06-15T15:48:42.609997Z").toEpochMilli());
        assertThat(yes.get(0).tradeId()).isEqualTo("56932642-f55c-41a6-1cad-35b95c27373b");
        assertThat(yes.get(0).timestamp()).isGreaterThanOrEqualTo(yes.get(1).timestamp());
        List<Trade> no = new KalshiPublic(f).trades("KXPGATOUR-USO26-JDAY", 1, null, null, 2, "r");
        assertThat(no).hasSize(2);
        assertThat(no.get(0).price().toPlainString()).isEqualTo("0.97");
        assertThat(no.get(0).aggressorSide()).isEqualTo("sell");
    }

    @Test
    void kalshiCandlesOpenAtThePeriodStartAndFlatWithoutTrades() throws Exception {
        JsonNode single = Json.mapper().readTree(fixture("kalshi-candlesticks.json"));
        String batch = "{\"markets\":[{\"market_ticker\":\"KXHIGHNY-24JAN01-T60\",\"candlesticks\":"
                + single.get("candlesticks") + "}]}";
        FixtureFetcher f = new FixtureFetcher().answer("/markets/candlesticks", batch);
        Candles.Window w = new Candles.Window(1704060000, 1704067200);
        List<Candle> yes = new KalshiPublic(f).candles("KXHIGHNY-24JAN01-T60", 0, Candles.Interval.ONE_HOUR, w, "r");
        assertThat(yes).hasSize(2);
        assertThat(yes.get(0).timestamp()).isEqualTo((1704063600L - 3600) * 1000);
        assertThat(yes.get(0).open().toPlainString()).isEqualTo("0.43");
        assertThat(yes.get(0).volume().toPlainString()).isEqualTo("37");
        assertThat(yes.get(0).openInterest().toPlainString()).isEqualTo("1204");
        assertThat(yes.get(1).open().toPlainString()).as("no trades: flat at the previous price").isEqualTo("0.44");
        assertThat(yes.get(1).volume()).isEqualByComparingTo("0");
        List<Candle> no = new KalshiPublic(f).candles("KXHIGHNY-24JAN01-T60", 1, Candles.Interval.ONE_HOUR, w, "r");
        assertThat(no.get(0).high().toPlainString()).as("NO high = 1 − YES low").isEqualTo("0.58");
        assertThat(no.get(0).low().toPlainString()).isEqualTo("0.56");
        List<Candle> sixHours = new KalshiPublic(f).candles("KXHIGHNY-24JAN01-T60", 0, Candles.Interval.SIX_HOURS, w, "r");
        assertThat(sixHours).hasSize(1);
        assertThat(sixHours.get(0).volume().toPlainString()).isEqualTo("37");
        assertThat(sixHours.get(0).close().toPlainString()).isEqualTo("0.44");
    }

    @Test
    void gammaMarketsRealV1AndAssembledV2() throws Exception {
        JsonNode page = Json.mapper().readTree(fixture("polymarket-gamma-markets.json"));
        JsonNode real = page.get("markets").get(0);
        Market m = PolymarketPublic.market(real, null);
        assertThat(m.parsecId()).isEqualTo("polymarket:0x834e57936657ae5ddaea6d9e18ee780d04d588018ab6b9b18a44cc5317e5f6f2");
        assertThat(m.status()).as("closed and UMA-resolved").isEqualTo("resolved");
        assertThat(m.outcomes()).extracting(ParsecModels.Outcome::name).containsExactly("Over", "Under");
        assertThat(m.outcomes().get(0).tokenId())
                .isEqualTo("111921395645355300487518569145849548118782457875824781317525262592604421091895");
        assertThat(m.outcomes().get(1).price()).isEqualByComparingTo("1");
        assertThat(m.marketType()).isEqualTo("binary");
        JsonNode v2 = page.get("markets").get(1);
        Market m2 = PolymarketPublic.market(v2, null);
        assertThat(PolymarketPublic.tokens(v2)).containsExactly(
                "533471474620624361104219202009701893961136719091092879196858739705486770176",
                "533471474620624361104219202009701893961136719091092879196858739705486770177");
        assertThat(m2.outcomes().get(0).tokenId()).endsWith("176");
        assertThat(m2.status()).isEqualTo("open");
        assertThat(m2.volumeTotal().toPlainString()).isEqualTo("15234.51");
        assertThat(m2.liquidity().toPlainString()).isEqualTo("8123.4");
        assertThat(m2.exchangeGroupId()).isEqualTo("190001");
        assertThat(m2.groupTitle()).isEqualTo("Example event");
        assertThat(m2.bestBid()).isEqualByComparingTo("0.61");
        // fee: 10 shares at 0.6 → 10 × 0.04 × 0.24 = 0.096
        assertThat(PolymarketPublic.takerFee(v2, List.of(new BookWalk.Fill(new BigDecimal("0.6"), BigDecimal.TEN)))
                .toPlainString()).isEqualTo("0.096");
        assertThat(PolymarketPublic.takerFee(real, List.of(new BookWalk.Fill(new BigDecimal("0.6"), BigDecimal.TEN))))
                .as("fees not enabled").isEqualByComparingTo("0");
    }

    @Test
    void gammaEventsAreNormalizedWithTheirMarkets() throws Exception {
        JsonNode e = Json.mapper().readTree(fixture("polymarket-gamma-events.json")).get("events").get(0);
        ParsecModels.Event event = PolymarketPublic.event(e, true);
        assertThat(event.eventId()).isEqualTo(e.get("id").asText());
        assertThat(event.exchanges()).containsExactly("polymarket");
        assertThat(event.marketCount()).isEqualTo(e.get("markets").size());
        assertThat(event.markets()).hasSize(event.marketCount());
        assertThat(event.markets().get(0).parsecGroupId()).isEqualTo("polymarket:" + event.eventId());
        assertThat(event.title()).isNotBlank();
    }

    @Test
    void clobBookIsSortedBestFirst() throws Exception {
        FixtureFetcher f = new FixtureFetcher().answer("/book", fixture("polymarket-book.json"));
        Book book = new PolymarketPublic(f).book("x", "r");
        assertThat(Json.mapper().writeValueAsString(book.bids())).isEqualTo("[[0.69,5],[0.68,20],[0.01,3181.31]]");
        assertThat(Json.mapper().writeValueAsString(book.asks())).isEqualTo("[[0.75,5],[0.76,25],[0.8,54.99],[0.99,167]]");
        assertThat(book.timestamp()).isEqualTo(1790265943981L);
        Book missing = new PolymarketPublic(new FixtureFetcher()).book("x", "r");
        assertThat(missing.bids()).isEmpty();
        assertThat(missing.asks()).isEmpty();
    }

    @Test
    void polymarketCandlesFromRealPriceHistoryWithDataApiVolume() throws Exception {
        JsonNode trades = Json.mapper().readTree(fixture("polymarket-data-trades.json"));
        String token = trades.get(0).get("asset").asText();
        String cid = trades.get(0).get("conditionId").asText();
        // the fixture's trades are of another time: move the first one into the history's first hour
        String tape = fixture("polymarket-data-trades.json").replace("1749597000", "1743036100");
        FixtureFetcher f = new FixtureFetcher().answer("/prices-history", fixture("polymarket-prices-history.json"))
                .answer("/trades", tape);
        List<Candle> candles = new PolymarketPublic(f).candles(cid, token, Candles.Interval.ONE_HOUR,
                new Candles.Window(1743033600, 1743044400), "r");
        assertThat(candles).hasSize(2);
        assertThat(candles.get(0).timestamp()).isEqualTo(1743033600L * 1000);
        assertThat(candles.get(0).open()).isEqualByComparingTo("0.5");
        assertThat(candles.get(0).volume().toPlainString()).isEqualTo("120");
        assertThat(candles.get(1).volume()).as("no trades in that hour").isEqualByComparingTo("0");
        List<Trade> rows = new PolymarketPublic(f).trades(cid, token, null, null, 10, "r");
        assertThat(rows).isNotEmpty().allMatch(t -> t.tradeId() == null && t.sourceChannel().equals("rest"));
        assertThat(rows.get(0).price().toPlainString()).isEqualTo("0.52");
    }

    @Test
    void bookWalkIsExact() {
        Book book = Book.of(List.of(), List.of(new ParsecModels.Level(new BigDecimal("0.30"), new BigDecimal("1")),
                new ParsecModels.Level(new BigDecimal("0.10"), new BigDecimal("1"))), null);
        BookWalk.Result r = BookWalk.walk(book, true, new BigDecimal("3"));
        assertThat(r.filled().toPlainString()).isEqualTo("2");
        assertThat(r.cost().toPlainString()).isEqualTo("0.4");
        assertThat(r.fullyFilled()).isFalse();
        assertThat(r.avgPrice().toPlainString()).isEqualTo("0.2");
        assertThat(r.bestPrice().toPlainString()).isEqualTo("0.1");
        assertThat(r.slippage().toPlainString()).isEqualTo("0.1");
        BookWalk.Result third = BookWalk.walk(Book.of(List.of(), List.of(
                new ParsecModels.Level(new BigDecimal("0.1"), BigDecimal.ONE),
                new ParsecModels.Level(new BigDecimal("0.2"), BigDecimal.TEN)), null), true, new BigDecimal("3"));
        assertThat(third.avgPrice().toPlainString()).as("0.5 / 3 rounded half-up to 10 dp").isEqualTo("0.1666666667");
    }
}
