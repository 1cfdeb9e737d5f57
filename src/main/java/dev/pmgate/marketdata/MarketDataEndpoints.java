package dev.pmgate.marketdata;

import dev.pmgate.api.CredentialsHeader;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.marketdata.ParsecModels.Candle;
import dev.pmgate.marketdata.ParsecModels.Event;
import dev.pmgate.marketdata.ParsecModels.EventPage;
import dev.pmgate.marketdata.ParsecModels.ExchangeInfo;
import dev.pmgate.marketdata.ParsecModels.ExecutionPrice;
import dev.pmgate.marketdata.ParsecModels.Market;
import dev.pmgate.marketdata.ParsecModels.MarketPage;
import dev.pmgate.marketdata.ParsecModels.OrderBook;
import dev.pmgate.marketdata.ParsecModels.Pagination;
import dev.pmgate.marketdata.ParsecModels.PriceHistory;
import dev.pmgate.marketdata.ParsecModels.TradeList;
import dev.pmgate.pipeline.ErrorTranslator;
import dev.pmgate.pipeline.Headers;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.pipeline.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;

/**
 * The public market-data endpoints (SPEC §8): {@code /exchanges}, {@code /markets}, {@code /events},
 * {@code /orderbook}, {@code /trades}, {@code /price-history}, {@code /execution-price}. They need the
 * caller's {@code X-API-Key} only. A credentials header is dropped unread at the edge (the Parsec SDK
 * may send one on every call); credentials in the query string are refused as everywhere.
 *
 * <p>Exchange-neutral: each exchange answers through its {@link PublicMarkets} bean, and the endpoints merge,
 * filter and page what those beans list.
 */
public class MarketDataEndpoints {

    /** Exchange property naming the endpoint, set by its route. */
    static final String ENDPOINT = "pmgateMarketDataEndpoint";

    static final String QUERY = "pmgateMarketDataParams";

    private final PublicExchanges exchanges;
    private final Clock clock;
    private final MeterRegistry meters;

    MarketDataEndpoints(List<? extends PublicMarkets> exchanges, Clock clock, MeterRegistry meters) {
        this.exchanges = new PublicExchanges(exchanges);
        this.clock = clock;
        this.meters = meters;
    }

    // ------------------------------------------------------------------------------------ edge

    /** Request id, query parameters, then every inbound header dropped except X-API-Key (checked next). */
    public void read(Exchange exchange) {
        var in = exchange.getIn();
        Map<String, String> query = RequestIds.beginHttp(exchange);
        Headers.keepOnly(in, CredentialsHeader.API_KEY);
        in.setBody(null);
        exchange.setProperty(QUERY, new MarketQuery(query));
    }

