package dev.pmgate.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.sandbox.FakePolymarketHttp.Call;
import dev.pmgate.sandbox.FakePolymarketHttp.Failure;
import dev.pmgate.sandbox.FakePolymarketHttp.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Polymarket's public market data for {@link FakePolymarket}: Gamma keyset listings under
 * {@value #GAMMA_PREFIX} ({@code /markets/keyset}, {@code /events/keyset}, {@code /events/{id}}), the
 * CLOB {@code /book} and {@code /prices-history}, and the Data API {@code /trades} tape. Gamma entries
 * are described here; the book of a token is the levels seeded here, the sandbox house's levels and the fake's
 * live orders on it;
 * the tape is the trades seeded here plus the fake's own trades. Shapes follow docs/exchanges.md:
 * Gamma arrays as JSON-encoded strings, keyset paging with {@code after_cursor} (a {@code cursor}
 * parameter is ignored, as on Gamma) and no {@code next_cursor} on the last page, books with bids
 * ascending and asks descending, a Data API bare array without a last-page signal.
 */
public final class FakePolymarketPublic {

    public static final String GAMMA_PREFIX = "/gamma-api";

    /** A Gamma market: the CLOB market plus what Gamma describes. Mutable; changes show on the next read. */
    public static final class GammaMarket {
        public final String gammaId;
        public final FakePolymarket.Market market;
        public volatile String question;
        public volatile String eventId;
        public volatile String eventTitle;
        public volatile String version = "v1";
        public volatile boolean closed;
        public volatile boolean archived;
        public volatile boolean acceptingOrders = true;
        public volatile String umaResolutionStatus = "";
        public volatile BigDecimal volume = BigDecimal.ZERO;
        public volatile BigDecimal liquidity = BigDecimal.ZERO;
        public volatile List<String> outcomePrices = List.of("0.5", "0.5");
        public volatile boolean feesEnabled;
        public volatile BigDecimal feeRate;
        public volatile int feeExponent = 1;

        GammaMarket(String gammaId, FakePolymarket.Market market) {
            this.gammaId = gammaId;
            this.market = market;
            this.question = "Will market " + gammaId + " resolve Yes?";
            this.eventId = "ev" + gammaId;
            this.eventTitle = "Event of market " + gammaId;
        }
    }

    private record Point(long t, BigDecimal p) {}

    private record Level(BigDecimal price, BigDecimal size) {}

    private final FakePolymarketLedger ledger;
    private final TreeMap<Long, GammaMarket> gamma = new TreeMap<>();
    private final Map<String, List<Level>> bids = new TreeMap<>();
    private final Map<String, List<Level>> asks = new TreeMap<>();
    private final Map<String, List<Point>> history = new TreeMap<>();
    private final List<ObjectNode> tape = new ArrayList<>();
    private long nextId = 500_000;

    FakePolymarketPublic(FakePolymarketLedger ledger) {
        this.ledger = ledger;
    }

    // ------------------------------------------------------------------------------------ seeding (under the ledger
    // lock)

    GammaMarket describe(FakePolymarket.Market market) {
        for (GammaMarket g : gamma.values()) {
            if (g.market.conditionId().equalsIgnoreCase(market.conditionId())) {
                return g;
            }
        }
        long id = ++nextId;
        GammaMarket g = new GammaMarket(Long.toString(id), market);
        gamma.put(id, g);
        return g;
    }

    void level(String tokenId, boolean bid, BigDecimal price, BigDecimal size) {
        (bid ? bids : asks).computeIfAbsent(tokenId, t -> new ArrayList<>()).add(new Level(price, size));
    }

    void pricePoint(String tokenId, long t, BigDecimal p) {
        history.computeIfAbsent(tokenId, k -> new ArrayList<>()).add(new Point(t, p));
    }

    void publicTrade(
            String conditionId,
            String tokenId,
            PolymarketSide side,
            BigDecimal size,
            BigDecimal price,
            long timestamp) {
        ObjectNode row = FakePolymarketHttp.JSON.createObjectNode();
        row.put("proxyWallet", "0x" + "1".repeat(40));
        row.put("side", side.name());
        row.put("asset", tokenId);
        row.put("conditionId", conditionId);
        row.put("size", size);
        row.put("price", price);
        row.put("timestamp", timestamp);
        row.put("outcome", "");
        row.put("transactionHash", "0x" + "ab".repeat(32));
        tape.add(row);
    }

    // ------------------------------------------------------------------------------------ routing

    /** The handler of a public path, or null. */
    Function<Call, Response> handlerFor(Call call) {
        if (!call.method().equals("GET")) {
            return null;
        }
        String path = call.path();
        return switch (path) {
            case GAMMA_PREFIX + "/markets/keyset" -> this::marketsKeyset;
            case GAMMA_PREFIX + "/events/keyset" -> this::eventsKeyset;
            case "/book" -> this::book;
            case "/prices-history" -> this::pricesHistory;
            case FakePolymarket.DATA_API_PREFIX + "/trades" -> this::trades;
            default ->
                path.startsWith(GAMMA_PREFIX + "/events/") && path.length() > (GAMMA_PREFIX + "/events/").length()
                        ? this::event
                        : null;
        };
    }

    private void syncWithLedger() {
        for (FakePolymarket.Market m : ledger.marketsByCondition.values()) {
            describe(m);
        }
    }

    private static List<String> repeated(Call call, String name) {
        List<String> out = new ArrayList<>();
        if (call.rawQuery() == null) {
            return out;
        }
        for (String pair : call.rawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0
                    && java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8)
                            .equals(name)) {
                out.add(java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)
                        .toLowerCase());
            }
        }
        return out;
    }

    private static int limit(Map<String, String> q, int dflt, int max) {
        String v = q.get("limit");
        if (v == null) {
            return dflt;
        }
        int n = Integer.parseInt(v);
        if (n < 0 || n > max) {
            throw new Failure(422, "limit out of range");
        }
        return n == 0 ? dflt : n;
    }

    private static String cursorOf(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("id:" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static long afterCursor(Map<String, String> q) {
        String c = q.get("after_cursor");
        if (c == null || c.isEmpty()) {
            return Long.MIN_VALUE;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(c), StandardCharsets.UTF_8);
            return Long.parseLong(s.substring(3));
        } catch (RuntimeException e) {
            throw new Failure(400, "invalid after_cursor");
        }
    }

    private boolean closedMatches(GammaMarket g, Map<String, String> q) {
        String closed = q.get("closed");
        return closed == null || Boolean.parseBoolean(closed) == g.closed;
    }

    private Response marketsKeyset(Call call) {
        syncWithLedger();
        Map<String, String> q = call.query();
        int limit = limit(q, 20, 1000);
        long after = afterCursor(q);
        List<String> ids = repeated(call, "condition_ids");
        BigDecimal minVolume = q.get("volume_num_min") == null ? null : new BigDecimal(q.get("volume_num_min"));
        BigDecimal minLiquidity =
                q.get("liquidity_num_min") == null ? null : new BigDecimal(q.get("liquidity_num_min"));
        ArrayNode markets = FakePolymarketHttp.JSON.createArrayNode();
        Long last = null;
        boolean more = false;
        for (Map.Entry<Long, GammaMarket> e : gamma.tailMap(after, false).entrySet()) {
            GammaMarket g = e.getValue();
            if (!closedMatches(g, q)
                    || (!ids.isEmpty() && !ids.contains(g.market.conditionId().toLowerCase()))
                    || (minVolume != null && g.volume.compareTo(minVolume) < 0)
                    || (minLiquidity != null && g.liquidity.compareTo(minLiquidity) < 0)) {
                continue;
            }
            if (markets.size() == limit) {
                more = true;
                break;
            }
            markets.add(marketJson(g, true));
            last = e.getKey();
        }
        ObjectNode body = FakePolymarketHttp.JSON.createObjectNode();
        body.set("markets", markets);
        if (more) {
            body.put("next_cursor", cursorOf(last));
        }
        return Response.ok(body);
    }

    private ObjectNode marketJson(GammaMarket g, boolean withEvent) {
        ObjectNode m = FakePolymarketHttp.JSON.createObjectNode();
        m.put("id", g.gammaId);
        m.put("question", g.question);
        m.put("conditionId", g.market.conditionId());
        m.put("slug", "market-" + g.gammaId);
        m.put("version", g.version);
        List<String> outcomes = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (FakePolymarket.Token t : g.market.tokens()) {
            outcomes.add(t.outcome());
            tokens.add(t.tokenId());
        }
        try {
            m.put("outcomes", FakePolymarketHttp.JSON.writeValueAsString(outcomes));
            m.put("outcomePrices", FakePolymarketHttp.JSON.writeValueAsString(g.outcomePrices));
            m.put(
                    g.version.equals("v2") ? "positionIds" : "clobTokenIds",
                    FakePolymarketHttp.JSON.writeValueAsString(tokens));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        m.put("active", true);
        m.put("closed", g.closed);
        m.put("archived", g.archived);
        m.put("acceptingOrders", g.acceptingOrders && g.market.acceptingOrders());
        m.put("acceptingOrdersTimestamp", "2026-01-01T00:00:00Z");
        m.put("enableOrderBook", true);
        m.put("negRisk", g.market.negRisk());
        m.put("volume", g.volume.toPlainString());
        m.put("volumeNum", g.volume);
        m.put("liquidity", g.liquidity.toPlainString());
        m.put("liquidityNum", g.liquidity);
        m.put("orderPriceMinTickSize", g.market.tickSize());
        m.put("orderMinSize", g.market.minOrderSize());
        m.put("umaResolutionStatus", g.umaResolutionStatus);
        m.put("description", "Resolves per the market rules.");
        m.put("resolutionSource", "");
        m.put("startDate", "2026-01-01T00:00:00Z");
        m.put("createdAt", "2026-01-01T00:00:00.000Z");
        m.put("endDate", "2027-12-31T00:00:00Z");
        m.put("feesEnabled", g.feesEnabled);
        if (g.feeRate != null) {
            ObjectNode fee = m.putObject("feeSchedule");
            fee.put("exponent", g.feeExponent);
            fee.put("rate", g.feeRate);
            fee.put("takerOnly", true);
            fee.put("rebateRate", 0);
        }
        if (withEvent) {
            ObjectNode ev = m.putArray("events").addObject();
            ev.put("id", g.eventId);
            ev.put("slug", "event-" + g.eventId);
            ev.put("title", g.eventTitle);
        }
        return m;
    }

    private List<String> eventIds() {
        List<String> ids = new ArrayList<>();
        for (GammaMarket g : gamma.values()) {
            if (!ids.contains(g.eventId)) {
                ids.add(g.eventId);
            }
        }
        return ids;
    }

    private ObjectNode eventJson(String id) {
        ObjectNode e = FakePolymarketHttp.JSON.createObjectNode();
        ArrayNode markets = FakePolymarketHttp.JSON.createArrayNode();
        BigDecimal volume = BigDecimal.ZERO;
        boolean allClosed = true;
        String title = null;
        for (GammaMarket g : gamma.values()) {
            if (g.eventId.equals(id)) {
                markets.add(marketJson(g, false));
                volume = volume.add(g.volume);
                allClosed &= g.closed;
                title = g.eventTitle;
            }
        }
        e.put("id", id);
        e.put("ticker", "event-" + id);
        e.put("slug", "event-" + id);
        e.put("title", title);
        e.put("active", true);
        e.put("closed", allClosed);
        e.put("archived", false);
        e.put("volume", volume);
        e.put("endDate", "2027-12-31T00:00:00Z");
        e.set("markets", markets);
        return e;
    }

    private Response eventsKeyset(Call call) {
        syncWithLedger();
        Map<String, String> q = call.query();
        int limit = limit(q, 20, 500);
        long after = afterCursor(q);
        List<String> ids = eventIds();
        ArrayNode events = FakePolymarketHttp.JSON.createArrayNode();
        boolean more = false;
        long last = 0;
        for (int i = 0; i < ids.size(); i++) {
            if (i <= after && after != Long.MIN_VALUE) {
                continue;
            }
            ObjectNode e = eventJson(ids.get(i));
            if (q.get("closed") != null
                    && Boolean.parseBoolean(q.get("closed")) != e.get("closed").asBoolean()) {
                continue;
            }
            if (events.size() == limit) {
                more = true;
                break;
            }
            events.add(e);
            last = i;
        }
        ObjectNode body = FakePolymarketHttp.JSON.createObjectNode();
        body.set("events", events);
        if (more) {
            body.put("next_cursor", cursorOf(last));
        }
        return Response.ok(body);
    }

    private Response event(Call call) {
        syncWithLedger();
        String id = call.path().substring((GAMMA_PREFIX + "/events/").length());
        if (!eventIds().contains(id)) {
            throw new Failure(404, "not found");
        }
        return Response.ok(eventJson(id));
    }

    // ------------------------------------------------------------------------------------ CLOB

    private Response book(Call call) {
        String token = call.query().get("token_id");
        FakePolymarket.Market market = token == null ? null : ledger.marketsByToken.get(token);
        if (market == null) {
            throw new Failure(404, "No orderbook exists for the requested token id");
        }
        TreeMap<BigDecimal, BigDecimal> b = new TreeMap<>();
        TreeMap<BigDecimal, BigDecimal> a = new TreeMap<>();
        bids.getOrDefault(token, List.of()).forEach(l -> b.merge(l.price(), l.size(), BigDecimal::add));
        asks.getOrDefault(token, List.of()).forEach(l -> a.merge(l.price(), l.size(), BigDecimal::add));
        for (FakePolymarketLedger.HouseLevel l : ledger.house.getOrDefault(token, List.of())) {
            (l.side == PolymarketSide.BUY ? b : a)
                    .merge(l.price, new BigDecimal(l.units).movePointLeft(6), BigDecimal::add);
        }
        for (FakePolymarketLedger.OrderState o : ledger.orders.values()) {
            if (o.live() && token.equals(o.tokenId)) {
                BigDecimal shares = new BigDecimal(o.remainingUnits()).movePointLeft(6);
                (o.side == PolymarketSide.BUY ? b : a).merge(o.price, shares, BigDecimal::add);
            }
        }
        ObjectNode body = FakePolymarketHttp.JSON.createObjectNode();
        body.put("market", market.conditionId());
        body.put("asset_id", token);
        body.put("timestamp", Long.toString(ledger.clock.millis()));
        body.put("hash", "0".repeat(40));
        ArrayNode bidArray = body.putArray("bids");
        b.forEach((p, s) -> bidArray.addObject().put("price", p.toPlainString()).put("size", s.toPlainString()));
        ArrayNode askArray = body.putArray("asks");
        a.descendingMap()
                .forEach((p, s) ->
                        askArray.addObject().put("price", p.toPlainString()).put("size", s.toPlainString()));
        body.put("min_order_size", market.minOrderSize().toPlainString());
        body.put("tick_size", market.tickSize().toPlainString());
        body.put("neg_risk", market.negRisk());
        body.putNull("last_trade_price");
        return Response.ok(body);
    }

    private Response pricesHistory(Call call) {
        Map<String, String> q = call.query();
        String token = q.get("market");
        if (token == null) {
            throw new Failure(400, "market is required");
        }
        if (q.containsKey("interval") && (q.containsKey("startTs") || q.containsKey("endTs"))) {
            throw new Failure(400, "interval and startTs/endTs are mutually exclusive");
        }
        long start = q.get("startTs") == null ? Long.MIN_VALUE : Long.parseLong(q.get("startTs"));
        long end = q.get("endTs") == null ? Long.MAX_VALUE : Long.parseLong(q.get("endTs"));
        ArrayNode points = FakePolymarketHttp.JSON.createArrayNode();
        history.getOrDefault(token, List.of()).stream()
                .sorted(java.util.Comparator.comparingLong(Point::t))
                .filter(p -> p.t() >= start && p.t() <= end)
                .forEach(p -> points.addObject().put("t", p.t()).put("p", p.p()));
        ObjectNode body = FakePolymarketHttp.JSON.createObjectNode();
        body.set("history", points);
        return Response.ok(body);
    }

    // ------------------------------------------------------------------------------------ Data API

    private Response trades(Call call) {
        Map<String, String> q = call.query();
        int limit = q.get("limit") == null ? 100 : Math.min(10_000, Integer.parseInt(q.get("limit")));
        int offset = q.get("offset") == null ? 0 : Integer.parseInt(q.get("offset"));
        if (offset > 10_000) {
            throw new Failure(400, "offset too large");
        }
        String market = q.get("market") == null ? null : q.get("market").toLowerCase();
        long start = q.get("start") == null ? Long.MIN_VALUE : Long.parseLong(q.get("start"));
        long end = q.get("end") == null ? Long.MAX_VALUE : Long.parseLong(q.get("end"));
        List<ObjectNode> rows = new ArrayList<>(tape);
        for (FakePolymarket.Trade t : ledger.trades) {
            FakePolymarket.Market m = ledger.marketsByToken.get(t.tokenId());
            if (m == null || !"TAKER".equalsIgnoreCase(t.traderSide())) {
                continue;
            }
            ObjectNode row = FakePolymarketHttp.JSON.createObjectNode();
            row.put("proxyWallet", t.address());
            row.put("side", t.side().name());
            row.put("asset", t.tokenId());
            row.put("conditionId", m.conditionId());
            row.put("size", t.size());
            row.put("price", t.price());
            row.put("timestamp", t.matchTimeSeconds());
            row.put("transactionHash", "0x" + "cd".repeat(32));
            rows.add(row);
        }
        rows.removeIf(r ->
                (market != null && !market.equals(r.get("conditionId").asText().toLowerCase()))
                        || r.get("timestamp").asLong() < start
                        || r.get("timestamp").asLong() > end);
        rows.sort((x, y) ->
                Long.compare(y.get("timestamp").asLong(), x.get("timestamp").asLong()));
        ArrayNode out = FakePolymarketHttp.JSON.createArrayNode();
        for (int i = offset; i < rows.size() && out.size() < limit; i++) {
            out.add(rows.get(i));
        }
        return Response.ok(out);
    }
}
