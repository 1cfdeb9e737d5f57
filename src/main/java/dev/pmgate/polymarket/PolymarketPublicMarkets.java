package dev.pmgate.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.Decimals;
import dev.pmgate.api.GatewayException;
import dev.pmgate.marketdata.Book;
import dev.pmgate.marketdata.BookWalk;
import dev.pmgate.marketdata.Candles;
import dev.pmgate.marketdata.EventFilter;
import dev.pmgate.marketdata.EventStream;
import dev.pmgate.marketdata.Listing;
import dev.pmgate.marketdata.MarketFilter;
import dev.pmgate.marketdata.MarketTarget;
import dev.pmgate.marketdata.ParsecModels.Candle;
import dev.pmgate.marketdata.ParsecModels.Event;
import dev.pmgate.marketdata.ParsecModels.Level;
import dev.pmgate.marketdata.ParsecModels.Market;
import dev.pmgate.marketdata.ParsecModels.Outcome;
import dev.pmgate.marketdata.ParsecModels.Trade;
import dev.pmgate.marketdata.PublicFetcher;
import dev.pmgate.marketdata.PublicMarkets;
import dev.pmgate.marketdata.PublicRequest;
import dev.pmgate.marketdata.PublicSource;
import dev.pmgate.marketdata.ResolvedMarket;
import dev.pmgate.marketdata.Wire;
import dev.pmgate.upstream.UpstreamResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Polymarket's public surfaces (docs/exchanges.md, docs/market-data.md) normalized to the Parsec models: Gamma
 * keyset listings for markets and events, the CLOB {@code /book} and {@code /prices-history}, and the
 * Data API {@code /trades} tape. Gamma's JSON-encoded string arrays are parsed twice; a Protocol-V2
 * market ({@code version: "v2"}) trades its {@code positionIds}, every other its {@code clobTokenIds}.
 */
final class PolymarketPublicMarkets implements PublicMarkets {

    static final String EXCHANGE = "polymarket";
    /** A condition id: {@code 0x} and a 32-byte (or 31-byte) hex string. */
    private static final Pattern CONDITION_ID = Pattern.compile("0x([0-9a-fA-F]{62}|[0-9a-fA-F]{64})");

    static final int PAGE = 100;
    /** Data API v1 {@code /trades}: page size and the deepest offset it serves. */
    static final int TRADES_PAGE = 500;

    static final int TRADES_MAX_OFFSET = 10_000;

    /** The public surfaces read: one guard (Polymarket's) for all three. */
    record Sources(PublicSource gamma, PublicSource clob, PublicSource data) {}

    private final PublicFetcher fetcher;
    private final PublicSource gamma;
    private final PublicSource clob;
    private final PublicSource data;

    PolymarketPublicMarkets(PublicFetcher fetcher, Sources sources) {
        this.fetcher = fetcher;
        this.gamma = sources.gamma();
        this.clob = sources.clob();
        this.data = sources.data();
    }

    @Override
    public String exchange() {
        return EXCHANGE;
    }

    @Override
    public String displayName() {
        return "Polymarket";
    }

