package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.marketdata.PublicCache;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.resilience.UpstreamGuard;
import dev.pmgate.sandbox.BookSide;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.sandbox.FakePolymarketPublic;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.sandbox.RecordedRequest;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.LeakScanner;
import dev.pmgate.support.Outputs;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Public market data end to end (SPEC §8, Parsec shapes) against the strict fakes: every response
 * pinned field by field for both exchanges, pagination, filters, unknown ids, the shared cache, an
 * upstream failure counted by the breaker, and credentials that never go anywhere.
 */
class MarketDataIT extends GatewayIT {

    @Autowired
    private PublicCache cache;

    @Autowired
    @Qualifier("kalshiUpstream")
    private UpstreamGuard kalshiGuard;

    @Autowired
    @Qualifier("polymarketUpstream")
    private UpstreamGuard polymarketGuard;

    private final String tag = "md" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void freshCache() {
        cache.clear();
    }

    private HttpCall.Response get(String pathAndQuery) {
        return api("GET", pathAndQuery).send();
    }

    /** A Kalshi market with a book: YES bids 0.47×3, 0.45×10; YES asks (NO bids 0.48×3, 0.40×5) 0.52×3, 0.60×5. */
    private String kalshiMarket(String suffix) {
        String event = ("KX" + tag + "-EV").toUpperCase();
        String ticker = event + "-" + suffix;
        KALSHI.addMarket(ticker, event, PriceLevelStructure.LINEAR_CENT, 0);
        KALSHI.publicData().market(ticker).title = "Will " + tag + " " + suffix + " happen?";
        KALSHI.publicData().event(event, "Event " + tag, "KX" + tag.toUpperCase());
        KALSHI.publicData().series("KX" + tag.toUpperCase(), "quadratic", new BigDecimal("1"));
        KALSHI.addLiquidity(ticker, BookSide.BID, new BigDecimal("0.47"), new BigDecimal("3"));
        KALSHI.addLiquidity(ticker, BookSide.BID, new BigDecimal("0.45"), new BigDecimal("10"));
        KALSHI.addLiquidity(ticker, BookSide.ASK, new BigDecimal("0.52"), new BigDecimal("3"));
        KALSHI.addLiquidity(ticker, BookSide.ASK, new BigDecimal("0.60"), new BigDecimal("5"));
        return ticker;
    }

    private record Poly(String conditionId, String yes, String no) {}

