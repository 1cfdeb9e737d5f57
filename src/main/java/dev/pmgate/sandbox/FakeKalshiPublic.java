package dev.pmgate.sandbox;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Kalshi's public market-data endpoints for {@link FakeKalshi}, served from the fake's own state: its
 * markets, their books (anonymous liquidity plus resting orders), and its tape (every taker fill, plus
 * trades seeded here). Shapes follow docs/exchanges.md and the recorded demo answers:
 * dollar strings with 4 decimals, {@code _fp} counts with 2, books as ascending bid arrays only,
 * {@code "cursor": ""} on a last page, a limit over the maximum is a 400.
 *
 * <p>Served: {@code GET /markets}, {@code /markets/{ticker}}, {@code /markets/{ticker}/orderbook},
 * {@code /markets/trades}, {@code /markets/candlesticks}, {@code /events}, {@code /events/{ticker}},
 * {@code /series/{ticker}}. None needs authentication.
 */
public final class FakeKalshiPublic {

    /** Descriptive state of one market (what the engine does not model). */
    public static final class MarketInfo {
        public volatile String title;
        /** Kalshi's response status: initialized, active, inactive, closed, determined, disputed, amended, finalized. */
        public volatile String status = "active";

        public volatile BigDecimal seededVolume = BigDecimal.ZERO;
        public volatile BigDecimal openInterest = BigDecimal.ZERO;
        public volatile Instant created = Instant.parse("2026-01-01T00:00:00Z");
        public volatile Instant close = Instant.parse("2027-12-31T00:00:00Z");
        public volatile String rulesPrimary = "Resolves Yes if the event happens.";
        public volatile String feeWaiverExpiration;
    }

    record SeededTrade(
            String id,
            String ticker,
            BigDecimal yesPrice,
            BigDecimal count,
            String takerOutcomeSide,
            Instant created) {}

    record EventInfo(String title, String seriesTicker) {}

    record SeriesInfo(String feeType, BigDecimal feeMultiplier) {}

    private final FakeKalshiEngine engine;
    private final Map<String, MarketInfo> info = new ConcurrentHashMap<>();
    private final Map<String, EventInfo> events = new ConcurrentHashMap<>();
    private final Map<String, SeriesInfo> series = new ConcurrentHashMap<>();
    private final List<SeededTrade> seeded = new CopyOnWriteArrayList<>();

    FakeKalshiPublic(FakeKalshiEngine engine) {
        this.engine = engine;
    }

    /** The descriptive state of a market (created with defaults on first use). */
    public MarketInfo market(String ticker) {
        return info.computeIfAbsent(ticker, t -> {
            MarketInfo m = new MarketInfo();
            m.title = "Will " + t + " resolve Yes?";
            return m;
        });
    }

    public void event(String eventTicker, String title, String seriesTicker) {
        events.put(eventTicker, new EventInfo(title, seriesTicker));
    }

    public void series(String seriesTicker, String feeType, BigDecimal feeMultiplier) {
        series.put(seriesTicker, new SeriesInfo(feeType, feeMultiplier));
    }

    /** A trade on the public tape, at a YES price; {@code takerOutcomeSide} yes or no. */
    public void trade(String ticker, BigDecimal yesPrice, BigDecimal count, String takerOutcomeSide, Instant at) {
        seeded.add(new SeededTrade(UUID.randomUUID().toString(), ticker, yesPrice, count, takerOutcomeSide, at));
    }

    // ------------------------------------------------------------------------------------ routing