    /** A condition id, lower-cased. */
    @Override
    public String marketId(String field, String nativeId) {
        if (!CONDITION_ID.matcher(nativeId).matches()) {
            throw GatewayException.validation(field, "not a Polymarket condition id (0x + 64 hex digits)");
        }
        return nativeId.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------------------------ markets

    /** {@code closed=} values for a Parsec status: both when unfiltered (Gamma's default is unconfirmed). */
    static List<String> closedValues(String parsecStatus) {
        if (parsecStatus == null) {
            return List.of("false", "true");
        }
        return switch (parsecStatus) {
            case "open", "upcoming", "paused" -> List.of("false");
            default -> List.of("true");
        };
    }

    @Override
    public List<Listing.Stream<Market>> marketStreams(
            MarketFilter filter, String eventId, List<String> conditionIds, String requestId) {
        List<Listing.Stream<Market>> streams = new ArrayList<>();
        if (eventId != null) {
            streams.add(new Listing.Stream<>() {
                @Override
                public Listing.Page<Market> fetch(String cursor) throws Exception {
                    UpstreamResponse r = fetcher.get(
                            PublicRequest.to(gamma, "/events/" + PublicRequest.segment(eventId))
                                    .build(),
                            requestId);
                    List<Market> out = new ArrayList<>();
                    if (r.status() == 404) {
                        return new Listing.Page<>(out, null);
                    }
                    JsonNode event = PublicFetcher.json(EXCHANGE, r);
                    for (JsonNode m : event.path("markets")) {
                        Market market = market(m, event);
                        if (market != null
                                && (conditionIds == null || conditionIds.contains(market.exchangeMarketId()))) {
                            out.add(market);
                        }
                    }
                    return new Listing.Page<>(out, null);
                }

                @Override
                public java.util.function.Predicate<Market> filter() {
                    return filter::accepts;
                }
            });
            return streams;
        }
        List<String> closed = conditionIds != null ? List.of("false", "true") : closedValues(filter.status());
        for (String c : closed) {
            if (conditionIds != null) {
                for (int i = 0; i < conditionIds.size(); i += 50) {
                    streams.add(keyset(
                            c, conditionIds.subList(i, Math.min(conditionIds.size(), i + 50)), filter, requestId));
                }
            } else {
                streams.add(keyset(c, null, filter, requestId));
            }
        }
        return streams;
    }

    private Listing.Stream<Market> keyset(
            String closed, List<String> conditionIds, MarketFilter filter, String requestId) {
        return new Listing.Stream<>() {
            @Override
            public Listing.Page<Market> fetch(String cursor) throws Exception {
                PublicRequest.Builder req = PublicRequest.to(gamma, "/markets/keyset")
                        .param("limit", PAGE)
                        .param("closed", closed)
                        .param("after_cursor", cursor);
                if (conditionIds != null) {
                    conditionIds.forEach(id -> req.param("condition_ids", id));
                }
                if (filter.minVolume() != null) {
                    req.param("volume_num_min", filter.minVolume().toPlainString());
                }
                if (filter.minLiquidity() != null && filter.minLiquidity().signum() > 0) {
                    req.param("liquidity_num_min", filter.minLiquidity().toPlainString());
                }
                JsonNode body = PublicFetcher.json(EXCHANGE, fetcher.get(req.build(), requestId));
                JsonNode markets = body.get("markets");
                if (markets == null || !markets.isArray()) {
                    throw PublicFetcher.unusable(
                            EXCHANGE, new UpstreamResponse(200, null, ""), "Gamma sent no markets array");
                }
                List<Market> out = new ArrayList<>();
                for (JsonNode m : markets) {
                    Market market = market(m, null);
                    if (market != null) {
                        out.add(market);
                    }
                }
                return new Listing.Page<>(out, Wire.text(body, "next_cursor"));
            }

            @Override
            public java.util.function.Predicate<Market> filter() {
                return filter::accepts;
            }
        };
    }

    static List<String> tokens(JsonNode g) {
        return "v2".equalsIgnoreCase(Wire.text(g, "version"))
                ? Wire.stringArray(g, "positionIds")
                : Wire.stringArray(g, "clobTokenIds");
    }

    /** A Gamma market as a Parsec Market; null when it has no condition id (nothing tradable to name). */
    static Market market(JsonNode g, JsonNode parentEvent) {
        String conditionId = Wire.text(g, "conditionId");
        if (conditionId == null) {
            return null;
        }
        conditionId = conditionId.toLowerCase(Locale.ROOT);
        List<String> outcomes = Wire.stringArray(g, "outcomes");
        List<String> prices = Wire.stringArray(g, "outcomePrices");
        List<String> tokens = tokens(g);
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            BigDecimal price = null;
            if (i < prices.size()) {
                try {
                    price = Decimals.parse(prices.get(i));
                } catch (NumberFormatException ignored) {
                    price = null;
                }
            }
            out.add(new Outcome(outcomes.get(i), price, i < tokens.size() ? tokens.get(i) : null));
        }
        JsonNode event = parentEvent;
        if (event == null && g.path("events").isArray() && !g.path("events").isEmpty()) {
            event = g.path("events").get(0);
        }
        String groupId = event != null ? Wire.text(event, "id") : null;
        if (groupId == null) {
            groupId = Wire.text(g, "id");
        }
        String groupTitle = event != null ? Wire.text(event, "title") : null;
        if (groupTitle == null) {
            groupTitle =
                    Wire.text(g, "groupItemTitle") != null ? Wire.text(g, "groupItemTitle") : Wire.text(g, "question");
        }
        BigDecimal volume = Wire.decimal(g, "volumeNum");
        if (volume == null) {
            volume = Wire.decimal(g, "volume");
        }
        BigDecimal liquidity = Wire.decimal(g, "liquidityNum");
        if (liquidity == null) {
            liquidity = Wire.decimal(g, "liquidity");
        }
        String description = Wire.text(g, "description");
        String source = Wire.text(g, "resolutionSource");
        String start =
                Wire.text(g, "eventStartTime") != null ? Wire.text(g, "eventStartTime") : Wire.text(g, "gameStartTime");
        return new Market(
                "polymarket:" + conditionId,
                EXCHANGE,
                conditionId,
                groupId,
                "polymarket:" + groupId,
                groupTitle,
                Wire.text(g, "question"),
                status(g),
                outcomes.size() == 2 ? "binary" : "categorical",
                out,
                volume == null ? BigDecimal.ZERO : volume,
                Wire.decimal(g, "bestBid"),
                Wire.decimal(g, "bestAsk"),
                Wire.decimal(g, "lastTradePrice"),
                liquidity,
                null,
                Wire.decimal(g, "volume24hr"),
                conditionId,
                Wire.text(g, "slug"),
                null,
                description,
                source == null
                        ? description
                        : description == null ? source : description + "\n\nResolution source: " + source,
                Wire.iso(Wire.text(g, "createdAt")),
                Wire.iso(Wire.text(g, "endDate")),
                Wire.iso(start),
                Wire.iso(Wire.text(g, "updatedAt")),
                outcomes.size(),
                null,
                Wire.decimal(g, "orderPriceMinTickSize"));
    }

