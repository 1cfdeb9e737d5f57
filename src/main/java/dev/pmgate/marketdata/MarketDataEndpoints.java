package dev.pmgate.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.CredentialsHeader;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.QueryString;
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
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.pipeline.RequestIds;
import dev.pmgate.pipeline.RequestValidator;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The public market-data endpoints (SPEC §8): {@code /exchanges}, {@code /markets}, {@code /events},
 * {@code /orderbook}, {@code /trades}, {@code /price-history}, {@code /execution-price}. They need the
 * caller's {@code X-API-Key} only. A credentials header is dropped unread at the edge (the Parsec SDK
 * may send one on every call); credentials in the query string are refused as everywhere.
 */
public class MarketDataEndpoints {

    /** Exchange property naming the endpoint, set by its route. */
    public static final String ENDPOINT = "pmgateMarketDataEndpoint";
    static final String QUERY = "pmgateMarketDataParams";
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final KalshiPublic kalshi;
    private final PolymarketPublic polymarket;
    private final Clock clock;
    private final MeterRegistry meters;

    public MarketDataEndpoints(KalshiPublic kalshi, PolymarketPublic polymarket, Clock clock, MeterRegistry meters) {
        this.kalshi = kalshi;
        this.polymarket = polymarket;
        this.clock = clock;
        this.meters = meters;
    }

    // ------------------------------------------------------------------------------------ edge