    /** Answers a public GET ({@code s} = path segments after /trade-api/v2), or null when not a public path. */
    Object answer(String[] s, Map<String, String> q) {
        if (s[0].equals("markets")) {
            if (s.length == 1) {
                return listMarkets(q);
            }
            if (s.length == 2 && s[1].equals("trades")) {
                return trades(q);
            }
            if (s.length == 2 && s[1].equals("candlesticks")) {
                return candlesticks(q);
            }
            if (s.length == 2) {
                return Map.of("market", marketJson(requireMarket(s[1])));
            }
            if (s.length == 3 && s[2].equals("orderbook")) {
                return orderbook(requireMarket(s[1]), q);
            }
            return null;
        }
        if (s[0].equals("events")) {
            if (s.length == 1) {
                return listEvents(q);
            }
            if (s.length == 2) {
                String ev = s[1];
                List<Map<String, Object>> ms = marketsOfEvent(ev);
                if (ms.isEmpty() && !events.containsKey(ev)) {
                    throw KalshiApiError.nested(404, "not_found", "not found", null);
                }
                Map<String, Object> body = new TreeMap<>();
                body.put("event", eventJson(ev, false));
                body.put("markets", ms);
                return body;
            }
            return null;
        }
        if (s[0].equals("series") && s.length == 2) {
            SeriesInfo si = series.get(s[1]);
            if (si == null) {
                throw KalshiApiError.nested(404, "not_found", "not found", null);
            }
            Map<String, Object> body = new TreeMap<>();
            body.put("ticker", s[1]);
            body.put("title", s[1]);
            body.put("frequency", "daily");
            body.put("category", "Other");
            body.put("fee_type", si.feeType());
            body.put("fee_multiplier", si.feeMultiplier());
            body.put("settlement_sources", List.of());
            body.put("additional_prohibitions", List.of());
            return Map.of("series", body);
        }
        return null;
    }

    private String requireMarket(String ticker) {
        if (engine.market(ticker) == null) {
            throw KalshiApiError.nested(404, "not_found", "not found", null);
        }
        return ticker;
    }

    private static int limit(Map<String, String> q, String op, int dflt, int max) {
        String v = q.get("limit");
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        if (!v.matches("[0-9]{1,9}")) {
            throw KalshiApiError.bare(400, "Parameter validation failed for " + op + ": limit");
        }
        int n = Integer.parseInt(v);
        if (n > max) {
            throw KalshiApiError.bare(
                    400,
                    "Parameter validation failed for " + op + ": Key: '" + op
                            + "Params.Limit' Error:Field validation for 'Limit' failed on the 'lte' tag");
        }
        return n == 0 ? dflt : n;
    }