    /** Status per docs/market-data.md: {@code active} is ignored (it stays true after closing). */
    static String status(JsonNode g) {
        if (Wire.bool(g, "archived")) {
            return "archived";
        }
        if (Wire.bool(g, "closed")) {
            String uma = Wire.text(g, "umaResolutionStatus");
            List<String> prices = Wire.stringArray(g, "outcomePrices");
            boolean decided = !prices.isEmpty() && prices.stream().allMatch(p -> p.equals("1") || p.equals("0"));
            return "resolved".equals(uma) || "settled".equals(uma) || decided ? "resolved" : "closed";
        }
        if (Wire.bool(g, "acceptingOrders")) {
            return "open";
        }
        Instant start = Wire.instant(Wire.text(g, "startDate"));
        if ((start != null && start.isAfter(Instant.now())) || Wire.text(g, "acceptingOrdersTimestamp") == null) {
            return "upcoming";
        }
        return "paused";
    }

    /**
     * The market of a condition id via Gamma keyset (open markets first, then closed); unknown → 404. It opened
     * at its {@code startDate}, else its {@code createdAt}.
     */
    @Override
    public ResolvedMarket resolve(String conditionId, String requestId) throws Exception {
        for (String closed : List.of("false", "true")) {
            JsonNode body = PublicFetcher.json(
                    EXCHANGE,
                    fetcher.get(
                            PublicRequest.to(gamma, "/markets/keyset")
                                    .param("limit", 1)
                                    .param("closed", closed)
                                    .param("condition_ids", conditionId)
                                    .build(),
                            requestId));
            for (JsonNode g : body.path("markets")) {
                if (conditionId.equalsIgnoreCase(Wire.text(g, "conditionId"))) {
                    String opened =
                            Wire.text(g, "startDate") != null ? Wire.text(g, "startDate") : Wire.text(g, "createdAt");
                    return new ResolvedMarket(g, Wire.stringArray(g, "outcomes"), tokens(g), Wire.instant(opened));
                }
            }
        }
        throw PublicFetcher.marketNotFound(EXCHANGE);
    }

    // ------------------------------------------------------------------------------------ events

    @Override
    public List<Listing.Stream<Event>> eventStreams(EventFilter filter, String requestId) {
        List<Listing.Stream<Event>> streams = new ArrayList<>();
        for (String closed : closedValues(filter.status())) {
            streams.add(new EventStream(
                    EXCHANGE,
                    "Gamma",
                    cursor -> PublicFetcher.json(
                            EXCHANGE,
                            fetcher.get(
                                    PublicRequest.to(gamma, "/events/keyset")
                                            .param("limit", PAGE)
                                            .param("closed", closed)
                                            .param("after_cursor", cursor)
                                            .build(),
                                    requestId)),
                    "next_cursor",
                    e -> event(e, filter.includeMarkets()),
                    filter));
        }
        return streams;
    }