    /** Request id, query parameters, then every inbound header dropped except X-API-Key (checked next). */
    public void read(Exchange exchange) {
        var in = exchange.getIn();
        String requestId = in.getHeader("X-Request-Id", String.class);
        RequestIds.bind(exchange,
                requestId != null && REQUEST_ID.matcher(requestId).matches() ? requestId : UUID.randomUUID().toString());
        String raw = in.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        Map<String, String> query = QueryString.parse(raw != null ? raw : in.getHeader(Exchange.HTTP_QUERY, String.class));
        RequestValidator.refuseCredentialParameters(query);
        in.removeHeaders("*", CredentialsHeader.API_KEY);
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
                    .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    // ------------------------------------------------------------------------------------ exchanges

    static List<ExchangeInfo> exchanges() {
        return List.of(new ExchangeInfo("kalshi", "Kalshi", capabilities()),
                new ExchangeInfo("polymarket", "Polymarket", capabilities()));
    }

    /** What pmgate really does for both exchanges; no user activity, approvals, balance refresh or websocket. */
    private static Map<String, Boolean> capabilities() {
        Map<String, Boolean> has = new LinkedHashMap<>();
        for (String yes : List.of("fetch_markets", "create_order", "cancel_order", "fetch_positions", "fetch_balance",
                "fetch_orderbook", "fetch_price_history", "fetch_trades", "fetch_events")) {
            has.put(yes, true);
        }
        for (String no : List.of("fetch_user_activity", "approvals", "refresh_balance", "websocket")) {
            has.put(no, false);
        }
        return has;
    }

    // ------------------------------------------------------------------------------------ markets

    MarketPage markets(MarketQuery q, String rid) throws Exception {
        List<String> exchanges = q.exchanges();
        List<String> ids = q.csv("parsec_ids");
        if (exchanges.isEmpty() && ids.isEmpty()) {
            throw new GatewayException(ErrorCode.MISSING_PARAMETER, "exchanges or parsec_ids is required",
                    List.of("exchanges: required unless parsec_ids is given"), null, null, null, null);
        }
        if (ids.size() > 500) {
            throw GatewayException.validation("parsec_ids", "at most 500 ids");
        }
        Map<String, List<String>> byExchange = new LinkedHashMap<>();
        for (String id : ids) {
            ParsecId p = ParsecId.parse("parsec_ids", id);
            if (!exchanges.isEmpty() && !exchanges.contains(p.exchange())) {
                continue;
            }
            byExchange.computeIfAbsent(p.exchange(), k -> new ArrayList<>()).add(p.nativeId());
        }
        MarketFilter filter = new MarketFilter(MarketFilter.status(q.text("status")), q.text("search"),
                q.decimal("min_volume"), q.decimal("min_liquidity"));
        String event = group(q, "event_id");
        String group = group(q, "group_id");
        if (event != null && group != null && !event.equals(group)) {
            throw GatewayException.validation("group_id", "differs from event_id");
        }
        String eventRef = event != null ? event : group;
        String eventExchange = eventRef != null && eventRef.contains(":") ? eventRef.substring(0, eventRef.indexOf(':')) : null;
        String eventId = eventRef != null && eventRef.contains(":") ? eventRef.substring(eventRef.indexOf(':') + 1) : eventRef;
        int limit = q.clamped("limit", 100, 1, 500);
        List<Listing.Stream<Market>> streams = new ArrayList<>();
        for (String exchange : MarketFilter.upstreamOrder()) {
            boolean wanted = ids.isEmpty() ? exchanges.contains(exchange) : byExchange.containsKey(exchange);
            if (!wanted || (eventExchange != null && !eventExchange.equals(exchange))) {
                continue;
            }
            List<String> native_ = ids.isEmpty() ? null : byExchange.get(exchange);
            if (exchange.equals("kalshi")) {
                streams.addAll(kalshi.marketStreams(filter, eventId, native_, rid));
            } else {
                streams.addAll(polymarket.marketStreams(filter, eventId, native_, rid));
            }
        }
        Listing.Result<Market> page = Listing.walk(streams, q.text("cursor"), limit, hash(q));
        return new MarketPage(page.items(), new Pagination(page.items().size(), page.nextCursor() != null, null,
                page.nextCursor()));
    }

    private static String group(MarketQuery q, String name) {
        String v = q.text(name);
        if (v == null) {
            return null;
        }
        String id = v.contains(":") ? v.substring(v.indexOf(':') + 1) : v;
        String exchange = v.contains(":") ? v.substring(0, v.indexOf(':')).toLowerCase(Locale.ROOT) : null;
        if (!ParsecId.GROUP_ID.matcher(id).matches() || (exchange != null && !MarketQuery.EXCHANGES.contains(exchange))) {
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
            byte[] d = MessageDigest.getInstance("SHA-256").digest(rest.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------ events

    EventPage events(MarketQuery q, String rid) throws Exception {
        List<String> exchanges = q.exchanges();
        if (exchanges.isEmpty()) {
            exchanges = List.of("kalshi", "polymarket");
        }
        String status = MarketFilter.status(q.text("status"));
        boolean include = Boolean.TRUE.equals(q.bool("include_markets"));
        BigDecimal minVolume = q.decimal("min_volume");
        String search = q.text("search");
        int limit = q.clamped("limit", 50, 1, 100);
        List<Listing.Stream<Event>> streams = new ArrayList<>();
        for (String exchange : MarketFilter.upstreamOrder()) {
            if (exchanges.contains(exchange)) {
                streams.addAll(exchange.equals("kalshi") ? kalshi.eventStreams(status, search, minVolume, include, rid)
                        : polymarket.eventStreams(status, search, minVolume, include, rid));
            }
        }
        Listing.Result<Event> page = Listing.walk(streams, q.text("cursor"), limit, hash(q));
        return new EventPage(page.items(), new Pagination(page.items().size(), page.nextCursor() != null, null,
                page.nextCursor()));
    }

    // ------------------------------------------------------------------------------------ single market

    /** One market resolved for a single-market endpoint: outcome index and name, its token, and sources. */
    private record Target(ParsecId id, int outcome, String outcomeName, String tokenId, JsonNode raw) {
    }

    private Target target(MarketQuery q, String rid, boolean outcomeRequired) throws Exception {
        ParsecId id = ParsecId.parse("parsec_id", q.required("parsec_id"));
        String selector = outcomeRequired ? q.required("outcome") : q.text("outcome");
        if (id.exchange().equals("kalshi")) {
            JsonNode raw = kalshi.rawMarket(id.nativeId(), rid);
            int index = outcomeIndex(selector, List.of("Yes", "No"));
            return new Target(id, index, index == 0 ? "Yes" : "No", id.nativeId(), raw);
        }
        PolymarketPublic.Resolved r = polymarket.resolve(id.nativeId(), rid);
        int index = outcomeIndex(selector, r.outcomes());
        if (index >= r.tokens().size()) {
            throw GatewayException.upstream(ErrorCode.UPSTREAM_ERROR, "the market lists no token for this outcome",
                    "polymarket", null);
        }
        return new Target(id, index, r.outcomes().get(index), r.tokens().get(index), r.gamma());
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

    private Book book(Target t, int depth, String rid) throws Exception {
        return t.id().exchange().equals("kalshi") ? kalshi.book(t.id().nativeId(), t.outcome(), depth, rid, clock)
                : polymarket.book(t.tokenId(), rid);
    }

    OrderBook orderbook(MarketQuery q, String rid) throws Exception {
        int depth = q.clamped(q.text("depth") != null ? "depth" : "limit", 50, 1, 100);
        Target t = target(q, rid, false);
        Book book = book(t, depth, rid).depth(depth);
        BigDecimal bid = book.bestBid();
        BigDecimal ask = book.bestAsk();
        BigDecimal mid = bid != null && ask != null ? dev.pmgate.api.Decimals.normalize(bid.add(ask).divide(BigDecimal.valueOf(2))) : null;
        BigDecimal spread = bid != null && ask != null ? dev.pmgate.api.Decimals.normalize(ask.subtract(bid)) : null;
        return new OrderBook(t.id().value(), t.id().exchange(), t.id().nativeId(), t.outcomeName(), t.tokenId(),
                book.bids(), book.asks(), book.timestamp(), mid, spread);
    }

    TradeList trades(MarketQuery q, String rid) throws Exception {
        int limit = q.clamped("limit", 200, 1, 500);
        Long start = q.epochSeconds("start_ts");
        Long end = q.epochSeconds("end_ts");
        Target t = target(q, rid, false);
        List<ParsecModels.Trade> trades = t.id().exchange().equals("kalshi")
                ? kalshi.trades(t.id().nativeId(), t.outcome(), start, end, limit, rid)
                : polymarket.trades(t.id().nativeId(), t.tokenId(), start, end, limit, rid);
        return new TradeList(t.id().value(), t.id().exchange(), t.id().nativeId(), t.outcomeName(), t.tokenId(), trades);
    }

    PriceHistory priceHistory(MarketQuery q, String rid) throws Exception {
        Candles.Interval interval = Candles.Interval.parse(q.required("interval"));
        Long start = q.epochSeconds("start_ts");
        Long end = q.epochSeconds("end_ts");
        Target t = target(q, rid, false);
        boolean isKalshi = t.id().exchange().equals("kalshi");
        java.time.Instant opened = isKalshi ? Wire.instant(Wire.text(t.raw(), "open_time"))
                : Wire.instant(Wire.text(t.raw(), "startDate") != null ? Wire.text(t.raw(), "startDate")
                : Wire.text(t.raw(), "createdAt"));
        Candles.Window window = Candles.window(interval, start, end, clock.instant().getEpochSecond(),
                opened == null ? null : opened.getEpochSecond());
        List<Candle> candles = isKalshi ? kalshi.candles(t.id().nativeId(), t.outcome(), interval, window, rid)
                : polymarket.candles(t.id().nativeId(), t.tokenId(), interval, window, rid);
        return new PriceHistory(t.id().value(), t.id().exchange(), t.id().nativeId(), t.outcomeName(), interval.wire,
                candles);
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
        Target t = target(q, rid, true);
        Book book = book(t, 0, rid);
        BookWalk.Result walk = BookWalk.walk(book, side.equals("buy"), amount);
        BigDecimal fee = null;
        if (!walk.fills().isEmpty()) {
            fee = t.id().exchange().equals("kalshi") ? kalshi.takerFee(t.raw(), walk.fills(), clock.instant(), rid)
                    : PolymarketPublic.takerFee(t.raw(), walk.fills());
        } else {
            fee = BigDecimal.ZERO;
        }
        BigDecimal net = fee == null ? null : dev.pmgate.api.Decimals.normalize(side.equals("buy")
                ? walk.cost().add(fee) : walk.cost().subtract(fee));
        return new ExecutionPrice(t.id().value(), t.id().exchange(), t.outcomeName(), side, amount, walk.filled(),
                walk.cost(), walk.fullyFilled(), walk.levelsConsumed(), walk.avgPrice(), walk.bestPrice(),
                walk.slippage(), walk.worstPrice(), fee == null ? null : dev.pmgate.api.Decimals.normalize(fee), net);
    }

}
