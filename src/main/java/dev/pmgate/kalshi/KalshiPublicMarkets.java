package dev.pmgate.kalshi;

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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Kalshi's public Trade API v2 reads (docs/exchanges.md, docs/market-data.md) normalized to the Parsec models.
 * Prices are dollar strings, counts {@code _fp} strings: both parsed exactly. Kalshi books have bids
 * only: the YES asks are the NO bids at 1 − p (and the reverse for NO).
 */
final class KalshiPublicMarkets implements PublicMarkets {

    static final String EXCHANGE = "kalshi";
    private static final Pattern TICKER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final List<String> OUTCOMES = List.of("Yes", "No");
    /** Upstream page size of market and event listings (Kalshi allows 1000 markets, 200 events). */
    static final int PAGE = 200;

    private static final BigDecimal TAKER_COEFFICIENT = new BigDecimal("0.07");

    private final PublicFetcher fetcher;
    /** Kalshi's Trade API: every public read is of it. */
    private final PublicSource api;

    private final Clock clock;

    KalshiPublicMarkets(PublicFetcher fetcher, PublicSource api, Clock clock) {
        this.fetcher = fetcher;
        this.api = api;
        this.clock = clock;
    }

    @Override
    public String exchange() {
        return EXCHANGE;
    }

    @Override
    public String displayName() {
        return "Kalshi";
    }

    @Override
    public String marketId(String field, String nativeId) {
        if (!TICKER.matcher(nativeId).matches()) {
            throw GatewayException.validation(field, "not a Kalshi market ticker");
        }
        return nativeId;
    }

    // ------------------------------------------------------------------------------------ markets

    /** Upstream {@code status=} values for a Parsec status (resolved = settled, plus determined markets listed as closed). */
    static List<String> upstreamStatuses(String parsecStatus) {
        if (parsecStatus == null) {
            return java.util.Collections.singletonList(null);
        }
        return switch (parsecStatus) {
            case "open" -> List.of("open");
            case "paused" -> List.of("paused");
            case "upcoming" -> List.of("unopened");
            case "closed" -> List.of("closed");
            case "resolved" -> List.of("settled", "closed");
            default -> List.of(); // archived: Kalshi has no such state
        };
    }

    /** Listing streams for the Parsec filters; {@code tickers} (from parsec_ids) replaces the status walk. */
    @Override
    public List<Listing.Stream<Market>> marketStreams(
            MarketFilter filter, String eventTicker, List<String> tickers, String requestId) {
        List<Listing.Stream<Market>> streams = new ArrayList<>();
        if (tickers != null) {
            for (int i = 0; i < tickers.size(); i += 100) {
                String csv = String.join(",", tickers.subList(i, Math.min(tickers.size(), i + 100)));
                streams.add(stream(null, eventTicker, csv, filter, requestId));
            }
            return streams;
        }
        for (String status : upstreamStatuses(filter.status())) {
            streams.add(stream(status, eventTicker, null, filter, requestId));
        }
        return streams;
    }

    private Listing.Stream<Market> stream(
            String status, String eventTicker, String tickers, MarketFilter filter, String requestId) {
        return new Listing.Stream<>() {
            @Override
            public Listing.Page<Market> fetch(String cursor) throws Exception {
                PublicRequest.Builder req = PublicRequest.to(api, "/markets")
                        .param("limit", PAGE)
                        .param("cursor", cursor)
                        .param("status", status)
                        .param("event_ticker", eventTicker)
                        .param("tickers", tickers);
                if (tickers == null && eventTicker == null) {
                    req.param("mve_filter", "exclude");
                }
                JsonNode body = PublicFetcher.json(EXCHANGE, fetcher.get(req.build(), requestId));
                JsonNode markets = body.get("markets");
                if (markets == null || !markets.isArray()) {
                    throw PublicFetcher.unusable(
                            EXCHANGE, new UpstreamResponse(200, null, ""), "Kalshi sent no markets array");
                }
                List<JsonNode> raw = new ArrayList<>();
                markets.forEach(raw::add);
                return new Listing.Page<>(normalize(raw, requestId), Wire.text(body, "cursor"));
            }

            @Override
            public java.util.function.Predicate<Market> filter() {
                return filter::accepts;
            }
        };
    }

    /** Normalizes a page of markets, looking their events' titles up in one call per 100 events. */
    List<Market> normalize(List<JsonNode> raw, String requestId) throws Exception {
        Set<String> events = new LinkedHashSet<>();
        raw.forEach(m -> {
            String e = Wire.text(m, "event_ticker");
            if (e != null) {
                events.add(e);
            }
        });
        Map<String, String> titles = eventTitles(new ArrayList<>(events), requestId);
        List<Market> out = new ArrayList<>();
        for (JsonNode m : raw) {
            out.add(market(m, titles.get(Wire.text(m, "event_ticker"))));
        }
        return out;
    }