    private static long longParam(Map<String, String> q, String name, long dflt) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        if (!v.matches("-?[0-9]{1,18}")) {
            throw KalshiApiError.badRequest("invalid value for query parameter " + name);
        }
        return Long.parseLong(v);
    }

    /** A page of {@code items} after the opaque cursor (a garbage cursor restarts at page 1, as Kalshi does). */
    private static <T> Map.Entry<List<T>, String> page(List<T> items, String cursor, int limit) {
        int start = 0;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                start = decoded.startsWith("i:") ? Integer.parseInt(decoded.substring(2)) : 0;
            } catch (RuntimeException e) {
                start = 0;
            }
        }
        start = Math.min(Math.max(0, start), items.size());
        int end = Math.min(items.size(), start + limit);
        String next = end < items.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(("i:" + end).getBytes(StandardCharsets.UTF_8))
                : "";
        return Map.entry(new ArrayList<>(items.subList(start, end)), next);
    }

    private static final Map<String, Set<String>> STATUS_FILTER = Map.of(
            "unopened", Set.of("initialized"),
            "open", Set.of("active"),
            "paused", Set.of("inactive"),
            "closed", Set.of("closed", "determined", "disputed", "amended"),
            "settled", Set.of("finalized"));

    private Map<String, Object> listMarkets(Map<String, String> q) {
        int limit = limit(q, "GetMarkets", 100, 1000);
        String status = emptyToNull(q.get("status"));
        if (status != null && !STATUS_FILTER.containsKey(status)) {
            throw KalshiApiError.badRequest("invalid status filter");
        }
        String event = emptyToNull(q.get("event_ticker"));
        String tickers = emptyToNull(q.get("tickers"));
        Set<String> wanted = tickers == null ? null : Set.of(tickers.split(","));
        List<String> matching = new ArrayList<>();
        for (String t : engine.tickers()) {
            if (status != null && !STATUS_FILTER.get(status).contains(market(t).status)) {
                continue;
            }
            if (event != null && !event.equals(engine.market(t).eventTicker)) {
                continue;
            }
            if (wanted != null && !wanted.contains(t)) {
                continue;
            }
            matching.add(t);
        }
        var page = page(matching, q.get("cursor"), limit);
        List<Object> markets = new ArrayList<>();
        page.getKey().forEach(t -> markets.add(marketJson(t)));
        Map<String, Object> body = new TreeMap<>();
        body.put("cursor", page.getValue());
        body.put("markets", markets);
        return body;
    }

    private List<Map<String, Object>> marketsOfEvent(String eventTicker) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String t : engine.tickers()) {
            if (eventTicker.equals(engine.market(t).eventTicker)) {
                out.add(marketJson(t));
            }
        }
        return out;
    }

    private Map<String, Object> listEvents(Map<String, String> q) {
        int limit = limit(q, "GetEvents", 200, 200);
        String status = emptyToNull(q.get("status"));
        if (status != null && !Set.of("unopened", "open", "closed", "settled").contains(status)) {
            throw KalshiApiError.badRequest("invalid status filter");
        }
        boolean nested = "true".equals(q.get("with_nested_markets"));
        String tickers = emptyToNull(q.get("tickers"));
        Set<String> wanted = tickers == null ? null : Set.of(tickers.split(","));
        LinkedHashMap<String, Boolean> all = new LinkedHashMap<>();
        for (String t : engine.tickers()) {
            String ev = engine.market(t).eventTicker;
            boolean match = status == null || STATUS_FILTER.get(status).contains(market(t).status);
            all.merge(ev, match, Boolean::logicalOr);
        }
        List<String> matching = new ArrayList<>();
        all.forEach((ev, match) -> {
            if (match && (wanted == null || wanted.contains(ev))) {
                matching.add(ev);
            }
        });
        var page = page(matching, q.get("cursor"), limit);
        List<Object> out = new ArrayList<>();
        page.getKey().forEach(ev -> out.add(eventJson(ev, nested)));
        Map<String, Object> body = new TreeMap<>();
        body.put("cursor", page.getValue());
        body.put("events", out);
        return body;
    }

    private Map<String, Object> eventJson(String eventTicker, boolean nested) {
        EventInfo ei = events.get(eventTicker);
        Map<String, Object> e = new TreeMap<>();
        e.put("event_ticker", eventTicker);
        e.put("series_ticker", ei != null ? ei.seriesTicker() : eventTicker.split("-")[0]);
        e.put("title", ei != null ? ei.title() : "Event " + eventTicker);
        e.put("sub_title", "");
        e.put("collateral_return_type", "");
        e.put("mutually_exclusive", false);
        e.put("settlement_sources", List.of());
        if (nested) {
            e.put("markets", marketsOfEvent(eventTicker));
        }
        return e;
    }

    // ------------------------------------------------------------------------------------ market object

    private record Top(BigDecimal price, BigDecimal size) {}

    Map<String, Object> marketJson(String ticker) {
        Map<String, Object> base = new TreeMap<>(castMarket(engine.marketJson(ticker)));
        MarketInfo mi = market(ticker);
        TreeMap<BigDecimal, BigDecimal> yesBids = engine.restingLevels(ticker, BookSide.BID);
        TreeMap<BigDecimal, BigDecimal> yesAsks = engine.restingLevels(ticker, BookSide.ASK);
        Top bid = yesBids.isEmpty()
                ? new Top(BigDecimal.ZERO, BigDecimal.ZERO)
                : new Top(yesBids.lastKey(), yesBids.lastEntry().getValue());
        Top ask = yesAsks.isEmpty()
                ? new Top(BigDecimal.ONE, BigDecimal.ZERO)
                : new Top(yesAsks.firstKey(), yesAsks.firstEntry().getValue());
        List<Object[]> tape = tape(ticker);
        BigDecimal volume = mi.seededVolume;
        BigDecimal volume24h = BigDecimal.ZERO;
        Instant dayAgo = engine.now().minusSeconds(86400);
        for (Object[] t : tape) {
            volume = volume.add((BigDecimal) t[2]);
            if (((Instant) t[4]).isAfter(dayAgo)) {
                volume24h = volume24h.add((BigDecimal) t[2]);
            }
        }
        BigDecimal last = tape.isEmpty() ? BigDecimal.ZERO : (BigDecimal) tape.get(0)[1];
        base.put("title", mi.title);
        base.put("subtitle", "");
        base.put("yes_sub_title", "Yes");
        base.put("no_sub_title", "No");
        base.put("status", mi.status);
        base.put("result", "");
        base.put("yes_bid_dollars", KalshiFormat.price(bid.price()));
        base.put("yes_bid_size_fp", KalshiFormat.count(bid.size()));
        base.put("yes_ask_dollars", KalshiFormat.price(ask.price()));
        base.put("yes_ask_size_fp", KalshiFormat.count(ask.size()));
        base.put("no_bid_dollars", KalshiFormat.price(BigDecimal.ONE.subtract(ask.price())));
        base.put("no_ask_dollars", KalshiFormat.price(BigDecimal.ONE.subtract(bid.price())));
        base.put("last_price_dollars", KalshiFormat.price(last));
        base.put("volume_fp", KalshiFormat.count(volume));
        base.put("volume_24h_fp", KalshiFormat.count(volume24h));
        base.put("open_interest_fp", KalshiFormat.count(mi.openInterest));
        base.put("liquidity_dollars", "0.0000");
        base.put("notional_value_dollars", "1.0000");
        base.put("created_time", KalshiFormat.time(mi.created));
        base.put("open_time", KalshiFormat.time(mi.created));
        base.put("updated_time", KalshiFormat.time(mi.created));
        base.put("close_time", KalshiFormat.time(mi.close));
        base.put("latest_expiration_time", KalshiFormat.time(mi.close));
        base.put("rules_primary", mi.rulesPrimary);
        base.put("rules_secondary", "");
        base.put("fee_waiver_expiration_time", mi.feeWaiverExpiration);
        base.remove("fractional_trading_enabled");
        return base;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMarket(Map<String, Object> wrapped) {
        return (Map<String, Object>) wrapped.get("market");
    }

    // ------------------------------------------------------------------------------------ book

    private Map<String, Object> orderbook(String ticker, Map<String, String> q) {
        long depth = longParam(q, "depth", 0);
        if (depth > 100) {
            throw KalshiApiError.badRequest("depth must be at most 100");
        }
        List<List<String>> yes = new ArrayList<>();
        engine.restingLevels(ticker, BookSide.BID)
                .forEach((p, c) -> yes.add(List.of(KalshiFormat.price(p), KalshiFormat.count(c))));
        TreeMap<BigDecimal, BigDecimal> noLevels = new TreeMap<>();
        engine.restingLevels(ticker, BookSide.ASK)
                .forEach((p, c) -> noLevels.merge(BigDecimal.ONE.subtract(p), c, BigDecimal::add));
        List<List<String>> no = new ArrayList<>();
        noLevels.forEach((p, c) -> no.add(List.of(KalshiFormat.price(p), KalshiFormat.count(c))));
        Map<String, Object> book = new TreeMap<>();
        book.put("yes_dollars", best(yes, depth));
        book.put("no_dollars", best(no, depth));
        return Map.of("orderbook_fp", book);
    }

    /** The best {@code depth} levels of an ascending array: its last ones, still ascending. */
    private static List<List<String>> best(List<List<String>> ascending, long depth) {
        if (depth <= 0 || ascending.size() <= depth) {
            return ascending;
        }
        return new ArrayList<>(ascending.subList(ascending.size() - (int) depth, ascending.size()));
    }

    // ------------------------------------------------------------------------------------ trades

    /** Tape rows [id, yesPrice, count, takerOutcomeSide, created], newest first. */
    private List<Object[]> tape(String ticker) {
        List<Object[]> rows = new ArrayList<>();
        for (FakeKalshi.FillSnapshot f : engine.takerFills(ticker)) {
            rows.add(new Object[] {
                f.fillId(), f.price(), f.count(), f.side() == BookSide.BID ? "yes" : "no", f.createdTime()
            });
        }
        for (SeededTrade t : seeded) {
            if (t.ticker().equals(ticker)) {
                rows.add(new Object[] {t.id(), t.yesPrice(), t.count(), t.takerOutcomeSide(), t.created()});
            }
        }
        rows.sort((a, b) -> ((Instant) b[4]).compareTo((Instant) a[4]));
        return rows;
    }

    private Map<String, Object> trades(Map<String, String> q) {
        int limit = limit(q, "GetTrades", 100, 1000);
        String ticker = emptyToNull(q.get("ticker"));
        long min = longParam(q, "min_ts", Long.MIN_VALUE);
        long max = longParam(q, "max_ts", Long.MAX_VALUE);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String t : ticker == null ? engine.tickers() : List.of(ticker)) {
            for (Object[] r : tape(t)) {
                long at = ((Instant) r[4]).getEpochSecond();
                if (at < min || at > max) {
                    continue;
                }
                BigDecimal yes = (BigDecimal) r[1];
                Map<String, Object> j = new TreeMap<>();
                j.put("trade_id", r[0]);
                j.put("ticker", t);
                j.put("count_fp", KalshiFormat.count((BigDecimal) r[2]));
                j.put("yes_price_dollars", KalshiFormat.price(yes));
                j.put("no_price_dollars", KalshiFormat.price(BigDecimal.ONE.subtract(yes)));
                j.put("taker_outcome_side", r[3]);
                j.put("taker_side", r[3]);
                j.put("taker_book_side", "yes".equals(r[3]) ? "bid" : "ask");
                j.put("created_time", KalshiFormat.time((Instant) r[4]));
                j.put("is_block_trade", false);
                rows.add(j);
            }
        }
        var page = page(rows, q.get("cursor"), limit);
        Map<String, Object> body = new TreeMap<>();
        body.put("cursor", page.getValue());
        body.put("trades", page.getKey());
        return body;
    }

    // ------------------------------------------------------------------------------------ candles

    private Map<String, Object> candlesticks(Map<String, String> q) {
        String tickers = emptyToNull(q.get("market_tickers"));
        if (tickers == null
                || q.get("start_ts") == null
                || q.get("end_ts") == null
                || q.get("period_interval") == null) {
            throw KalshiApiError.badRequest("market_tickers, start_ts, end_ts and period_interval are required");
        }
        long start = longParam(q, "start_ts", 0);
        long end = longParam(q, "end_ts", 0);
        long period = longParam(q, "period_interval", 0);
        if (period != 1 && period != 60 && period != 1440) {
            throw KalshiApiError.badRequest("period_interval must be one of 1 60 1440");
        }
        long width = period * 60;
        long firstEnd = Math.floorDiv(start + width - 1, width) * width;
        if ((end - firstEnd) / width > 10_000) {
            throw KalshiApiError.badRequest("too many candlesticks requested");
        }
        List<Object> markets = new ArrayList<>();
        for (String t : tickers.split(",")) {
            if (engine.market(t) == null) {
                continue;
            }
            List<Object[]> tape = tape(t);
            List<Object> candles = new ArrayList<>();
            for (long periodEnd = firstEnd; periodEnd <= end; periodEnd += width) {
                long periodStart = periodEnd - width;
                BigDecimal open = null, high = null, low = null, close = null, previous = null;
                BigDecimal volume = BigDecimal.ZERO;
                for (int i = tape.size() - 1; i >= 0; i--) { // oldest first
                    Object[] r = tape.get(i);
                    long at = ((Instant) r[4]).getEpochSecond();
                    BigDecimal p = (BigDecimal) r[1];
                    if (at <= periodStart) {
                        previous = p;
                    } else if (at <= periodEnd) {
                        open = open == null ? p : open;
                        high = high == null ? p : high.max(p);
                        low = low == null ? p : low.min(p);
                        close = p;
                        volume = volume.add((BigDecimal) r[2]);
                    }
                }
                Map<String, Object> price = new LinkedHashMap<>();
                price.put("open_dollars", open == null ? null : KalshiFormat.price(open));
                price.put("low_dollars", low == null ? null : KalshiFormat.price(low));
                price.put("high_dollars", high == null ? null : KalshiFormat.price(high));
                price.put("close_dollars", close == null ? null : KalshiFormat.price(close));
                price.put("mean_dollars", null);
                price.put("previous_dollars", previous == null ? null : KalshiFormat.price(previous));
                price.put("min_dollars", low == null ? null : KalshiFormat.price(low));
                price.put("max_dollars", high == null ? null : KalshiFormat.price(high));
                Map<String, Object> flat = Map.of(
                        "open_dollars",
                        "0.0000",
                        "low_dollars",
                        "0.0000",
                        "high_dollars",
                        "0.0000",
                        "close_dollars",
                        "0.0000");
                Map<String, Object> c = new TreeMap<>();
                c.put("end_period_ts", periodEnd);
                c.put("price", price);
                c.put("yes_bid", flat);
                c.put("yes_ask", flat);
                c.put("volume_fp", KalshiFormat.count(volume));
                c.put("open_interest_fp", KalshiFormat.count(market(t).openInterest));
                candles.add(c);
            }
            markets.add(Map.of("market_ticker", t, "candlesticks", candles));
        }
        return Map.of("markets", markets);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
