package dev.pmgate.kalshi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.Json;
import dev.pmgate.marketdata.Book;
import dev.pmgate.marketdata.Candles;
import dev.pmgate.marketdata.FixtureFetcher;
import dev.pmgate.marketdata.ParsecModels;
import dev.pmgate.marketdata.ParsecModels.Candle;
import dev.pmgate.marketdata.ParsecModels.Market;
import dev.pmgate.marketdata.ParsecModels.Trade;
import dev.pmgate.support.TestData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kalshi's public market-data normalizer against the recorded exchange answers in fixtures/market-data. */
class KalshiPublicMarketsTest {

    private static String fixture(String name) {
        return TestData.text("fixtures/market-data/" + name);
    }

    private static KalshiPublicMarkets kalshi(FixtureFetcher f) {
        return new KalshiPublicMarkets(f, FixtureFetcher.source("kalshi", "trade-api"), Clock.systemUTC());
    }

    @Test
    void realKalshiMarket() throws Exception {
        JsonNode raw = Json.mapper()
                .readTree(fixture("kalshi-markets.json"))
                .get("markets")
                .get(0);
        Market m = KalshiPublicMarkets.market(raw, null);
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
        assertThat(m.liquidity())
                .as("liquidity_dollars is deprecated, always 0")
                .isNull();
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
        assertThat(KalshiPublicMarkets.status("initialized")).isEqualTo("upcoming");
        assertThat(KalshiPublicMarkets.status("inactive")).isEqualTo("paused");
        assertThat(KalshiPublicMarkets.status("closed")).isEqualTo("closed");
        assertThat(KalshiPublicMarkets.status("disputed")).isEqualTo("closed");
        assertThat(KalshiPublicMarkets.status("determined")).isEqualTo("resolved");
        assertThat(KalshiPublicMarkets.status("finalized")).isEqualTo("resolved");
        JsonNode empty = Json.mapper()
                .readTree("{\"ticker\":\"T\",\"event_ticker\":\"E\",\"status\":\"active\","
                        + "\"yes_bid_dollars\":\"0.0000\",\"yes_ask_dollars\":\"1.0000\",\"yes_bid_size_fp\":\"0.00\","
                        + "\"yes_ask_size_fp\":\"0.00\",\"last_price_dollars\":\"0.0000\",\"volume_fp\":\"0.00\"}");
        Market m = KalshiPublicMarkets.market(empty, "Title");
        assertThat(m.bestBid()).isNull();
        assertThat(m.bestAsk()).isNull();
        assertThat(m.lastPrice()).isNull();
        assertThat(m.outcomes().get(0).price()).isNull();
        assertThat(m.groupTitle()).isEqualTo("Title");
    }

    @Test
    void realKalshiBookBothOutcomes() throws Exception {
        FixtureFetcher f = new FixtureFetcher().answer("/markets/T/orderbook", fixture("kalshi-orderbook.json"));
        Clock clock = Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC);
        KalshiPublicMarkets k = new KalshiPublicMarkets(f, FixtureFetcher.source("kalshi", "trade-api"), clock);
        Book yes = k.book("T", 0, 50, "r");
        assertThat(Json.mapper().writeValueAsString(yes.bids())).isEqualTo("[[0.47,3]]");
        assertThat(Json.mapper().writeValueAsString(yes.asks())).isEqualTo("[[0.52,3]]");
        assertThat(yes.timestamp()).isEqualTo(clock.millis());
        Book no = k.book("T", 1, 50, "r");
        assertThat(Json.mapper().writeValueAsString(no.bids())).isEqualTo("[[0.48,3]]");
        assertThat(Json.mapper().writeValueAsString(no.asks())).isEqualTo("[[0.53,3]]");
    }

    @Test
    void realKalshiTradesNewestFirstWithTheOutcomesPrice() throws Exception {
        FixtureFetcher f = new FixtureFetcher().answer("/markets/trades", fixture("kalshi-trades.json"));
        List<Trade> yes = kalshi(f).trades("KXPGATOUR-USO26-JDAY", 0, null, null, 200, "r");
        assertThat(yes).hasSize(3);
        assertThat(yes.get(0).price().toPlainString()).isEqualTo("0.03");
        assertThat(yes.get(0).size().toPlainString()).isEqualTo("7.77");
        assertThat(yes.get(0).aggressorSide()).isEqualTo("buy");
        assertThat(yes.get(0).timestamp())
                .isEqualTo(Instant.parse("2026-06-15T15:48:42.609997Z").toEpochMilli());
        assertThat(yes.get(0).tradeId()).isEqualTo("56932642-f55c-41a6-1cad-35b95c27373b");
        assertThat(yes.get(0).timestamp()).isGreaterThanOrEqualTo(yes.get(1).timestamp());
        List<Trade> no = kalshi(f).trades("KXPGATOUR-USO26-JDAY", 1, null, null, 2, "r");
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
        List<Candle> yes = kalshi(f).candles("KXHIGHNY-24JAN01-T60", 0, Candles.Interval.ONE_HOUR, w, "r");
        assertThat(yes).hasSize(2);
        assertThat(yes.get(0).timestamp()).isEqualTo((1704063600L - 3600) * 1000);
        assertThat(yes.get(0).open().toPlainString()).isEqualTo("0.43");
        assertThat(yes.get(0).volume().toPlainString()).isEqualTo("37");
        assertThat(yes.get(0).openInterest().toPlainString()).isEqualTo("1204");
        assertThat(yes.get(1).open().toPlainString())
                .as("no trades: flat at the previous price")
                .isEqualTo("0.44");
        assertThat(yes.get(1).volume()).isEqualByComparingTo("0");
        List<Candle> no = kalshi(f).candles("KXHIGHNY-24JAN01-T60", 1, Candles.Interval.ONE_HOUR, w, "r");
        assertThat(no.get(0).high().toPlainString()).as("NO high = 1 − YES low").isEqualTo("0.58");
        assertThat(no.get(0).low().toPlainString()).isEqualTo("0.56");
        List<Candle> sixHours = kalshi(f).candles("KXHIGHNY-24JAN01-T60", 0, Candles.Interval.SIX_HOURS, w, "r");
        assertThat(sixHours).hasSize(1);
        assertThat(sixHours.get(0).volume().toPlainString()).isEqualTo("37");
        assertThat(sixHours.get(0).close().toPlainString()).isEqualTo("0.44");
    }
}