    /** Runs the endpoint named by {@link #ENDPOINT}; the body becomes a {@link GatewayResult}. */
    public void handle(Exchange exchange) throws Exception {
        String endpoint = exchange.getProperty(ENDPOINT, String.class);
        MarketQuery q = exchange.getProperty(QUERY, MarketQuery.class);
        String rid = exchange.getProperty(Pipeline.REQUEST_ID, String.class);
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            Object payload = switch (endpoint) {
                case "exchanges" -> exchanges();
                case "markets" -> markets(q, rid);
                case "events" -> events(q, rid);
                case "orderbook" -> orderbook(q, rid);
                case "trades" -> trades(q, rid);
                case "price-history" -> priceHistory(q, rid);
                case "execution-price" -> executionPrice(q, rid);
                default -> throw new IllegalStateException("unknown market-data endpoint");
            };
            exchange.getIn().setBody(GatewayResult.ok(200, payload));
        } catch (Exception e) {
            outcome = ErrorTranslator.translate(e).code().code();
            throw e;
        } finally {
            Timer.builder("pmgate.market.data.requests")
                    .description("public market-data requests, by endpoint and outcome")
                    .tags("endpoint", endpoint, "outcome", outcome)
                    .register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    // ------------------------------------------------------------------------------------ exchanges

    List<ExchangeInfo> exchanges() {
        List<ExchangeInfo> out = new ArrayList<>();
        for (PublicMarkets m : exchanges.all()) {
            out.add(new ExchangeInfo(m.exchange(), m.displayName(), m.capabilities()));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------ markets

    MarketPage markets(MarketQuery q, String rid) throws Exception {
        List<String> wanted = q.exchanges(exchanges);
        List<String> ids = q.csv("parsec_ids");
        if (wanted.isEmpty() && ids.isEmpty()) {
            throw new GatewayException(
                    ErrorCode.MISSING_PARAMETER,
                    "exchanges or parsec_ids is required",
                    List.of("exchanges: required unless parsec_ids is given"),
                    null,
                    null,
                    null,
                    null);
        }
        if (ids.size() > 500) {
            throw GatewayException.validation("parsec_ids", "at most 500 ids");
        }
        Map<String, List<String>> byExchange = new LinkedHashMap<>();
        for (String id : ids) {
            ParsecId p = ParsecId.parse("parsec_ids", id, exchanges);
            if (!wanted.isEmpty() && !wanted.contains(p.exchange())) {
                continue;
            }
            byExchange.computeIfAbsent(p.exchange(), k -> new ArrayList<>()).add(p.nativeId());
        }
        MarketFilter filter = new MarketFilter(
                MarketFilter.status(q.text("status")),
                q.text("search"),
                q.decimal("min_volume"),
                q.decimal("min_liquidity"));
        String event = group(q, "event_id", exchanges);
        String group = group(q, "group_id", exchanges);
        if (event != null && group != null && !event.equals(group)) {
            throw GatewayException.validation("group_id", "differs from event_id");
        }
        String eventRef = event != null ? event : group;
        String eventExchange =
                eventRef != null && eventRef.contains(":") ? eventRef.substring(0, eventRef.indexOf(':')) : null;
        String eventId =
                eventRef != null && eventRef.contains(":") ? eventRef.substring(eventRef.indexOf(':') + 1) : eventRef;
        int limit = q.clamped("limit", 100, 1, 500);
        List<Listing.Stream<Market>> streams = new ArrayList<>();
        for (PublicMarkets m : exchanges.all()) {
            String exchange = m.exchange();
            boolean listed = ids.isEmpty() ? wanted.contains(exchange) : byExchange.containsKey(exchange);
            if (!listed || (eventExchange != null && !eventExchange.equals(exchange))) {
                continue;
            }
            streams.addAll(m.marketStreams(filter, eventId, ids.isEmpty() ? null : byExchange.get(exchange), rid));
        }
        Listing.Result<Market> page = Listing.walk(streams, q.text("cursor"), limit, hash(q));
        return new MarketPage(
                page.items(), new Pagination(page.items().size(), page.nextCursor() != null, null, page.nextCursor()));
    }

    private static String group(MarketQuery q, String name, PublicExchanges exchanges) {
        String v = q.text(name);
        if (v == null) {
            return null;
        }
        String id = v.contains(":") ? v.substring(v.indexOf(':') + 1) : v;
        String exchange = v.contains(":") ? v.substring(0, v.indexOf(':')).toLowerCase(Locale.ROOT) : null;
        if (!ParsecId.GROUP_ID.matcher(id).matches() || (exchange != null && !exchanges.contains(exchange))) {
            throw GatewayException.validation(name, "not an event id");
        }
        return exchange == null ? id : exchange + ":" + id;
    }

    /** Binds cursors to their query: every parameter but cursor and limit. */
    private static String hash(MarketQuery q) {
        TreeMap<String, String> rest = new TreeMap<>(q.params());
        rest.remove("cursor");
        rest.remove("limit");
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256").digest(rest.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------ events

    EventPage events(MarketQuery q, String rid) throws Exception {
        List<String> wanted = q.exchanges(exchanges);
        String status = MarketFilter.status(q.text("status"));
        boolean include = Boolean.TRUE.equals(q.bool("include_markets"));
        BigDecimal minVolume = q.decimal("min_volume");
        String search = q.text("search");
        int limit = q.clamped("limit", 50, 1, 100);
        EventFilter filter = new EventFilter(status, search, minVolume, include);
        List<Listing.Stream<Event>> streams = new ArrayList<>();
        for (PublicMarkets m : exchanges.all()) {
            if (wanted.isEmpty() || wanted.contains(m.exchange())) {
                streams.addAll(m.eventStreams(filter, rid));
            }
        }
        Listing.Result<Event> page = Listing.walk(streams, q.text("cursor"), limit, hash(q));
        return new EventPage(
                page.items(), new Pagination(page.items().size(), page.nextCursor() != null, null, page.nextCursor()));
    }

    // ------------------------------------------------------------------------------------ single market

    /** The market of {@code parsec_id} as its exchange resolves it, and the outcome {@code outcome} selects. */
    private MarketTarget target(MarketQuery q, String rid, boolean outcomeRequired) throws Exception {
        ParsecId id = ParsecId.parse("parsec_id", q.required("parsec_id"), exchanges);
        String selector = outcomeRequired ? q.required("outcome") : q.text("outcome");
        ResolvedMarket r = exchanges.get("parsec_id", id.exchange()).resolve(id.nativeId(), rid);
        return target(id, r, selector);
    }

    /** The outcome {@code selector} picks of a resolved market; an outcome without a token is the exchange's fault. */
    static MarketTarget target(ParsecId id, ResolvedMarket r, String selector) {
        int index = outcomeIndex(selector, r.outcomes());
        if (index >= r.tokenIds().size()) {
            throw GatewayException.upstream(
                    ErrorCode.UPSTREAM_ERROR, "the market lists no token for this outcome", id.exchange(), null);
        }
        return new MarketTarget(
                id.exchange(),
                id.nativeId(),
                index,
                r.outcomes().get(index),
                r.tokenIds().get(index),
                r);
    }

    private PublicMarkets of(MarketTarget t) {
        return exchanges.get("parsec_id", t.exchange());
    }

    /** yes/no (index 0/1 of a two-outcome market), an outcome label (case-insensitive), or an index. */
    static int outcomeIndex(String selector, List<String> outcomes) {
        if (selector == null) {
            return 0;
        }
        String s = selector.trim();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).equalsIgnoreCase(s)) {
                return i;
            }
        }
        if (outcomes.size() == 2 && s.equalsIgnoreCase("yes")) {
            return 0;
        }
        if (outcomes.size() == 2 && s.equalsIgnoreCase("no")) {
            return 1;
        }
        if (s.matches("[0-9]{1,3}") && Integer.parseInt(s) < outcomes.size()) {
            return Integer.parseInt(s);
        }
        throw GatewayException.validation("outcome", "not an outcome of this market");
    }

    OrderBook orderbook(MarketQuery q, String rid) throws Exception {
        int depth = q.clamped(q.text("depth") != null ? "depth" : "limit", 50, 1, 100);
        MarketTarget t = target(q, rid, false);
        Book book = of(t).book(t, depth, rid).depth(depth);
        BigDecimal bid = book.bestBid();
        BigDecimal ask = book.bestAsk();
        BigDecimal mid = bid != null && ask != null
                ? dev.pmgate.api.Decimals.normalize(bid.add(ask).divide(BigDecimal.valueOf(2)))
                : null;
        BigDecimal spread = bid != null && ask != null ? dev.pmgate.api.Decimals.normalize(ask.subtract(bid)) : null;
        return new OrderBook(
                t.parsecId(),
                t.exchange(),
                t.marketId(),
                t.outcomeName(),
                t.tokenId(),
                book.bids(),
                book.asks(),
                book.timestamp(),
                mid,
                spread);
    }

    TradeList trades(MarketQuery q, String rid) throws Exception {
        int limit = q.clamped("limit", 200, 1, 500);
        Long start = q.epochSeconds("start_ts");
        Long end = q.epochSeconds("end_ts");
        MarketTarget t = target(q, rid, false);
        List<ParsecModels.Trade> trades = of(t).trades(t, start, end, limit, rid);
        return new TradeList(t.parsecId(), t.exchange(), t.marketId(), t.outcomeName(), t.tokenId(), trades);
    }

    PriceHistory priceHistory(MarketQuery q, String rid) throws Exception {
        Candles.Interval interval = Candles.Interval.parse(q.required("interval"));
        Long start = q.epochSeconds("start_ts");
        Long end = q.epochSeconds("end_ts");
        MarketTarget t = target(q, rid, false);
        java.time.Instant opened = t.resolved().opened();
        Candles.Window window = Candles.window(
                interval,
                start,
                end,
                clock.instant().getEpochSecond(),
                opened == null ? null : opened.getEpochSecond());
        List<Candle> candles = of(t).candles(t, interval, window, rid);
        return new PriceHistory(t.parsecId(), t.exchange(), t.marketId(), t.outcomeName(), interval.wire, candles);
    }

    ExecutionPrice executionPrice(MarketQuery q, String rid) throws Exception {
        String side = q.required("side").toLowerCase(Locale.ROOT);
        if (!side.equals("buy") && !side.equals("sell")) {
            throw GatewayException.validation("side", "must be buy or sell");
        }
        BigDecimal amount = q.decimal("amount");
        if (amount == null) {
            q.required("amount");
        }
        if (amount.signum() <= 0) {
            throw GatewayException.validation("amount", "must be greater than 0");
        }
        MarketTarget t = target(q, rid, true);
        Book book = of(t).book(t, 0, rid);
        BookWalk.Result walk = BookWalk.walk(book, side.equals("buy"), amount);
        BigDecimal fee = null;
        if (!walk.fills().isEmpty()) {
            fee = of(t).takerFee(t, walk.fills(), clock.instant(), rid);
        } else {
            fee = BigDecimal.ZERO;
        }
        BigDecimal net = fee == null
                ? null
                : dev.pmgate.api.Decimals.normalize(
                        side.equals("buy") ? walk.cost().add(fee) : walk.cost().subtract(fee));
        return new ExecutionPrice(
                t.parsecId(),
                t.exchange(),
                t.outcomeName(),
                side,
                amount,
                walk.filled(),
                walk.cost(),
                walk.fullyFilled(),
                walk.levelsConsumed(),
                walk.avgPrice(),
                walk.bestPrice(),
                walk.slippage(),
                walk.worstPrice(),
                fee == null ? null : dev.pmgate.api.Decimals.normalize(fee),
                net);
    }
}