    private Map<String, String> eventTitles(List<String> events, String requestId) throws Exception {
        Map<String, String> titles = new HashMap<>();
        for (int i = 0; i < events.size(); i += 100) {
            List<String> chunk = events.subList(i, Math.min(events.size(), i + 100));
            UpstreamResponse r = fetcher.get(
                    PublicRequest.to(api, "/events")
                            .param("tickers", String.join(",", chunk))
                            .param("limit", PAGE)
                            .build(),
                    requestId);
            if (!r.is2xx()) {
                continue; // titles are a nicety: the market keeps its event ticker as group title
            }
            JsonNode list = r.json() == null ? null : r.json().get("events");
            if (list != null && list.isArray()) {
                list.forEach(e -> {
                    String ticker = Wire.text(e, "event_ticker");
                    String title = Wire.text(e, "title");
                    if (ticker != null && title != null) {
                        titles.put(ticker, title);
                    }
                });
            }
        }
        return titles;
    }

    /** One Kalshi Market object as a Parsec Market ({@code groupTitle} null → the event ticker). */
    static Market market(JsonNode m, String eventTitle) {
        String ticker = Wire.text(m, "ticker");
        String event = Wire.text(m, "event_ticker");
        BigDecimal volume = Wire.decimal(m, "volume_fp");
        BigDecimal bid = side(m, "yes_bid_dollars", "yes_bid_size_fp", true);
        BigDecimal ask = side(m, "yes_ask_dollars", "yes_ask_size_fp", false);
        BigDecimal last = Wire.decimal(m, "last_price_dollars");
        if (last != null && (last.signum() == 0 || volume == null || volume.signum() == 0)) {
            last = null;
        }
        BigDecimal yes =
                bid != null && ask != null ? Decimals.normalize(bid.add(ask).divide(BigDecimal.valueOf(2))) : last;
        List<Outcome> outcomes = List.of(
                new Outcome("Yes", yes, ticker),
                new Outcome("No", yes == null ? null : Decimals.normalize(BigDecimal.ONE.subtract(yes)), ticker));
        String primary = Wire.text(m, "rules_primary");
        String secondary = Wire.text(m, "rules_secondary");
        String rules = primary == null ? secondary : secondary == null ? primary : primary + "\n\n" + secondary;
        String type = Wire.text(m, "market_type");
        return new Market(
                "kalshi:" + ticker,
                EXCHANGE,
                ticker,
                event,
                event == null ? null : "kalshi:" + event,
                eventTitle != null ? eventTitle : event,
                Wire.text(m, "title"),
                status(Wire.text(m, "status")),
                type == null ? "binary" : type,
                outcomes,
                volume == null ? BigDecimal.ZERO : volume,
                bid,
                ask,
                last,
                null,
                Wire.decimal(m, "open_interest_fp"),
                Wire.decimal(m, "volume_24h_fp"),
                null,
                null,
                null,
                primary,
                rules,
                Wire.iso(Wire.text(m, "created_time")),
                Wire.iso(Wire.text(m, "close_time")),
                null,
                Wire.iso(Wire.text(m, "updated_time")),
                2,
                null,
                tickSize(m));
    }

    /** Top of book from the market object; an empty side (size "0.00", or a 0/1 sentinel price) is null. */
    private static BigDecimal side(JsonNode m, String priceField, String sizeField, boolean bid) {
        BigDecimal price = Wire.decimal(m, priceField);
        BigDecimal size = Wire.decimal(m, sizeField);
        if (price == null || (size != null && size.signum() == 0)) {
            return null;
        }
        if (price.signum() == 0 || price.compareTo(BigDecimal.ONE) >= 0) {
            return null;
        }
        return price;
    }

    private static BigDecimal tickSize(JsonNode m) {
        JsonNode ranges = m.get("price_ranges");
        if (ranges == null || !ranges.isArray() || ranges.isEmpty()) {
            return null;
        }
        BigDecimal smallest = null;
        for (JsonNode r : ranges) {
            BigDecimal step = Wire.decimal(r, "step");
            if (step != null && (smallest == null || step.compareTo(smallest) < 0)) {
                smallest = step;
            }
        }
        return smallest;
    }

    static String status(String kalshi) {
        if (kalshi == null) {
            return "closed";
        }
        return switch (kalshi) {
            case "initialized", "unopened" -> "upcoming";
            case "active", "open" -> "open";
            case "inactive", "paused" -> "paused";
            case "determined", "amended", "finalized", "settled" -> "resolved";
            default -> "closed"; // closed, disputed
        };
    }

