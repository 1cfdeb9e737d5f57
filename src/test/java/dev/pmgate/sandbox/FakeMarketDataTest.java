package dev.pmgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pmgate.support.TestData;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fakes' public market-data endpoints keep the recorded shapes (every field the recorded answer
 * has that pmgate reads is present, with the same JSON type) and the exchanges' quirks.
 */
class FakeMarketDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FakeKalshi kalshi;
    private static FakePolymarket poly;

    @BeforeAll
    static void start() {
        kalshi = new FakeKalshi().start();
        poly = new FakePolymarket().start();
        kalshi.addMarket("KXFAKE-26-A", "KXFAKE-26", PriceLevelStructure.LINEAR_CENT, 0);
        kalshi.addMarket("KXFAKE-26-B", "KXFAKE-26", PriceLevelStructure.LINEAR_CENT, 0);
        kalshi.addMarket("KXFAKE-26-C", "KXFAKE-26", PriceLevelStructure.LINEAR_CENT, 0);
        kalshi.addLiquidity("KXFAKE-26-A", BookSide.BID, new BigDecimal("0.47"), new BigDecimal("3"));
        kalshi.addLiquidity("KXFAKE-26-A", BookSide.ASK, new BigDecimal("0.52"), new BigDecimal("3"));
        poly.addMarket(FakePolymarket.Market.binary("0x" + "a1".repeat(32), "111", "222", "0.01", false));
        poly.addMarket(FakePolymarket.Market.binary("0x" + "b2".repeat(32), "333", "444", "0.01", false));
        poly.addMarket(FakePolymarket.Market.binary("0x" + "c3".repeat(32), "555", "666", "0.01", false));
    }

    @AfterAll
    static void stop() {
        kalshi.close();
        poly.close();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String url) throws Exception {
        HttpResponse<String> r = get(url);
        assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Every field of {@code recorded} named in {@code fields} is in {@code fake} with the same JSON node type. */
    private static void sameShape(JsonNode recorded, JsonNode fake, List<String> fields) {
        for (String f : fields) {
            assertThat(recorded.has(f)).as("recorded has " + f).isTrue();
            assertThat(fake.has(f)).as("fake has " + f).isTrue();
            if (!recorded.get(f).isNull() && !fake.get(f).isNull()) {
                assertThat(fake.get(f).getNodeType())
                        .as(f)
                        .isEqualTo(recorded.get(f).getNodeType());
            }
        }
    }

    @Test
    void kalshiMarketObjectsHaveTheRecordedShape() throws Exception {
        JsonNode recorded = TestData.json("fixtures/market-data/kalshi-markets.json");
        JsonNode fake = json(kalshi.baseUrl() + "/markets?tickers=KXFAKE-26-A");
        assertThat(fake.get("cursor").asText()).as("last page: empty cursor").isEmpty();
        sameShape(
                recorded.get("markets").get(0),
                fake.get("markets").get(0),
                List.of(
                        "ticker",
                        "event_ticker",
                        "title",
                        "status",
                        "market_type",
                        "yes_bid_dollars",
                        "yes_ask_dollars",
                        "yes_bid_size_fp",
                        "yes_ask_size_fp",
                        "last_price_dollars",
                        "volume_fp",
                        "volume_24h_fp",
                        "open_interest_fp",
                        "liquidity_dollars",
                        "created_time",
                        "close_time",
                        "open_time",
                        "updated_time",
                        "rules_primary",
                        "rules_secondary",
                        "price_ranges",
                        "price_level_structure"));
        JsonNode m = fake.get("markets").get(0);
        assertThat(m.get("yes_bid_dollars").asText()).isEqualTo("0.4700");
        assertThat(m.get("yes_ask_dollars").asText()).isEqualTo("0.5200");
        JsonNode book = json(kalshi.baseUrl() + "/markets/KXFAKE-26-A/orderbook");
        JsonNode recordedBook = TestData.json("fixtures/market-data/kalshi-orderbook.json");
        assertThat(book.get("orderbook_fp").get("yes_dollars").toString())
                .isEqualTo(recordedBook.get("orderbook_fp").get("yes_dollars").toString());
        assertThat(book.get("orderbook_fp").get("no_dollars").toString())
                .isEqualTo(recordedBook.get("orderbook_fp").get("no_dollars").toString());
    }

    @Test
    void kalshiListingQuirks() throws Exception {
        HttpResponse<String> over = get(kalshi.baseUrl() + "/markets?limit=1001");
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(over.body()).get("msg").asText()).contains("'lte' tag");
        Set<String> seen = new HashSet<>();
        String cursor = "";
        do {
            JsonNode page = json(kalshi.baseUrl() + "/markets?limit=1&event_ticker=KXFAKE-26"
                    + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            page.get("markets")
                    .forEach(m -> assertThat(seen.add(m.get("ticker").asText())).isTrue());
            cursor = page.get("cursor").asText();
        } while (!cursor.isEmpty());
        assertThat(seen).containsExactlyInAnyOrder("KXFAKE-26-A", "KXFAKE-26-B", "KXFAKE-26-C");
        JsonNode garbage = json(kalshi.baseUrl() + "/markets?limit=1&event_ticker=KXFAKE-26&cursor=garbage");
        assertThat(garbage.get("markets").get(0).get("ticker").asText())
                .as("garbage cursor: page 1")
                .isEqualTo("KXFAKE-26-A");
        assertThat(get(kalshi.baseUrl() + "/markets/NOPE").statusCode()).isEqualTo(404);
        assertThat(get(kalshi.baseUrl() + "/markets/KXFAKE-26-A/orderbook?depth=101")
                        .statusCode())
                .isEqualTo(400);
        assertThat(get(kalshi.baseUrl()
                                + "/markets/candlesticks?market_tickers=KXFAKE-26-A&start_ts=0&end_ts=60&period_interval=5")
                        .statusCode())
                .isEqualTo(400);
        JsonNode events = json(kalshi.baseUrl() + "/events?with_nested_markets=true&tickers=KXFAKE-26");
        assertThat(events.get("events").get(0).get("markets")).hasSize(3);
    }

    @Test
    void gammaKeysetPagesWithAfterCursorOnly() throws Exception {
        Set<String> seen = new HashSet<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = json(poly.gammaUrl() + "/markets/keyset?limit=1&closed=false"
                    + (next == null ? "" : "&after_cursor=" + next));
            page.get("markets")
                    .forEach(m ->
                            assertThat(seen.add(m.get("conditionId").asText())).isTrue());
            next = page.has("next_cursor") ? page.get("next_cursor").asText() : null;
            pages++;
        } while (next != null && pages < 10);
        assertThat(seen).hasSize(3);
        JsonNode first = json(poly.gammaUrl() + "/markets/keyset?limit=1&closed=false");
        JsonNode ignored = json(poly.gammaUrl() + "/markets/keyset?limit=1&closed=false&cursor="
                + first.get("next_cursor").asText());
        assertThat(ignored.get("markets").toString())
                .as("cursor= is ignored, as on Gamma")
                .isEqualTo(first.get("markets").toString());
        JsonNode recorded = TestData.json("fixtures/market-data/polymarket-gamma-markets.json")
                .get("markets")
                .get(1);
        sameShape(
                recorded,
                first.get("markets").get(0),
                List.of(
                        "id",
                        "question",
                        "conditionId",
                        "slug",
                        "version",
                        "outcomes",
                        "outcomePrices",
                        "closed",
                        "archived",
                        "acceptingOrders",
                        "volume",
                        "volumeNum",
                        "liquidityNum",
                        "orderPriceMinTickSize",
                        "feesEnabled",
                        "events"));
        assertThat(first.get("markets").get(0).get("outcomes").isTextual())
                .as("JSON-encoded string array")
                .isTrue();
    }

    @Test
    void clobBookAndDataApiKeepTheirWireConventions() throws Exception {
        poly.addBookLevel("111", true, new BigDecimal("0.40"), new BigDecimal("5"));
        poly.addBookLevel("111", true, new BigDecimal("0.45"), new BigDecimal("7"));
        poly.addBookLevel("111", false, new BigDecimal("0.55"), new BigDecimal("1"));
        poly.addBookLevel("111", false, new BigDecimal("0.60"), new BigDecimal("2"));
        JsonNode book = json(poly.clobUrl() + "/book?token_id=111");
        assertThat(book.get("bids").get(0).get("price").asText())
                .as("bids ascending: best last")
                .isEqualTo("0.40");
        assertThat(book.get("asks").get(0).get("price").asText())
                .as("asks descending: best last")
                .isEqualTo("0.60");
        assertThat(book.get("timestamp").isTextual()).isTrue();
        HttpResponse<String> none = get(poly.clobUrl() + "/book?token_id=999");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("No orderbook exists");
        assertThat(get(poly.dataUrl() + "/trades?market=0x" + "a1".repeat(32) + "&offset=10001")
                        .statusCode())
                .isEqualTo(400);
        assertThat(json(poly.dataUrl() + "/trades?market=0x" + "a1".repeat(32)).isArray())
                .isTrue();
        assertThat(get(poly.clobUrl() + "/prices-history?market=111&interval=1d&startTs=1")
                        .statusCode())
                .isEqualTo(400);
    }
}