    private Poly polymarketMarket() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        String cid = "0x" + (hex + hex).substring(0, 64);
        String yes = "1" + Math.abs(UUID.randomUUID().getMostSignificantBits());
        String no = "2" + Math.abs(UUID.randomUUID().getMostSignificantBits());
        POLYMARKET.addMarket(FakePolymarket.Market.binary(cid, yes, no, "0.01", false));
        FakePolymarketPublic.GammaMarket g = POLYMARKET.gamma(cid);
        g.question = "Will " + tag + " poly " + cid.substring(2, 8) + " happen?";
        g.eventTitle = "Poly event " + tag;
        g.volume = new BigDecimal("1234.5");
        g.liquidity = new BigDecimal("250.25");
        g.outcomePrices = List.of("0.615", "0.385");
        g.feesEnabled = true;
        g.feeRate = new BigDecimal("0.07");
        // wire order as the CLOB sends it does not matter: the gateway sorts
        POLYMARKET.addBookLevel(yes, true, new BigDecimal("0.60"), new BigDecimal("100"));
        POLYMARKET.addBookLevel(yes, true, new BigDecimal("0.58"), new BigDecimal("50"));
        POLYMARKET.addBookLevel(yes, false, new BigDecimal("0.62"), new BigDecimal("10"));
        POLYMARKET.addBookLevel(yes, false, new BigDecimal("0.65"), new BigDecimal("20.5"));
        return new Poly(cid, yes, no);
    }

    // ---------------------------------------------------------------------------------- exchanges

    @Test
    void exchangesListsBothWithHonestCapabilities() {
        HttpCall.Response r = get("/exchanges");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode list = r.json();
        assertThat(list.isArray()).isTrue();
        assertThat(list).extracting(e -> e.get("id").asText()).containsExactly("kalshi", "polymarket");
        for (JsonNode e : list) {
            assertThat(e.get("name").isTextual()).isTrue();
            JsonNode has = e.get("has");
            for (String k : List.of(
                    "fetch_markets",
                    "create_order",
                    "cancel_order",
                    "fetch_positions",
                    "fetch_balance",
                    "fetch_orderbook",
                    "fetch_price_history",
                    "fetch_trades",
                    "fetch_events")) {
                assertThat(has.get(k).isBoolean() && has.get(k).booleanValue())
                        .as(k)
                        .isTrue();
            }
            for (String k : List.of("fetch_user_activity", "approvals", "refresh_balance", "websocket")) {
                assertThat(has.get(k).isBoolean() && !has.get(k).booleanValue())
                        .as(k)
                        .isTrue();
            }
        }
        assertThat(HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/exchanges")
                        .send()
                        .status())
                .isEqualTo(401);
    }

    // ---------------------------------------------------------------------------------- markets

    private static void assertParsecMarket(JsonNode m, String exchange) {
        for (String f : List.of(
                "parsec_id",
                "exchange",
                "exchange_market_id",
                "exchange_group_id",
                "parsec_group_id",
                "group_title",
                "question",
                "status",
                "market_type")) {
            assertThat(m.get(f).isTextual()).as(f + " in " + m).isTrue();
        }
        assertThat(m.get("exchange").asText()).isEqualTo(exchange);
        assertThat(m.get("parsec_id").asText())
                .isEqualTo(exchange + ":" + m.get("exchange_market_id").asText());
        assertThat(m.get("status").asText()).isIn("open", "closed", "resolved", "upcoming", "paused", "archived");
        assertThat(m.get("volume_total").isNumber()).isTrue();
        assertThat(m.get("outcomes").isArray()).isTrue();
        for (JsonNode o : m.get("outcomes")) {
            assertThat(o.get("name").isTextual()).isTrue();
            assertThat(o.get("price").isNull() || o.get("price").isNumber()).isTrue();
        }
        for (String f : List.of("best_bid", "best_ask", "last_price", "liquidity", "open_interest", "volume_24h")) {
            assertThat(m.has(f) && (m.get(f).isNull() || m.get(f).isNumber()))
                    .as(f)
                    .isTrue();
        }
    }

    @Test
    void kalshiMarketIsPinnedToTheParsecModel() {
        String ticker = kalshiMarket("A");
        HttpCall.Response r = get("/markets?parsec_ids=kalshi:" + ticker);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode page = r.json();
        assertThat(page.get("markets")).hasSize(1);
        JsonNode m = page.get("markets").get(0);
        assertParsecMarket(m, "kalshi");
        assertThat(m.get("group_title").asText()).isEqualTo("Event " + tag);
        assertThat(m.get("question").asText()).isEqualTo("Will " + tag + " A happen?");
        assertThat(m.get("status").asText()).isEqualTo("open");
        assertThat(m.get("best_bid").decimalValue()).isEqualByComparingTo("0.47");
        assertThat(m.get("best_ask").decimalValue()).isEqualByComparingTo("0.52");
        assertThat(m.get("liquidity").isNull())
                .as("Kalshi liquidity is deprecated")
                .isTrue();
        assertThat(m.get("outcomes").get(0).get("price").toString()).isEqualTo("0.495");
        assertThat(m.get("outcomes").get(1).get("price").toString()).isEqualTo("0.505");
        assertThat(m.get("outcomes").get(0).get("token_id").asText()).isEqualTo(ticker);
        assertThat(page.get("pagination").get("count").asInt()).isEqualTo(1);
        assertThat(page.get("pagination").get("has_more").asBoolean()).isFalse();
        assertThat(page.get("pagination").get("next_cursor").isNull()).isTrue();
    }

    @Test
    void polymarketMarketIsPinnedToTheParsecModel() {
        Poly p = polymarketMarket();
        HttpCall.Response r = get("/markets?parsec_ids=polymarket:" + p.conditionId());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode m = r.json().get("markets").get(0);
        assertParsecMarket(m, "polymarket");
        assertThat(m.get("condition_id").asText()).isEqualTo(p.conditionId());
        assertThat(m.get("volume_total").toString()).isEqualTo("1234.5");
        assertThat(m.get("liquidity").toString()).isEqualTo("250.25");
        assertThat(m.get("group_title").asText()).isEqualTo("Poly event " + tag);
        assertThat(m.get("outcomes").get(0).get("token_id").asText()).isEqualTo(p.yes());
        assertThat(m.get("outcomes").get(1).get("token_id").asText()).isEqualTo(p.no());
        assertThat(m.get("outcomes").get(0).get("price").toString()).isEqualTo("0.615");
        assertThat(m.get("market_type").asText()).isEqualTo("binary");
    }

    @Test
    void aProtocolV2MarketTradesItsPositionIds() {
        Poly p = polymarketMarket();
        POLYMARKET.gamma(p.conditionId()).version = "v2";
        JsonNode m = get("/markets?parsec_ids=polymarket:" + p.conditionId())
                .json()
                .get("markets")
                .get(0);
        assertThat(m.get("outcomes").get(0).get("token_id").asText()).isEqualTo(p.yes());
        assertThat(get("/orderbook?parsec_id=polymarket:" + p.conditionId())
                        .json()
                        .get("token_id")
                        .asText())
                .isEqualTo(p.yes());
    }

    @Test
    void theCursorWalksEveryMatchingMarketExactlyOnceAcrossBothExchanges() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            expected.add("kalshi:" + kalshiMarket("W" + i));
        }
        for (int i = 0; i < 4; i++) {
            expected.add("polymarket:" + polymarketMarket().conditionId());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 20; pages++) {
            HttpCall.Response r = get("/markets?exchanges=kalshi,polymarket&search=" + tag + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.get("markets").size()).isLessThanOrEqualTo(2);
            assertThat(page.get("pagination").get("count").asInt())
                    .isEqualTo(page.get("markets").size());
            page.get("markets").forEach(m -> seen.add(m.get("parsec_id").asText()));
            JsonNode next = page.get("pagination").get("next_cursor");
            assertThat(page.get("pagination").get("has_more").asBoolean()).isEqualTo(!next.isNull());
            if (next.isNull()) {
                break;
            }
            cursor = next.asText();
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(expected);
        // kalshi first, then polymarket
        assertThat(seen.subList(0, 5)).allMatch(id -> id.startsWith("kalshi:"));

        // a numeric cursor is an offset into the same filtered listing
        JsonNode offset = get("/markets?exchanges=kalshi,polymarket&search=" + tag + "&limit=3&cursor=4")
                .json();
        assertThat(offset.get("markets"))
                .extracting(m -> m.get("parsec_id").asText())
                .containsExactlyElementsOf(seen.subList(4, 7));
        // a cursor of another query is refused
        String firstCursor = get("/markets?exchanges=kalshi&search=" + tag + "&limit=1")
                .json()
                .get("pagination")
                .get("next_cursor")
                .asText();
        HttpCall.Response foreign = get("/markets?exchanges=polymarket&search=" + tag + "&cursor=" + firstCursor);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("code").asText()).isEqualTo("validation_error");
    }

    @Test
    void filtersSelectByExchangeStatusVolumeLiquidityAndEvent() {
        String open = kalshiMarket("F1");
        String closed = kalshiMarket("F2");
        KALSHI.publicData().market(closed).status = "finalized";
        Poly big = polymarketMarket();
        Poly small = polymarketMarket();
        POLYMARKET.gamma(small.conditionId()).volume = new BigDecimal("10");
        POLYMARKET.gamma(small.conditionId()).liquidity = new BigDecimal("1");

        JsonNode onlyKalshi =
                get("/markets?exchanges=kalshi&search=" + tag + "&limit=50").json();
        assertThat(onlyKalshi.get("markets"))
                .allMatch(m -> m.get("exchange").asText().equals("kalshi"))
                .hasSize(2);
        JsonNode resolved = get("/markets?exchanges=kalshi&search=" + tag + "&status=resolved")
                .json();
        assertThat(resolved.get("markets"))
                .extracting(m -> m.get("exchange_market_id").asText())
                .containsExactly(closed);
        JsonNode openOnly =
                get("/markets?exchanges=kalshi&search=" + tag + "&status=open").json();
        assertThat(openOnly.get("markets"))
                .extracting(m -> m.get("exchange_market_id").asText())
                .containsExactly(open);
        JsonNode rich = get("/markets?exchanges=polymarket&search=" + tag + "&min_volume=100&min_liquidity=100")
                .json();
        assertThat(rich.get("markets"))
                .extracting(m -> m.get("condition_id").asText())
                .containsExactly(big.conditionId());
        String event = open.substring(0, open.lastIndexOf('-'));
        JsonNode byEvent = get("/markets?exchanges=kalshi&event_id=" + event).json();
        assertThat(byEvent.get("markets"))
                .extracting(m -> m.get("exchange_market_id").asText())
                .containsExactlyInAnyOrder(open, closed);
        JsonNode byGroup = get("/markets?exchanges=polymarket&group_id=polymarket:"
                        + POLYMARKET.gamma(big.conditionId()).eventId)
                .json();
        assertThat(byGroup.get("markets"))
                .extracting(m -> m.get("condition_id").asText())
                .containsExactly(big.conditionId());

        assertThat(get("/markets").json().get("code").asText()).isEqualTo("missing_parameter");
        assertThat(get("/markets?exchanges=binance").json().get("code").asText())
                .isEqualTo("exchange_not_found");
        assertThat(get("/markets?exchanges=kalshi&status=weird").status()).isEqualTo(400);
    }

    @Test
    void eventsCarryTheirMarketsOnRequest() {
        String t1 = kalshiMarket("E1");
        kalshiMarket("E2");
        HttpCall.Response r = get("/events?exchanges=kalshi&search=" + tag + "&include_markets=true");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode e = r.json().get("events").get(0);
        assertThat(e.get("event_id").asText()).isEqualTo(t1.substring(0, t1.lastIndexOf('-')));
        assertThat(e.get("title").asText()).isEqualTo("Event " + tag);
        assertThat(e.get("status").asText()).isEqualTo("open");
        assertThat(e.get("exchanges")).extracting(JsonNode::asText).containsExactly("kalshi");
        assertThat(e.get("market_count").asInt()).isEqualTo(2);
        assertThat(e.get("total_volume").isNumber()).isTrue();
        assertThat(e.get("markets")).hasSize(2);
        Poly p = polymarketMarket();
        JsonNode pe = get("/events?exchanges=polymarket&search=" + tag)
                .json()
                .get("events")
                .get(0);
        assertThat(pe.get("title").asText()).isEqualTo("Poly event " + tag);
        assertThat(pe.get("markets").isNull()).isTrue();
        assertThat(pe.get("market_count").asInt()).isEqualTo(1);
        assertThat(pe.get("total_volume").toString()).isEqualTo("1234.5");
        assertThat(p.conditionId()).isNotNull();
    }

    // ---------------------------------------------------------------------------------- books, execution

    private static void assertBook(JsonNode book) {
        BigDecimal previous = null;
        for (JsonNode l : book.get("bids")) {
            assertThat(l.isArray() && l.size() == 2).isTrue();
            BigDecimal p = l.get(0).decimalValue();
            assertThat(p).isGreaterThan(BigDecimal.ZERO).isLessThan(BigDecimal.ONE);
            assertThat(l.get(1).decimalValue()).isPositive();
            if (previous != null) {
                assertThat(p).as("bids descending").isLessThan(previous);
            }
            previous = p;
        }
        previous = null;
        for (JsonNode l : book.get("asks")) {
            BigDecimal p = l.get(0).decimalValue();
            assertThat(p).isGreaterThan(BigDecimal.ZERO).isLessThan(BigDecimal.ONE);
            if (previous != null) {
                assertThat(p).as("asks ascending").isGreaterThan(previous);
            }
            previous = p;
        }
    }

    @Test
    void kalshiBooksDeriveEachOutcomesAsksFromTheOtherSide() {
        String ticker = kalshiMarket("B");
        JsonNode yes = get("/orderbook?parsec_id=kalshi:" + ticker).json();
        assertBook(yes);
        assertThat(yes.get("parsec_id").asText()).isEqualTo("kalshi:" + ticker);
        assertThat(yes.get("token_id").asText()).isEqualTo(ticker);
        assertThat(yes.get("outcome").asText()).isEqualTo("Yes");
        assertThat(yes.get("bids").toString()).isEqualTo("[[0.47,3],[0.45,10]]");
        assertThat(yes.get("asks").toString()).isEqualTo("[[0.52,3],[0.6,5]]");
        assertThat(yes.get("mid_price").toString()).isEqualTo("0.495");
        assertThat(yes.get("spread").toString()).isEqualTo("0.05");
        JsonNode no = get("/orderbook?parsec_id=kalshi:" + ticker + "&outcome=no&depth=1")
                .json();
        assertThat(no.get("bids").toString()).isEqualTo("[[0.48,3]]");
        assertThat(no.get("asks").toString()).isEqualTo("[[0.53,3]]");
    }

    @Test
    void polymarketBooksAreSortedAndAnUnbookedTokenIsEmpty() {
        Poly p = polymarketMarket();
        JsonNode book = get("/orderbook?parsec_id=polymarket:" + p.conditionId() + "&outcome=YES")
                .json();
        assertBook(book);
        assertThat(book.get("bids").toString()).isEqualTo("[[0.6,100],[0.58,50]]");
        assertThat(book.get("asks").toString()).isEqualTo("[[0.62,10],[0.65,20.5]]");
        assertThat(book.get("timestamp").isNumber()).isTrue();
        JsonNode no = get("/orderbook?parsec_id=polymarket:" + p.conditionId() + "&outcome=No")
                .json();
        assertThat(no.get("token_id").asText()).isEqualTo(p.no());
        assertThat(no.get("bids")).isEmpty();
        assertThat(get("/orderbook?parsec_id=polymarket:" + p.conditionId() + "&outcome=maybe")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void executionPriceWalksTheBookWithTheExchangesFeeFormula() {
        String ticker = kalshiMarket("X");
        JsonNode k = get("/execution-price?parsec_id=kalshi:" + ticker + "&outcome=yes&side=buy&amount=5")
                .json();
        // 3 @ 0.52 + 2 @ 0.60 = 2.76; fee ceil_to_cent(0.07·(3·0.52·0.48 + 2·0.6·0.4)) = ceil(0.085) = 0.09
        assertThat(k.get("filled_amount").toString()).isEqualTo("5");
        assertThat(k.get("total_cost").toString()).isEqualTo("2.76");
        assertThat(k.get("fully_filled").asBoolean()).isTrue();
        assertThat(k.get("levels_consumed").asInt()).isEqualTo(2);
        assertThat(k.get("avg_price").toString()).isEqualTo("0.552");
        assertThat(k.get("worst_price").toString()).isEqualTo("0.6");
        assertThat(k.get("slippage").toString()).isEqualTo("0.032");
        assertThat(k.get("fee_estimate").toString()).isEqualTo("0.09");
        assertThat(k.get("net_cost").toString()).isEqualTo("2.85");
        JsonNode tooBig = get("/execution-price?parsec_id=kalshi:" + ticker + "&outcome=no&side=sell&amount=100")
                .json();
        assertThat(tooBig.get("fully_filled").asBoolean()).isFalse();
        // selling NO hits the NO bids, which are the YES asks seen from the other side: 0.48×3, 0.40×5
        assertThat(tooBig.get("filled_amount").toString()).isEqualTo("8");
        assertThat(tooBig.get("worst_price").toString()).isEqualTo("0.4");
        Poly p = polymarketMarket();
        JsonNode pm = get("/execution-price?parsec_id=polymarket:" + p.conditionId()
                        + "&outcome=yes&side=sell&amount=120")
                .json();
        // 100 @ 0.60 + 20 @ 0.58 = 71.6; fee 0.07·(100·0.24 + 20·0.2436) = 0.07·28.872 = 2.02104 (5 dp)
        assertThat(pm.get("total_cost").toString()).isEqualTo("71.6");
        assertThat(pm.get("fee_estimate").toString()).isEqualTo("2.02104");
        assertThat(pm.get("net_cost").toString()).isEqualTo("69.57896");
        assertThat(get("/execution-price?parsec_id=kalshi:" + ticker + "&side=buy&amount=1")
                        .status())
                .isEqualTo(400);
        assertThat(get("/execution-price?parsec_id=kalshi:" + ticker + "&outcome=yes&side=buy&amount=-1")
                        .status())
                .isEqualTo(400);
    }

    // ---------------------------------------------------------------------------------- trades, candles

    @Test
    void tradesAndCandlesFromBothTapes() {
        String ticker = kalshiMarket("T");
        long now = Instant.now().getEpochSecond();
        long hour = now / 3600 * 3600 - 3600;
        KALSHI.publicData()
                .trade(ticker, new BigDecimal("0.40"), new BigDecimal("2"), "yes", Instant.ofEpochSecond(hour + 60));
        KALSHI.publicData()
                .trade(ticker, new BigDecimal("0.45"), new BigDecimal("1.5"), "no", Instant.ofEpochSecond(hour + 120));
        JsonNode trades =
                get("/trades?parsec_id=kalshi:" + ticker + "&outcome=no").json();
        assertThat(trades.get("token_id").asText()).isEqualTo(ticker);
        assertThat(trades.get("trades")).hasSize(2);
        JsonNode newest = trades.get("trades").get(0);
        assertThat(newest.get("price").toString()).isEqualTo("0.55");
        assertThat(newest.get("size").toString()).isEqualTo("1.5");
        assertThat(newest.get("aggressor_side").asText()).isEqualTo("buy");
        assertThat(newest.get("timestamp").asLong()).isEqualTo((hour + 120) * 1000);
        assertThat(newest.get("source_channel").asText()).isEqualTo("rest");
        assertThat(newest.get("trade_id").isTextual()).isTrue();

        JsonNode candles = get("/price-history?parsec_id=kalshi:" + ticker + "&interval=1h&start_ts=" + (hour - 7200)
                        + "&end_ts=" + (hour + 3600))
                .json();
        assertThat(candles.get("interval").asText()).isEqualTo("1h");
        JsonNode c = candles.get("candles").get(candles.get("candles").size() - 1);
        assertThat(c.get("timestamp").asLong()).isEqualTo(hour * 1000);
        assertThat(c.get("open").toString()).isEqualTo("0.4");
        assertThat(c.get("high").toString()).isEqualTo("0.45");
        assertThat(c.get("close").toString()).isEqualTo("0.45");
        assertThat(c.get("volume").toString()).isEqualTo("3.5");
        for (JsonNode candle : candles.get("candles")) {
            for (String f : List.of("timestamp", "open", "high", "low", "close", "volume")) {
                assertThat(candle.get(f).isNumber()).as(f).isTrue();
            }
        }

        Poly p = polymarketMarket();
        POLYMARKET.addPricePoint(p.yes(), hour + 10, new BigDecimal("0.61"));
        POLYMARKET.addPricePoint(p.yes(), hour + 1800, new BigDecimal("0.64"));
        POLYMARKET.addPricePoint(p.yes(), hour - 3000, new BigDecimal("0.5"));
        POLYMARKET.addPublicTrade(
                p.conditionId(),
                p.yes(),
                PolymarketSide.BUY,
                new BigDecimal("7.25"),
                new BigDecimal("0.63"),
                hour + 900);
        POLYMARKET.addPublicTrade(
                p.conditionId(), p.no(), PolymarketSide.SELL, new BigDecimal("4"), new BigDecimal("0.37"), hour + 901);
        JsonNode pt = get("/trades?parsec_id=polymarket:" + p.conditionId()).json();
        assertThat(pt.get("trades")).hasSize(1);
        assertThat(pt.get("trades").get(0).get("size").toString()).isEqualTo("7.25");
        assertThat(pt.get("trades").get(0).get("trade_id").isNull()).isTrue();
        JsonNode pc = get("/price-history?parsec_id=polymarket:" + p.conditionId() + "&interval=1h&start_ts="
                        + (hour - 3600) + "&end_ts=" + (hour + 3599))
                .json();
        assertThat(pc.get("candles")).hasSize(2);
        assertThat(pc.get("candles").get(0).get("volume").toString())
                .as("no trades: volume 0")
                .isEqualTo("0");
        JsonNode last = pc.get("candles").get(1);
        assertThat(last.get("open").toString()).isEqualTo("0.61");
        assertThat(last.get("high").toString()).isEqualTo("0.64");
        assertThat(last.get("volume").toString()).isEqualTo("7.25");
        assertThat(get("/price-history?parsec_id=polymarket:" + p.conditionId() + "&interval=2h")
                        .status())
                .isEqualTo(400);
    }

    // ---------------------------------------------------------------------------------- errors, cache, breaker

    @Test
    void unknownAndMalformedIds() {
        HttpCall.Response k = get("/orderbook?parsec_id=kalshi:KXNOPE-" + tag.toUpperCase());
        assertThat(k.status()).isEqualTo(404);
        assertThat(k.json().get("code").asText()).isEqualTo("market_not_found");
        HttpCall.Response p = get("/trades?parsec_id=polymarket:0x" + "ab".repeat(32));
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.json().get("code").asText()).isEqualTo("market_not_found");
        assertThat(get("/orderbook?parsec_id=kalshi:../portfolio")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("validation_error");
        assertThat(get("/orderbook?parsec_id=polymarket:0x12").status()).isEqualTo(400);
        assertThat(get("/orderbook").json().get("code").asText()).isEqualTo("missing_parameter");
        assertThat(get("/orderbook?parsec_id=nyse:IBM").json().get("code").asText())
                .isEqualTo("exchange_not_found");
    }

    @Test
    void publicAnswersAreCachedBrieflyAndSharedAcrossTenants() {
        String ticker = kalshiMarket("C");
        String path = "/trade-api/v2/markets/" + ticker + "/orderbook";
        long before =
                KALSHI.requests().stream().filter(r -> r.rawPath().equals(path)).count();
        assertThat(get("/orderbook?parsec_id=kalshi:" + ticker).status()).isEqualTo(200);
        HttpCall.Response other = HttpCall.to(
                        "GET", "http://127.0.0.1:" + port + "/api/v1/orderbook?parsec_id=kalshi:" + ticker)
                .header("X-API-Key", "other-key")
                .send();
        assertThat(other.status()).isEqualTo(200);
        assertThat(KALSHI.requests().stream()
                                .filter(r -> r.rawPath().equals(path))
                                .count()
                        - before)
                .as("the second tenant is served from the cache")
                .isEqualTo(1);
        // after the TTL (2 s) the book is read again
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    get("/orderbook?parsec_id=kalshi:" + ticker);
                    assertThat(KALSHI.requests().stream()
                                            .filter(r -> r.rawPath().equals(path))
                                            .count()
                                    - before)
                            .isEqualTo(2);
                });
        assertThat(cache.ttlMillis()).isEqualTo(2000);
        String scrape = HttpCall.to("GET", "http://127.0.0.1:" + port + "/actuator/prometheus")
                .send()
                .body();
        assertThat(scrape)
                .containsPattern("pmgate_market_data_cache_total\\{[^}]*result=\"hit\"[^}]*\\} [1-9]")
                .containsPattern(
                        "pmgate_market_data_requests_seconds_count\\{[^}]*endpoint=\"orderbook\"[^}]*outcome=\"ok\"")
                .contains("pmgate_market_data_cache_entries");
    }

    @Test
    void anUpstreamFailureIsASpecErrorAndCountsInTheBreaker() {
        String ticker = kalshiMarket("U");
        get("/markets?parsec_ids=kalshi:" + ticker); // market cached: the failure hits the book only
        long failedBefore = kalshiGuard.circuitBreaker().getMetrics().getNumberOfFailedCalls();
        for (int i = 0; i < 3; i++) {
            KALSHI.injectNext(
                    r -> r.rawPath().endsWith("/orderbook"),
                    dev.pmgate.sandbox.FakeFault.fail(500, "{\"error\":{\"code\":\"internal\"}}", Map.of()));
        }
        HttpCall.Response r = get("/orderbook?parsec_id=kalshi:" + ticker);
        assertThat(r.status()).as(r.body()).isEqualTo(502);
        assertThat(r.json().get("code").asText()).isEqualTo("upstream_error");
        assertThat(r.json().get("retryable").asBoolean()).isTrue();
        assertThat(r.json().get("exchange").asText()).isEqualTo("kalshi");
        assertThat(kalshiGuard.circuitBreaker().getMetrics().getNumberOfFailedCalls() - failedBefore)
                .as("first try and two retries")
                .isEqualTo(3);

        Poly p = polymarketMarket();
        get("/markets?parsec_ids=polymarket:" + p.conditionId());
        long polyBefore = polymarketGuard.circuitBreaker().getMetrics().getNumberOfFailedCalls();
        POLYMARKET.injectFault(FakePolymarket.Fault.respond(503, "{\"error\":\"down\"}")
                .on("GET", "/book")
                .times(3));
        HttpCall.Response pr = get("/orderbook?parsec_id=polymarket:" + p.conditionId());
        assertThat(pr.status()).as(pr.body()).isEqualTo(503);
        assertThat(pr.json().get("code").asText()).isEqualTo("service_unavailable");
        assertThat(polymarketGuard.circuitBreaker().getMetrics().getNumberOfFailedCalls() - polyBefore)
                .isEqualTo(3);
    }

    @Test
    void credentialsNeverTravelOnPublicCalls() {
        String ticker = kalshiMarket("K");
        Poly p = polymarketMarket();
        String secret = "canary-md-secret-" + UUID.randomUUID();
        String header = Base64.getEncoder()
                .encodeToString(("{\"private_key\":\"" + secret + "\"}").getBytes(StandardCharsets.UTF_8));
        int kalshiFrom = KALSHI.requests().size();
        int polyFrom = POLYMARKET.requests().size();
        for (String path : List.of(
                "/exchanges",
                "/markets?parsec_ids=kalshi:" + ticker + ",polymarket:" + p.conditionId(),
                "/orderbook?parsec_id=kalshi:" + ticker,
                "/orderbook?parsec_id=polymarket:" + p.conditionId(),
                "/trades?parsec_id=kalshi:" + ticker,
                "/events?exchanges=polymarket&search=" + tag,
                "/execution-price?parsec_id=kalshi:" + ticker + "&outcome=yes&side=buy&amount=1")) {
            HttpCall.Response r = api("GET", path)
                    .header("X-Exchange-Credentials", header)
                    .header("X-Request-Id", "md-" + tag)
                    .send();
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
        }
        HttpCall.Response inQuery = get("/markets?exchanges=kalshi&X-Exchange-Credentials=" + secret);
        assertThat(inQuery.status()).isEqualTo(400);
        List<String> secrets = List.of(secret, header, API_KEY);
        LeakScanner.assertNoLeak("log line", LOGS.lines(), secrets);
        LeakScanner.assertNoLeak("HTTP response", Outputs.all(), secrets);
        List<RecordedRequest> kalshiUpstream =
                KALSHI.requests().subList(kalshiFrom, KALSHI.requests().size());
        assertThat(kalshiUpstream).isNotEmpty();
        for (RecordedRequest r : kalshiUpstream) {
            assertThat(r.headers().keySet())
                    .noneMatch(h -> h.toLowerCase().startsWith("kalshi-access")
                            || h.equalsIgnoreCase("x-exchange-credentials")
                            || h.equalsIgnoreCase("x-api-key"));
            assertThat(r.header("X-Request-Id")).contains("md-" + tag);
            LeakScanner.assertNoLeak("upstream request", List.of(r.rawPathAndQuery() + r.headers()), secrets);
        }
        List<FakePolymarket.RecordedRequest> polyUpstream =
                POLYMARKET.requests().subList(polyFrom, POLYMARKET.requests().size());
        assertThat(polyUpstream).isNotEmpty();
        for (FakePolymarket.RecordedRequest r : polyUpstream) {
            assertThat(r.headers().keySet())
                    .noneMatch(h -> h.toLowerCase().startsWith("poly_")
                            || h.equalsIgnoreCase("x-exchange-credentials")
                            || h.equalsIgnoreCase("x-api-key"));
            LeakScanner.assertNoLeak("upstream request", List.of(r.allText()), secrets);
        }
    }
}