    /** {@code GET /markets/{ticker}}: the Market object, its two outcomes (both trade as the ticker), its open time. */
    @Override
    public ResolvedMarket resolve(String ticker, String requestId) throws Exception {
        JsonNode market = rawMarket(ticker, requestId);
        return new ResolvedMarket(
                market, OUTCOMES, List.of(ticker, ticker), Wire.instant(Wire.text(market, "open_time")));
    }

    /** {@code GET /markets/{ticker}}: the Market object, 404 → market_not_found. */
    JsonNode rawMarket(String ticker, String requestId) throws Exception {
        UpstreamResponse r = fetcher.get(
                PublicRequest.to(api, "/markets/" + PublicRequest.segment(ticker))
                        .build(),
                requestId);
        if (r.status() == 404) {
            throw PublicFetcher.marketNotFound(EXCHANGE);
        }
        JsonNode market = PublicFetcher.json(EXCHANGE, r).get("market");
        if (market == null || !market.isObject()) {
            throw PublicFetcher.unusable(EXCHANGE, r, "Kalshi sent no market object");
        }
        return market;
    }

    // ------------------------------------------------------------------------------------ events

    @Override
    public List<Listing.Stream<Event>> eventStreams(EventFilter filter, String requestId) {
        String parsecStatus = filter.status();
        List<Listing.Stream<Event>> streams = new ArrayList<>();
        List<String> statuses = parsecStatus == null
                ? java.util.Collections.singletonList(null)
                : switch (parsecStatus) {
                    case "open" -> List.of("open");
                    case "upcoming" -> List.of("unopened");
                    case "closed" -> List.of("closed");
                    case "resolved" -> List.of("settled", "closed");
                    case "paused" -> List.of("open");
                    default -> List.<String>of();
                };
        for (String status : statuses) {
            streams.add(new EventStream(
                    EXCHANGE,
                    "Kalshi",
                    cursor -> PublicFetcher.json(
                            EXCHANGE,
                            fetcher.get(
                                    PublicRequest.to(api, "/events")
                                            .param("limit", PAGE)
                                            .param("cursor", cursor)
                                            .param("status", status)
                                            .param("with_nested_markets", "true")
                                            .build(),
                                    requestId)),
                    "cursor",
                    e -> event(e, filter.includeMarkets()),
                    filter));
        }
        return streams;
    }

    static Event event(JsonNode e, boolean includeMarkets) {
        String title = Wire.text(e, "title");
        List<Market> markets = new ArrayList<>();
        JsonNode nested = e.get("markets");
        if (nested != null && nested.isArray()) {
            nested.forEach(m -> markets.add(market(m, title)));
        }
        BigDecimal volume = BigDecimal.ZERO;
        Instant close = null;
        for (Market m : markets) {
            volume = volume.add(m.volumeTotal());
            Instant c = Wire.instant(m.endDate());
            if (c != null && (close == null || c.isAfter(close))) {
                close = c;
            }
        }
        return new Event(
                Wire.text(e, "event_ticker"),
                title,
                Event.statusOf(markets),
                List.of(EXCHANGE),
                markets.size(),
                Decimals.normalize(volume),
                close == null ? null : close.toString(),
                includeMarkets ? markets : null);
    }

    // ------------------------------------------------------------------------------------ book

    @Override
    public Book book(MarketTarget target, int depth, String requestId) throws Exception {
        return book(target.marketId(), target.outcome(), depth, requestId);
    }

    /** The outcome's book (index 0 YES, 1 NO); Kalshi depth 0 = every level. Unknown ticker → 404. */
    Book book(String ticker, int outcome, int depth, String requestId) throws Exception {
        UpstreamResponse r = fetcher.get(
                PublicRequest.to(api, "/markets/" + PublicRequest.segment(ticker) + "/orderbook")
                        .param("depth", depth)
                        .build(),
                requestId);
        if (r.status() == 404) {
            throw PublicFetcher.marketNotFound(EXCHANGE);
        }
        JsonNode body = PublicFetcher.json(EXCHANGE, r);
        JsonNode book = body.get("orderbook_fp");
        if (book == null || !book.isObject()) {
            throw PublicFetcher.unusable(EXCHANGE, r, "Kalshi sent no orderbook_fp");
        }
        List<Level> yes = levels(book.get("yes_dollars"));
        List<Level> no = levels(book.get("no_dollars"));
        List<Level> yesBids = outcome == 0 ? yes : no;
        List<Level> otherBids = outcome == 0 ? no : yes;
        List<Level> asks = new ArrayList<>();
        for (Level l : otherBids) {
            asks.add(new Level(Decimals.normalize(BigDecimal.ONE.subtract(l.price())), l.size()));
        }
        return Book.of(yesBids, asks, clock.millis());
    }

