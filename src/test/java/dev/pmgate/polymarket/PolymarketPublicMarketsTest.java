package dev.pmgate.polymarket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.Json;
import dev.pmgate.marketdata.Book;
import dev.pmgate.marketdata.BookWalk;
import dev.pmgate.marketdata.Candles;
import dev.pmgate.marketdata.FixtureFetcher;
import dev.pmgate.marketdata.ParsecModels;
import dev.pmgate.marketdata.ParsecModels.Candle;
import dev.pmgate.marketdata.ParsecModels.Event;
import dev.pmgate.marketdata.ParsecModels.Market;
import dev.pmgate.marketdata.ParsecModels.Trade;
import dev.pmgate.support.TestData;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Polymarket's public market-data normalizer against the recorded (and assembled) answers in fixtures/market-data. */
class PolymarketPublicMarketsTest {

    private static String fixture(String name) {
        return TestData.text("fixtures/market-data/" + name);
    }

    private static PolymarketPublicMarkets polymarket(FixtureFetcher f) {
        return new PolymarketPublicMarkets(
                f,
                new PolymarketPublicMarkets.Sources(
                        FixtureFetcher.source("polymarket", "gamma"),
                        FixtureFetcher.source("polymarket", "clob"),
                        FixtureFetcher.source("polymarket", "data")));
    }

    @Test
    void gammaMarketsRealV1AndAssembledV2() throws Exception {
        JsonNode page = Json.mapper().readTree(fixture("polymarket-gamma-markets.json"));
        JsonNode real = page.get("markets").get(0);
        Market m = PolymarketPublicMarkets.market(real, null);
        assertThat(m.parsecId())
                .isEqualTo("polymarket:0x834e57936657ae5ddaea6d9e18ee780d04d588018ab6b9b18a44cc5317e5f6f2");
        assertThat(m.status()).as("closed and UMA-resolved").isEqualTo("resolved");
        assertThat(m.outcomes()).extracting(ParsecModels.Outcome::name).containsExactly("Over", "Under");
        assertThat(m.outcomes().get(0).tokenId())
                .isEqualTo("111921395645355300487518569145849548118782457875824781317525262592604421091895");
        assertThat(m.outcomes().get(1).price()).isEqualByComparingTo("1");
        assertThat(m.marketType()).isEqualTo("binary");
        JsonNode v2 = page.get("markets").get(1);
        Market m2 = PolymarketPublicMarkets.market(v2, null);
        assertThat(PolymarketPublicMarkets.tokens(v2))
                .containsExactly(
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
        assertThat(PolymarketPublicMarkets.takerFee(
                                v2, List.of(new BookWalk.Fill(new BigDecimal("0.6"), BigDecimal.TEN)))
                        .toPlainString())
                .isEqualTo("0.096");
        assertThat(PolymarketPublicMarkets.takerFee(
                        real, List.of(new BookWalk.Fill(new BigDecimal("0.6"), BigDecimal.TEN))))
                .as("fees not enabled")
                .isEqualByComparingTo("0");
    }

    @Test
    void gammaEventsAreNormalizedWithTheirMarkets() throws Exception {
        JsonNode e = Json.mapper()
                .readTree(fixture("polymarket-gamma-events.json"))
                .get("events")
                .get(0);
        Event event = PolymarketPublicMarkets.event(e, true);
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
        Book book = polymarket(f).book("x", "r");
        assertThat(Json.mapper().writeValueAsString(book.bids())).isEqualTo("[[0.69,5],[0.68,20],[0.01,3181.31]]");
        assertThat(Json.mapper().writeValueAsString(book.asks()))
                .isEqualTo("[[0.75,5],[0.76,25],[0.8,54.99],[0.99,167]]");
        assertThat(book.timestamp()).isEqualTo(1790265943981L);
        Book missing = polymarket(new FixtureFetcher()).book("x", "r");
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
        FixtureFetcher f = new FixtureFetcher()
                .answer("/prices-history", fixture("polymarket-prices-history.json"))
                .answer("/trades", tape);
        List<Candle> candles = polymarket(f)
                .candles(cid, token, Candles.Interval.ONE_HOUR, new Candles.Window(1743033600, 1743044400), "r");
        assertThat(candles).hasSize(2);
        assertThat(candles.get(0).timestamp()).isEqualTo(1743033600L * 1000);
        assertThat(candles.get(0).open()).isEqualByComparingTo("0.5");
        assertThat(candles.get(0).volume().toPlainString()).isEqualTo("120");
        assertThat(candles.get(1).volume()).as("no trades in that hour").isEqualByComparingTo("0");
        List<Trade> rows = polymarket(f).trades(cid, token, null, null, 10, "r");
        assertThat(rows)
                .isNotEmpty()
                .allMatch(t -> t.tradeId() == null && t.sourceChannel().equals("rest"));
        assertThat(rows.get(0).price().toPlainString()).isEqualTo("0.52");
    }
}