    static Event event(JsonNode e, boolean includeMarkets) {
        List<Market> markets = new ArrayList<>();
        for (JsonNode m : e.path("markets")) {
            Market market = market(m, e);
            if (market != null) {
                markets.add(market);
            }
        }
        String status;
        if (Wire.bool(e, "archived")) {
            status = "archived";
        } else if (Wire.bool(e, "closed")) {
            status = !markets.isEmpty() && markets.stream().allMatch(m -> "resolved".equals(m.status()))
                    ? "resolved"
                    : "closed";
        } else {
            status = Event.statusOf(markets);
        }
        BigDecimal volume = Wire.decimal(e, "volume");
        if (volume == null) {
            volume = markets.stream().map(Market::volumeTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        return new Event(
                Wire.text(e, "id"),
                Wire.text(e, "title"),
                status,
                List.of(EXCHANGE),
                markets.size(),
                Decimals.normalize(volume),
                Wire.iso(Wire.text(e, "endDate")),
                includeMarkets ? markets : null);
    }

    // ------------------------------------------------------------------------------------ book

    /** The outcome token's whole CLOB book (the CLOB has no depth parameter). */
    @Override
    public Book book(MarketTarget target, int depth, String requestId) throws Exception {
        return book(target.tokenId(), requestId);
    }

    /** The token's CLOB book; "No orderbook exists" (404) is an empty book. */
    Book book(String token, String requestId) throws Exception {
        UpstreamResponse r = fetcher.get(
                PublicRequest.to(clob, "/book").param("token_id", token).build(), requestId);
        if (r.status() == 404) {
            return Book.of(List.of(), List.of(), null);
        }
        JsonNode body = PublicFetcher.json(EXCHANGE, r);
        if (!body.path("bids").isArray() || !body.path("asks").isArray()) {
            throw PublicFetcher.unusable(EXCHANGE, r, "the CLOB sent a book without bids and asks");
        }
        String ts = Wire.text(body, "timestamp");
        Long timestamp = ts != null && ts.matches("[0-9]{1,15}") ? Long.valueOf(ts) : null;
        return Book.of(levels(body.get("bids")), levels(body.get("asks")), timestamp);
    }

    private static List<Level> levels(JsonNode array) {
        List<Level> out = new ArrayList<>();
        for (JsonNode l : array) {
            out.add(new Level(Wire.decimal(l, "price"), Wire.decimal(l, "size")));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------ trades

    /** Rows of the Data API tape for one token, newest first; at most {@code limit}. */
    List<JsonNode> tradeRows(String conditionId, String token, Long start, Long end, int limit, String requestId)
            throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (int offset = 0; offset <= TRADES_MAX_OFFSET && out.size() < limit; offset += TRADES_PAGE) {
            JsonNode body = PublicFetcher.json(
                    EXCHANGE,
                    fetcher.get(
                            PublicRequest.to(data, "/trades")
                                    .param("market", conditionId)
                                    .param("limit", TRADES_PAGE)
                                    .param("offset", offset)
                                    .param("takerOnly", "true")
                                    .param("start", start)
                                    .param("end", end)
                                    .build(),
                            requestId));
            JsonNode rows = body.isArray() ? body : body.path("data");
            if (!rows.isArray()) {
                throw PublicFetcher.unusable(
                        EXCHANGE, new UpstreamResponse(200, null, ""), "the Data API sent no trades");
            }
            for (JsonNode row : rows) {
                String asset = Wire.text(row, "asset") != null ? Wire.text(row, "asset") : Wire.text(row, "token_id");
                if (token.equals(asset) && out.size() < limit) {
                    out.add(row);
                }
            }
            if (rows.size() < TRADES_PAGE) {
                break;
            }
        }
        return out;
    }

    @Override
    public List<Trade> trades(MarketTarget target, Long start, Long end, int limit, String requestId) throws Exception {
        return trades(target.marketId(), target.tokenId(), start, end, limit, requestId);
    }

    List<Trade> trades(String conditionId, String token, Long start, Long end, int limit, String requestId)
            throws Exception {
        List<Trade> out = new ArrayList<>();
        for (JsonNode row : tradeRows(conditionId, token, start, end, limit, requestId)) {
            BigDecimal price = Wire.decimal(row, "price");
            BigDecimal size = Wire.decimal(row, "size");
            JsonNode ts = row.get("timestamp");
            if (price == null || size == null || ts == null || !ts.canConvertToLong()) {
                continue;
            }
            String side = Wire.text(row, "side");
            String aggressor = side == null ? null : side.toLowerCase(Locale.ROOT);
            out.add(new Trade(price, size, ts.asLong() * 1000, "rest", aggressor, aggressor, null));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------ candles

    /**
     * Candles bucketed from {@code /prices-history} points of the outcome's own token (fidelity below the
     * width); volume per candle is the Data API shares traded on that token inside the candle's window.
     */
    @Override
    public List<Candle> candles(MarketTarget target, Candles.Interval interval, Candles.Window window, String requestId)
            throws Exception {
        return candles(target.marketId(), target.tokenId(), interval, window, requestId);
    }

    List<Candle> candles(
            String conditionId, String token, Candles.Interval interval, Candles.Window window, String requestId)
            throws Exception {
        int fidelity = switch (interval) {
            case ONE_MINUTE -> 1;
            case ONE_HOUR -> 5;
            case SIX_HOURS -> 30;
            case ONE_DAY -> 60;
            default -> 720;
        };
        JsonNode body = PublicFetcher.json(
                EXCHANGE,
                fetcher.get(
                        PublicRequest.to(clob, "/prices-history")
                                .param("market", token)
                                .param("startTs", window.start())
                                .param("endTs", window.end())
                                .param("fidelity", fidelity)
                                .build(),
                        requestId));
        JsonNode history = body.get("history");
        if (history == null || !history.isArray()) {
            throw PublicFetcher.unusable(EXCHANGE, new UpstreamResponse(200, null, ""), "the CLOB sent no history");
        }
        List<Candles.Point> points = new ArrayList<>();
        for (JsonNode p : history) {
            BigDecimal price = Wire.decimal(p, "p");
            JsonNode t = p.get("t");
            if (price != null
                    && t != null
                    && (t.canConvertToLong() || t.asText().matches("[0-9]{1,12}"))) {
                long at = t.canConvertToLong() ? t.asLong() : Long.parseLong(t.asText());
                if (at >= window.start() && at <= window.end()) {
                    points.add(new Candles.Point(at, price));
                }
            }
        }
        Map<Long, BigDecimal> volume = new HashMap<>();
        if (!points.isEmpty()) {
            long width = interval.widthSeconds;
            for (JsonNode row :
                    tradeRows(conditionId, token, window.start(), window.end(), Integer.MAX_VALUE, requestId)) {
                BigDecimal size = Wire.decimal(row, "size");
                JsonNode ts = row.get("timestamp");
                if (size != null && ts != null && ts.canConvertToLong()) {
                    long open = Math.floorDiv(ts.asLong(), width) * width;
                    volume.merge(open, size, BigDecimal::add);
                }
            }
            volume.replaceAll((k, v) -> Decimals.normalize(v));
        }
        return Candles.bucket(points, interval.widthSeconds, volume);
    }

    // ------------------------------------------------------------------------------------ fees

    /**
     * Taker fee estimate: {@code Σ q × rate × (p × (1 − p))^exponent} from Gamma's {@code feeSchedule},
     * rounded half-up to 5 decimals (0.00001 pUSD); 0 when {@code feesEnabled} is false; null when fees
     * are enabled but no usable schedule is published.
     */
    @Override
    public BigDecimal takerFee(MarketTarget target, List<BookWalk.Fill> fills, Instant now, String requestId) {
        return takerFee(target.market(), fills);
    }

    static BigDecimal takerFee(JsonNode gamma, List<BookWalk.Fill> fills) {
        if (!Wire.bool(gamma, "feesEnabled")) {
            return BigDecimal.ZERO;
        }
        JsonNode schedule = gamma.get("feeSchedule");
        BigDecimal rate = Wire.decimal(schedule, "rate");
        BigDecimal exponent = Wire.decimal(schedule, "exponent");
        if (rate == null) {
            return null;
        }
        int exp;
        try {
            exp = exponent == null ? 1 : exponent.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
        if (exp < 0 || exp > 8) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (BookWalk.Fill f : fills) {
            BigDecimal pq =
                    f.price().multiply(BigDecimal.ONE.subtract(f.price())).pow(exp);
            sum = sum.add(f.quantity().multiply(rate).multiply(pq));
        }
        return Decimals.normalize(sum.setScale(5, RoundingMode.HALF_UP));
    }
}