    private static List<Level> levels(JsonNode array) {
        List<Level> out = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return out;
        }
        for (JsonNode l : array) {
            if (l.isArray() && l.size() >= 2) {
                out.add(new Level(Wire.decimal(l.get(0)), Wire.decimal(l.get(1))));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------ trades

    @Override
    public List<Trade> trades(MarketTarget target, Long start, Long end, int limit, String requestId) throws Exception {
        return trades(target.marketId(), target.outcome(), start, end, limit, requestId);
    }

    List<Trade> trades(String ticker, int outcome, Long start, Long end, int limit, String requestId) throws Exception {
        JsonNode body = PublicFetcher.json(
                EXCHANGE,
                fetcher.get(
                        PublicRequest.to(api, "/markets/trades")
                                .param("ticker", ticker)
                                .param("limit", limit)
                                .param("min_ts", start)
                                .param("max_ts", end)
                                .build(),
                        requestId));
        JsonNode trades = body.get("trades");
        if (trades == null || !trades.isArray()) {
            throw PublicFetcher.unusable(EXCHANGE, new UpstreamResponse(200, null, ""), "Kalshi sent no trades array");
        }
        List<Trade> out = new ArrayList<>();
        for (JsonNode t : trades) {
            BigDecimal yes = Wire.decimal(t, "yes_price_dollars");
            BigDecimal no = Wire.decimal(t, "no_price_dollars");
            if (no == null && yes != null) {
                no = Decimals.normalize(BigDecimal.ONE.subtract(yes));
            }
            Instant at = Wire.instant(Wire.text(t, "created_time"));
            BigDecimal size = Wire.decimal(t, "count_fp");
            if (at == null || size == null || (outcome == 0 ? yes : no) == null) {
                continue;
            }
            String takerSide = Wire.text(t, "taker_outcome_side");
            if (takerSide == null) {
                takerSide = Wire.text(t, "taker_side");
            }
            String aggressor = takerSide == null ? null : (takerSide.equals("yes") == (outcome == 0)) ? "buy" : "sell";
            out.add(new Trade(
                    outcome == 0 ? yes : no,
                    size,
                    at.toEpochMilli(),
                    "rest",
                    aggressor,
                    aggressor,
                    Wire.text(t, "trade_id")));
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------ candles

    /**
     * Candles from the batch candlestick endpoint (1, 60 or 1440-minute periods; 6h and 1w are
     * aggregated from 60 and 1440). Kalshi stamps a period's end; a candle's timestamp here is its open.
     * A period without trades is a flat candle at the last trade before it (volume 0), or absent when
     * the market never traded.
     */
    @Override
    public List<Candle> candles(MarketTarget target, Candles.Interval interval, Candles.Window window, String requestId)
            throws Exception {
        return candles(target.marketId(), target.outcome(), interval, window, requestId);
    }

    List<Candle> candles(String ticker, int outcome, Candles.Interval interval, Candles.Window window, String requestId)
            throws Exception {
        int period = switch (interval) {
            case ONE_MINUTE -> 1;
            case ONE_HOUR, SIX_HOURS -> 60;
            default -> 1440;
        };
        long periodSeconds = period * 60L;
        JsonNode body = PublicFetcher.json(
                EXCHANGE,
                fetcher.get(
                        PublicRequest.to(api, "/markets/candlesticks")
                                .param("market_tickers", ticker)
                                .param("start_ts", window.start())
                                .param("end_ts", window.end())
                                .param("period_interval", period)
                                .build(),
                        requestId));
        JsonNode markets = body.get("markets");
        if (markets == null || !markets.isArray()) {
            throw PublicFetcher.unusable(EXCHANGE, new UpstreamResponse(200, null, ""), "Kalshi sent no candlesticks");
        }
        List<Candle> base = new ArrayList<>();
        for (JsonNode m : markets) {
            if (!ticker.equals(Wire.text(m, "market_ticker"))) {
                continue;
            }
            for (JsonNode c : m.path("candlesticks")) {
                Candle candle = candle(c, periodSeconds, outcome == 1);
                if (candle != null) {
                    base.add(candle);
                }
            }
        }
        base.sort(java.util.Comparator.comparingLong(Candle::timestamp));
        long width = interval.widthSeconds;
        if (width == periodSeconds) {
            return base;
        }
        TreeMap<Long, List<Candle>> groups = new TreeMap<>();
        for (Candle c : base) {
            long open = Math.floorDiv(c.timestamp() / 1000, width) * width;
            groups.computeIfAbsent(open, k -> new ArrayList<>()).add(c);
        }
        List<Candle> out = new ArrayList<>();
        groups.forEach((open, cs) -> {
            BigDecimal high = cs.get(0).high();
            BigDecimal low = cs.get(0).low();
            BigDecimal volume = BigDecimal.ZERO;
            for (Candle c : cs) {
                high = high.max(c.high());
                low = low.min(c.low());
                volume = volume.add(c.volume());
            }
            out.add(new Candle(
                    open * 1000,
                    cs.get(0).open(),
                    high,
                    low,
                    cs.get(cs.size() - 1).close(),
                    Decimals.normalize(volume),
                    cs.get(cs.size() - 1).openInterest()));
        });
        return out;
    }

    private static Candle candle(JsonNode c, long periodSeconds, boolean no) {
        JsonNode price = c.path("price");
        BigDecimal open = Wire.decimal(price, "open_dollars");
        BigDecimal high = Wire.decimal(price, "high_dollars");
        BigDecimal low = Wire.decimal(price, "low_dollars");
        BigDecimal close = Wire.decimal(price, "close_dollars");
        BigDecimal volume = Wire.decimal(c, "volume_fp");
        if (open == null || high == null || low == null || close == null) {
            BigDecimal previous = Wire.decimal(price, "previous_dollars");
            if (previous == null) {
                return null;
            }
            open = high = low = close = previous;
            volume = BigDecimal.ZERO;
        }
        if (no) {
            BigDecimal h = high;
            open = one(open);
            close = one(close);
            high = one(low);
            low = one(h);
        }
        long end = c.path("end_period_ts").asLong();
        return new Candle(
                (end - periodSeconds) * 1000,
                open,
                high,
                low,
                close,
                volume == null ? BigDecimal.ZERO : volume,
                Wire.decimal(c, "open_interest_fp"));
    }

    private static BigDecimal one(BigDecimal p) {
        return Decimals.normalize(BigDecimal.ONE.subtract(p));
    }

    // ------------------------------------------------------------------------------------ fees

    /**
     * Taker fee estimate of a walk: {@code ceil_to_cent(Σ mult × 0.07 × q × p × (1 − p))} for the quadratic
     * fee types; 0 during a fee waiver; null when the series' fee type is {@code flat} or unknown, or the
     * series cannot be read.
     */
    @Override
    public BigDecimal takerFee(MarketTarget target, List<BookWalk.Fill> fills, Instant now, String requestId)
            throws Exception {
        return takerFee(target.market(), fills, now, requestId);
    }

    BigDecimal takerFee(JsonNode market, List<BookWalk.Fill> fills, Instant now, String requestId) throws Exception {
        Instant waiver = Wire.instant(Wire.text(market, "fee_waiver_expiration_time"));
        if (waiver != null && waiver.isAfter(now)) {
            return BigDecimal.ZERO;
        }
        String eventTicker = Wire.text(market, "event_ticker");
        if (eventTicker == null) {
            return null;
        }
        UpstreamResponse er = fetcher.get(
                PublicRequest.to(api, "/events/" + PublicRequest.segment(eventTicker))
                        .build(),
                requestId);
        if (!er.is2xx() || er.json() == null) {
            return null;
        }
        JsonNode event = er.json().path("event");
        String feeType = Wire.text(event, "fee_type_override");
        BigDecimal multiplier = Wire.decimal(event, "fee_multiplier_override");
        String series = Wire.text(event, "series_ticker");
        if ((feeType == null || multiplier == null) && series != null) {
            UpstreamResponse sr = fetcher.get(
                    PublicRequest.to(api, "/series/" + PublicRequest.segment(series))
                            .build(),
                    requestId);
            if (sr.is2xx() && sr.json() != null) {
                JsonNode s = sr.json().path("series");
                feeType = feeType != null ? feeType : Wire.text(s, "fee_type");
                multiplier = multiplier != null ? multiplier : Wire.decimal(s, "fee_multiplier");
            }
        }
        if (feeType == null || multiplier == null || !feeType.startsWith("quadratic")) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (BookWalk.Fill f : fills) {
            sum = sum.add(multiplier
                    .multiply(TAKER_COEFFICIENT)
                    .multiply(f.quantity())
                    .multiply(f.price())
                    .multiply(BigDecimal.ONE.subtract(f.price())));
        }
        return sum.setScale(2, RoundingMode.CEILING);
    }
}
