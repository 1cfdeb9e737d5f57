package dev.pmgate.sandbox;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * State and matching of the fake exchange: users, balances per (subaccount, shard), markets with an
 * exchange shard and tick grid, one YES book per market (user orders plus test-provided liquidity),
 * orders, fills and positions. Every public operation is synchronized on the engine.
 * Wire maps are built here so that they are consistent snapshots.
 */
final class FakeKalshiEngine {
    static final String STATUS_RESTING = "resting";
    static final String STATUS_CANCELED = "canceled";
    static final String STATUS_EXECUTED = "executed";

    static final String TIF_FOK = "fill_or_kill";
    static final String TIF_GTC = "good_till_canceled";
    static final String TIF_IOC = "immediate_or_cancel";

    static final String STP_TAKER_AT_CROSS = "taker_at_cross";
    static final String STP_MAKER = "maker";

    private static final MathContext DIV = new MathContext(20, RoundingMode.HALF_EVEN);

    record BalanceKey(int subaccount, int shard) {}

    record PositionKey(int subaccount, String ticker) {}

    static final class User {
        final String id;
        final Set<String> usedClientOrderIds = new HashSet<>();
        final Map<BalanceKey, BigDecimal> cash = new HashMap<>();
        final Map<PositionKey, Position> positions = new HashMap<>();

        User(String id) {
            this.id = id;
        }

        BigDecimal cash(int subaccount, int shard) {
            return cash.getOrDefault(new BalanceKey(subaccount, shard), BigDecimal.ZERO);
        }

        Position position(int subaccount, String ticker) {
            return positions.computeIfAbsent(new PositionKey(subaccount, ticker), k -> new Position());
        }
    }

    static final class Position {
        BigDecimal position = BigDecimal.ZERO;
        BigDecimal costBasis = BigDecimal.ZERO;
        BigDecimal realizedPnl = BigDecimal.ZERO;
        BigDecimal feesPaid = BigDecimal.ZERO;
        BigDecimal totalTraded = BigDecimal.ZERO;
        Instant lastUpdated;
    }

    static final class Market {
        final String ticker;
        final String eventTicker;
        final PriceLevelStructure structure;
        final int shard;
        final List<Liquidity> liquidity = new ArrayList<>();
        boolean autoFill;

        Market(String ticker, String eventTicker, PriceLevelStructure structure, int shard) {
            this.ticker = ticker;
            this.eventTicker = eventTicker;
            this.structure = structure;
            this.shard = shard;
        }
    }

    /** Resting liquidity of an anonymous counterparty, added by a test. */
    static final class Liquidity {
        final BookSide side;
        final BigDecimal price;
        BigDecimal remaining;
        final BigDecimal initial;
        final long seq;

        Liquidity(BookSide side, BigDecimal price, BigDecimal remaining, long seq) {
            this.side = side;
            this.price = price;
            this.remaining = remaining;
            this.initial = remaining;
            this.seq = seq;
        }
    }

    static final class Order {
        final String id;
        final String userId;
        String clientOrderId;
        final String ticker;
        final BookSide side;
        BigDecimal price;
        BigDecimal initialCount;
        BigDecimal fillCount = BigDecimal.ZERO;
        BigDecimal remainingCount;
        String status;
        final String timeInForce;
        final String stp;
        final Long expirationTime;
        final Boolean cancelOnPause;
        final String orderGroupId;
        final int subaccount;
        final int shard;
        final Instant created;
        Instant updated;
        long seq;
        BigDecimal takerFillCost = BigDecimal.ZERO;
        BigDecimal makerFillCost = BigDecimal.ZERO;
        BigDecimal takerFees = BigDecimal.ZERO;
        BigDecimal makerFees = BigDecimal.ZERO;

        Order(String id, String userId, CreateOrder req, int shard, Instant now, long seq) {
            this.id = id;
            this.userId = userId;
            this.clientOrderId = req.clientOrderId() == null ? "" : req.clientOrderId();
            this.ticker = req.ticker();
            this.side = req.side();
            this.price = req.price();
            this.initialCount = req.count();
            this.remainingCount = req.count();
            this.timeInForce = req.timeInForce();
            this.stp = req.selfTradePrevention();
            this.expirationTime = req.expirationTime();
            this.cancelOnPause = req.cancelOrderOnPause();
            this.orderGroupId = req.orderGroupId();
            this.subaccount = req.subaccount();
            this.shard = shard;
            this.created = now;
            this.updated = now;
            this.seq = seq;
        }

        boolean resting() {
            return STATUS_RESTING.equals(status);
        }
    }

    static final class Fill {
        final String id;
        final String orderId;
        final String userId;
        final String ticker;
        final BookSide side;
        final BigDecimal price;
        final BigDecimal count;
        final BigDecimal fee;
        final boolean taker;
        final int subaccount;
        final int shard;
        final Instant created;
        final long seq;

        Fill(
                String id,
                String orderId,
                String userId,
                String ticker,
                BookSide side,
                BigDecimal price,
                BigDecimal count,
                BigDecimal fee,
                boolean taker,
                int subaccount,
                int shard,
                Instant created,
                long seq) {
            this.id = id;
            this.orderId = orderId;
            this.userId = userId;
            this.ticker = ticker;
            this.side = side;
            this.price = price;
            this.count = count;
            this.fee = fee;
            this.taker = taker;
            this.subaccount = subaccount;
            this.shard = shard;
            this.created = created;
            this.seq = seq;
        }
    }

    /** A validated V2 create body. */
    record CreateOrder(
            String ticker,
            String clientOrderId,
            BookSide side,
            BigDecimal count,
            BigDecimal price,
            String timeInForce,
            String selfTradePrevention,
            Long expirationTime,
            boolean postOnly,
            boolean reduceOnly,
            Boolean cancelOrderOnPause,
            int subaccount,
            String orderGroupId,
            Integer exchangeIndex) {}

    /** Query of a list endpoint after parameter validation. */
    record ListQuery(Map<String, String> params, int limit, Long cursorSeq, String cursorKey) {
        String get(String name) {
            String v = params.get(name);
            return v == null || v.isEmpty() ? null : v;
        }
    }

    private final Supplier<Clock> clock;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Market> markets = new LinkedHashMap<>();
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final List<Fill> fills = new ArrayList<>();
    private long seq;
    private BigDecimal takerFeeRate = new BigDecimal("0.07");
    private BigDecimal makerFeeRate = BigDecimal.ZERO;
    /** Sandbox bounds (0 = unbounded, the default for tests): users, orders and fills kept, oldest evicted first. */
    private int maxUsers;

    private int maxOrders;
    private int maxFills;
    /** When on, anonymous liquidity that is taken in full comes back at once (the sandbox's house market maker). */
    private boolean replenishLiquidity;

    FakeKalshiEngine(Supplier<Clock> clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.get().instant();
    }

    private long nowMillis() {
        return clock.get().millis();
    }

    // ------------------------------------------------------------------ test-side setup

    synchronized String createUser(String userId) {
        String id = userId == null ? UUID.randomUUID().toString() : userId;
        users.computeIfAbsent(id, User::new);
        return id;
    }

    /** Bounds of the sandbox; 0 leaves that collection unbounded. */
    synchronized void limits(int users, int ordersKept, int fillsKept) {
        this.maxUsers = Math.max(0, users);
        this.maxOrders = Math.max(0, ordersKept);
        this.maxFills = Math.max(0, fillsKept);
    }

    synchronized void replenishLiquidity(boolean on) {
        this.replenishLiquidity = on;
    }

    /**
     * Evicts the oldest users beyond the bound, with their orders (resting ones leave the book) and fills.
     * Returns the evicted user ids, so that their API keys can be forgotten too.
     */
    synchronized List<String> evictUsersOverLimit() {
        List<String> evicted = new ArrayList<>();
        if (maxUsers <= 0) {
            return evicted;
        }
        var it = users.keySet().iterator();
        while (users.size() - evicted.size() > maxUsers && it.hasNext()) {
            evicted.add(it.next());
        }
        if (evicted.isEmpty()) {
            return evicted;
        }
        Set<String> gone = new HashSet<>(evicted);
        users.keySet().removeAll(gone);
        orders.values().removeIf(o -> gone.contains(o.userId));
        fills.removeIf(f -> gone.contains(f.userId));
        return evicted;
    }

    synchronized int userCount() {
        return users.size();
    }

    synchronized int orderCount() {
        return orders.size();
    }

    synchronized int fillCount() {
        return fills.size();
    }

    /** Drops the oldest orders beyond the bound (a resting one leaves the book as if it had never been placed). */
    private void trimOrders() {
        if (maxOrders <= 0) {
            return;
        }
        var it = orders.values().iterator();
        while (orders.size() > maxOrders && it.hasNext()) {
            Order o = it.next();
            User u = users.get(o.userId);
            if (u != null && !o.clientOrderId.isEmpty()) {
                u.usedClientOrderIds.remove(o.clientOrderId);
            }
            it.remove();
        }
    }

    /** Drops the oldest fills beyond the bound, a tenth of the bound at a time (amortised). */
    private void trimFills() {
        if (maxFills > 0 && fills.size() > maxFills) {
            int keep = maxFills - maxFills / 10;
            fills.subList(0, fills.size() - keep).clear();
        }
    }

    synchronized boolean hasUser(String userId) {
        return users.containsKey(userId);
    }

    synchronized void setCash(String userId, int subaccount, int shard, BigDecimal dollars) {
        user(userId).cash.put(new BalanceKey(subaccount, shard), dollars);
    }

    synchronized BigDecimal cash(String userId, int subaccount, int shard) {
        return user(userId).cash(subaccount, shard);
    }

    synchronized BigDecimal available(String userId, int subaccount, int shard) {
        return availableLocked(user(userId), subaccount, shard);
    }

    synchronized void addMarket(String ticker, String eventTicker, PriceLevelStructure structure, int shard) {
        if (shard < 0) {
            throw new IllegalArgumentException("exchange index must be >= 0");
        }
        String event = eventTicker != null
                ? eventTicker
                : ticker.lastIndexOf('-') > 0 ? ticker.substring(0, ticker.lastIndexOf('-')) : ticker;
        markets.put(ticker, new Market(ticker, event, structure, shard));
    }

    synchronized Market market(String ticker) {
        return markets.get(ticker);
    }

    synchronized void addLiquidity(String ticker, BookSide side, BigDecimal price, BigDecimal count) {
        Market m = requireMarket(ticker);
        requireCount(count);
        if (!m.structure.isOnGrid(price) || count.signum() <= 0) {
            throw new IllegalArgumentException("liquidity must be on the market's grid with a positive count");
        }
        m.liquidity.add(new Liquidity(side, price, count, ++seq));
    }

    synchronized void clearLiquidity(String ticker) {
        requireMarket(ticker).liquidity.clear();
    }

    synchronized void autoFill(String ticker, boolean on) {
        requireMarket(ticker).autoFill = on;
    }

    synchronized void feeRates(BigDecimal taker, BigDecimal maker) {
        this.takerFeeRate = taker;
        this.makerFeeRate = maker;
    }

    synchronized void seedPosition(
            String userId, int subaccount, String ticker, BigDecimal position, BigDecimal costBasis) {
        requireMarket(ticker);
        requireCount(position);
        Position p = user(userId).position(subaccount, ticker);
        p.position = position;
        p.costBasis = costBasis;
        p.totalTraded = costBasis;
        p.lastUpdated = now();
    }

    synchronized String seedFill(
            String userId,
            int subaccount,
            String orderId,
            String ticker,
            BookSide side,
            BigDecimal price,
            BigDecimal count,
            BigDecimal fee,
            boolean taker,
            Instant created) {
        Market m = requireMarket(ticker);
        user(userId);
        requirePrice(price);
        requireCount(count);
        Fill f = new Fill(
                UUID.randomUUID().toString(),
                orderId == null ? UUID.randomUUID().toString() : orderId,
                userId,
                ticker,
                side,
                price,
                count,
                fee,
                taker,
                subaccount,
                m.shard,
                created == null ? now() : created,
                ++seq);
        fills.add(f);
        return f.id;
    }

    /** An anonymous taker hits a resting user order at its limit price (maker fill). */
    synchronized void fillResting(String orderId, BigDecimal count) {
        expire();
        Order o = orders.get(orderId);
        if (o == null || !o.resting()) {
            throw new IllegalArgumentException("order is not resting: " + orderId);
        }
        if (requireCount(count).signum() <= 0 || count.compareTo(o.remainingCount) > 0) {
            throw new IllegalArgumentException("count must be in (0, remaining]");
        }
        Instant now = now();
        applyFill(o, count, o.price, false, now);
        o.remainingCount = o.remainingCount.subtract(count);
        if (o.remainingCount.signum() == 0) {
            o.status = STATUS_EXECUTED;
        }
        o.updated = now;
    }

    synchronized List<FakeKalshi.OrderSnapshot> orderSnapshots(String userId) {
        expire();
        List<FakeKalshi.OrderSnapshot> out = new ArrayList<>();
        for (Order o : orders.values()) {
            if (o.userId.equals(userId)) {
                out.add(new FakeKalshi.OrderSnapshot(
                        o.id,
                        o.userId,
                        o.clientOrderId,
                        o.ticker,
                        o.side,
                        o.price,
                        o.initialCount,
                        o.fillCount,
                        o.remainingCount,
                        o.status,
                        o.timeInForce,
                        o.subaccount,
                        o.shard,
                        o.created));
            }
        }
        return out;
    }

    synchronized List<FakeKalshi.FillSnapshot> fillSnapshots(String userId) {
        List<FakeKalshi.FillSnapshot> out = new ArrayList<>();
        for (Fill f : fills) {
            if (f.userId.equals(userId)) {
                out.add(new FakeKalshi.FillSnapshot(
                        f.id,
                        f.orderId,
                        f.ticker,
                        f.side,
                        f.price,
                        f.count,
                        f.fee,
                        f.taker,
                        f.subaccount,
                        f.shard,
                        f.created));
            }
        }
        return out;
    }

    synchronized FakeKalshi.PositionSnapshot positionSnapshot(String userId, int subaccount, String ticker) {
        Position p = user(userId).positions.get(new PositionKey(subaccount, ticker));
        if (p == null) {
            return new FakeKalshi.PositionSnapshot(
                    ticker,
                    subaccount,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO);
        }
        return new FakeKalshi.PositionSnapshot(
                ticker, subaccount, p.position, p.costBasis, p.realizedPnl, p.feesPaid, p.totalTraded);
    }

    // ------------------------------------------------------------------ API operations

    /** {@code POST /portfolio/events/orders}. */
    synchronized Map<String, Object> createOrder(String userId, CreateOrder req) {
        expire();
        User u = user(userId);
        Market m = markets.get(req.ticker());
        if (m == null) {
            throw KalshiApiError.nested(404, "market_not_found", "market not found", null);
        }
        if (req.exchangeIndex() != null && req.exchangeIndex() >= 0 && req.exchangeIndex() != m.shard) {
            throw KalshiApiError.invalidOrder("exchange_index does not match the market's exchange");
        }
        if (!m.structure.isOnGrid(req.price())) {
            throw KalshiApiError.exchange(400, "invalid_price", "invalid price");
        }
        if (req.clientOrderId() != null && u.usedClientOrderIds.contains(req.clientOrderId())) {
            throw KalshiApiError.exchange(409, "order_already_exists", "order already exists");
        }
        Position pos = u.position(req.subaccount(), m.ticker);
        BigDecimal closable = closable(pos.position, req.side());
        BigDecimal count = req.count();
        if (req.reduceOnly()) {
            count = count.min(closable);
        }
        BigDecimal opening = count.subtract(closable).max(BigDecimal.ZERO);
        BigDecimal required =
                opening.multiply(paidPerContract(req.side(), req.price())).add(fee(takerFeeRate, count, req.price()));
        if (required.compareTo(availableLocked(u, req.subaccount(), m.shard)) > 0) {
            throw KalshiApiError.exchange(400, "insufficient_balance", "insufficient balance");
        }
        List<Match> plan = plan(m, u.id, req.side(), req.price(), count, req.selfTradePrevention());
        if (req.postOnly() && !plan.isEmpty()) {
            throw KalshiApiError.invalidOrder("post only cross");
        }

        Instant now = now();
        Order o = new Order(UUID.randomUUID().toString(), u.id, req, m.shard, now, ++seq);
        if (req.clientOrderId() != null) {
            u.usedClientOrderIds.add(req.clientOrderId());
        }
        orders.put(o.id, o);

        BigDecimal planned = BigDecimal.ZERO;
        boolean stpStop = false;
        for (Match mt : plan) {
            planned = planned.add(mt.qty);
            stpStop |= mt.stopTaker;
        }
        boolean fokKilled = TIF_FOK.equals(req.timeInForce()) && planned.compareTo(count) < 0;
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        if (!fokKilled) {
            for (Match mt : plan) {
                if (mt.cancelMaker != null) {
                    cancelLocked(mt.cancelMaker, now);
                    continue;
                }
                if (mt.qty.signum() == 0) {
                    continue;
                }
                fees = fees.add(applyFill(o, mt.qty, mt.price, true, now));
                if (mt.order != null) {
                    applyFill(mt.order, mt.qty, mt.price, false, now);
                    mt.order.remainingCount = mt.order.remainingCount.subtract(mt.qty);
                    if (mt.order.remainingCount.signum() == 0) {
                        mt.order.status = STATUS_EXECUTED;
                    }
                    mt.order.updated = now;
                } else if (mt.liquidity != null) {
                    mt.liquidity.remaining = mt.liquidity.remaining.subtract(mt.qty);
                    if (mt.liquidity.remaining.signum() == 0 && replenishLiquidity) {
                        mt.liquidity.remaining = mt.liquidity.initial;
                    } else if (mt.liquidity.remaining.signum() == 0) {
                        m.liquidity.remove(mt.liquidity);
                    }
                }
                filled = filled.add(mt.qty);
                notional = notional.add(mt.qty.multiply(mt.price));
            }
        }
        BigDecimal left = req.count().subtract(filled);
        boolean restable =
                TIF_GTC.equals(req.timeInForce()) && !stpStop && !fokKilled && count.compareTo(req.count()) == 0;
        if (restable && left.signum() > 0) {
            o.remainingCount = left;
            o.status = STATUS_RESTING;
        } else {
            o.remainingCount = BigDecimal.ZERO;
            o.status = filled.compareTo(req.count()) == 0 ? STATUS_EXECUTED : STATUS_CANCELED;
        }

        trimOrders();
        trimFills();
        Map<String, Object> body = new TreeMap<>();
        body.put("order_id", o.id);
        if (req.clientOrderId() != null) {
            body.put("client_order_id", req.clientOrderId());
        }
        body.put("fill_count", KalshiFormat.count(filled));
        body.put("remaining_count", KalshiFormat.count(o.remainingCount));
        if (filled.signum() > 0) {
            body.put("average_fill_price", KalshiFormat.average(notional.divide(filled, DIV)));
            body.put("average_fee_paid", KalshiFormat.average(fees.divide(filled, DIV)));
        }
        body.put("ts_ms", nowMillis());
        return body;
    }

    /** {@code DELETE /portfolio/events/orders/{id}} with shard routing. */
    synchronized Map<String, Object> cancelOrder(
            String userId, String orderId, int subaccount, Integer exchangeIndex, String marketTicker) {
        expire();
        int shard;
        if (exchangeIndex != null && exchangeIndex >= 0) {
            shard = exchangeIndex;
        } else if (marketTicker != null) {
            Market m = markets.get(marketTicker);
            if (m == null) {
                throw KalshiApiError.notFound();
            }
            shard = m.shard;
        } else if (exchangeIndex != null) {
            throw KalshiApiError.badRequest("market_ticker is required when exchange_index is -1");
        } else {
            shard = 0;
        }
        Order o = orders.get(orderId);
        if (o == null || !o.userId.equals(userId) || o.shard != shard || o.subaccount != subaccount || !o.resting()) {
            throw KalshiApiError.notFound();
        }
        Instant now = now();
        BigDecimal reduced = cancelLocked(o, now);
        Map<String, Object> body = new TreeMap<>();
        body.put("order_id", o.id);
        body.put("reduced_by", KalshiFormat.count(reduced));
        body.put("ts_ms", nowMillis());
        return body;
    }

    /** {@code DELETE /portfolio/events/orders} (cancel all; subaccount omitted = all). */
    synchronized void cancelAll(String userId, Integer subaccount) {
        expire();
        Instant now = now();
        for (Order o : orders.values()) {
            if (o.userId.equals(userId) && o.resting() && (subaccount == null || o.subaccount == subaccount)) {
                cancelLocked(o, now);
            }
        }
    }

    /** A validated V2 amend body (kalshi.md §4.8): {@code count} is the new total (filled + resting). */
    record AmendOrder(
            String ticker,
            BookSide side,
            BigDecimal price,
            BigDecimal count,
            String clientOrderId,
            String updatedClientOrderId,
            Integer exchangeIndex) {}

    /**
     * {@code POST /portfolio/events/orders/{id}/amend}: new price and/or total count of a resting order. The
     * order keeps its queue priority only when the amend just lowers its size at the same price; an amend
     * that crosses the book trades at once as a taker (the answer reports the post-match counts).
     */
    synchronized Map<String, Object> amendOrder(String userId, String orderId, int subaccount, AmendOrder req) {
        expire();
        User u = user(userId);
        Market m = markets.get(req.ticker());
        if (m == null) {
            throw KalshiApiError.nested(404, "market_not_found", "market not found", null);
        }
        if (req.exchangeIndex() != null && req.exchangeIndex() >= 0 && req.exchangeIndex() != m.shard) {
            throw KalshiApiError.invalidOrder("exchange_index does not match the market's exchange");
        }
        Order o = orders.get(orderId);
        if (o == null || !o.userId.equals(userId) || o.shard != m.shard || o.subaccount != subaccount || !o.resting()) {
            throw KalshiApiError.notFound();
        }
        if (!o.ticker.equals(req.ticker())) {
            throw KalshiApiError.nested(400, "order_ticker_mismatch", "order ticker mismatch", null);
        }
        if (o.side != req.side()) {
            throw KalshiApiError.nested(400, "order_side_mismatch", "order side mismatch", null);
        }
        if (req.clientOrderId() != null && !req.clientOrderId().equals(o.clientOrderId)) {
            throw KalshiApiError.nested(
                    400, "order_id_and_client_order_id_mismatch", "order id and client order id mismatch", null);
        }
        if (!m.structure.isOnGrid(req.price())) {
            throw KalshiApiError.exchange(400, "invalid_price", "invalid price");
        }
        if (req.count().compareTo(o.fillCount) <= 0) {
            throw KalshiApiError.nested(
                    400, "invalid_order_size", "invalid order size", "count must exceed the filled count");
        }
        if (req.updatedClientOrderId() != null && u.usedClientOrderIds.contains(req.updatedClientOrderId())) {
            throw KalshiApiError.exchange(409, "order_already_exists", "order already exists");
        }
        BigDecimal newRemaining = req.count().subtract(o.fillCount);
        BigDecimal oldReserved = o.remainingCount.multiply(paidPerContract(o.side, o.price));
        BigDecimal newReserved = newRemaining
                .multiply(paidPerContract(o.side, req.price()))
                .add(fee(takerFeeRate, newRemaining, req.price()));
        if (newReserved.subtract(oldReserved).compareTo(availableLocked(u, o.subaccount, o.shard)) > 0) {
            throw KalshiApiError.exchange(400, "insufficient_balance", "insufficient balance");
        }
        Instant now = now();
        boolean keepsPriority =
                req.price().compareTo(o.price) == 0 && req.count().compareTo(o.initialCount) <= 0;
        if (!keepsPriority) {
            o.seq = ++seq;
        }
        o.price = req.price();
        o.initialCount = req.count();
        o.remainingCount = newRemaining;
        o.updated = now;
        if (req.updatedClientOrderId() != null) {
            u.usedClientOrderIds.add(req.updatedClientOrderId());
            o.clientOrderId = req.updatedClientOrderId();
        }
        BigDecimal filledNow = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        for (Match mt : plan(m, u.id, o.side, o.price, o.remainingCount, o.stp)) {
            if (mt.cancelMaker != null) {
                cancelLocked(mt.cancelMaker, now);
                continue;
            }
            if (mt.stopTaker) {
                cancelLocked(o, now);
                break;
            }
            if (mt.qty.signum() == 0) {
                continue;
            }
            fees = fees.add(applyFill(o, mt.qty, mt.price, true, now));
            if (mt.order != null) {
                applyFill(mt.order, mt.qty, mt.price, false, now);
                mt.order.remainingCount = mt.order.remainingCount.subtract(mt.qty);
                if (mt.order.remainingCount.signum() == 0) {
                    mt.order.status = STATUS_EXECUTED;
                }
                mt.order.updated = now;
            } else if (mt.liquidity != null) {
                mt.liquidity.remaining = mt.liquidity.remaining.subtract(mt.qty);
                if (mt.liquidity.remaining.signum() == 0) {
                    m.liquidity.remove(mt.liquidity);
                }
            }
            o.remainingCount = o.remainingCount.subtract(mt.qty);
            filledNow = filledNow.add(mt.qty);
            notional = notional.add(mt.qty.multiply(mt.price));
        }
        if (o.resting() && o.remainingCount.signum() == 0) {
            o.status = STATUS_EXECUTED;
        }
        Map<String, Object> body = new TreeMap<>();
        body.put("order_id", o.id);
        if (!o.clientOrderId.isEmpty()) {
            body.put("client_order_id", o.clientOrderId);
        }
        body.put("remaining_count", KalshiFormat.count(o.remainingCount));
        body.put("fill_count", KalshiFormat.count(o.fillCount));
        if (filledNow.signum() > 0) {
            body.put("average_fill_price", KalshiFormat.average(notional.divide(filledNow, DIV)));
            body.put("average_fee_paid", KalshiFormat.average(fees.divide(filledNow, DIV)));
        }
        body.put("ts_ms", nowMillis());
        return body;
    }

    /**
     * {@code POST /portfolio/events/orders/{id}/decrease} (kalshi.md §4.9): exactly one of {@code reduce_by} /
     * {@code reduce_to} (the resting count to keep); routed like a cancel; the order keeps its queue
     * priority; reducing to nothing cancels it.
     */
    synchronized Map<String, Object> decreaseOrder(
            String userId,
            String orderId,
            int subaccount,
            BigDecimal reduceBy,
            BigDecimal reduceTo,
            Integer exchangeIndex,
            String marketTicker) {
        expire();
        int shard;
        if (exchangeIndex != null && exchangeIndex >= 0) {
            shard = exchangeIndex;
        } else if (marketTicker != null) {
            Market m = markets.get(marketTicker);
            if (m == null) {
                throw KalshiApiError.notFound();
            }
            shard = m.shard;
        } else {
            shard = 0;
        }
        Order o = orders.get(orderId);
        if (o == null || !o.userId.equals(userId) || o.shard != shard || o.subaccount != subaccount || !o.resting()) {
            throw KalshiApiError.notFound();
        }
        BigDecimal keep = reduceBy != null ? o.remainingCount.subtract(reduceBy) : reduceTo;
        if (keep.compareTo(o.remainingCount) >= 0) {
            throw KalshiApiError.invalidOrder("decrease must lower the resting count");
        }
        Instant now = now();
        keep = keep.max(BigDecimal.ZERO);
        BigDecimal reduced = o.remainingCount.subtract(keep);
        o.initialCount = o.initialCount.subtract(reduced);
        o.remainingCount = keep;
        o.updated = now;
        if (keep.signum() == 0) {
            o.status = STATUS_CANCELED;
        }
        Map<String, Object> body = new TreeMap<>();
        body.put("order_id", o.id);
        if (!o.clientOrderId.isEmpty()) {
            body.put("client_order_id", o.clientOrderId);
        }
        body.put("remaining_count", KalshiFormat.count(o.remainingCount));
        body.put("ts_ms", nowMillis());
        return body;
    }

    /** The caller's {@code client_order_id} of an order, for batched cancel answers. */
    synchronized String clientOrderIdOf(String orderId) {
        Order o = orders.get(orderId);
        return o == null || o.clientOrderId.isEmpty() ? null : o.clientOrderId;
    }

    synchronized Map<String, Object> getOrder(String userId, String orderId) {
        expire();
        Order o = orders.get(orderId);
        if (o == null || !o.userId.equals(userId)) {
            throw KalshiApiError.notFound();
        }
        return Map.of("order", orderJson(o));
    }

    synchronized Map<String, Object> listOrders(String userId, ListQuery q) {
        expire();
        Predicate<Order> filter = o -> o.userId.equals(userId);
        String ticker = q.get("ticker");
        if (ticker != null) {
            filter = filter.and(o -> o.ticker.equals(ticker));
        }
        String events = q.get("event_ticker");
        if (events != null) {
            Set<String> ev = Set.of(events.split(","));
            filter = filter.and(o -> ev.contains(markets.get(o.ticker).eventTicker));
        }
        String status = q.get("status");
        if (status != null) {
            filter = filter.and(o -> o.status.equals(status));
        }
        filter = filter.and(common(q, o -> o.subaccount, o -> o.shard, o -> o.created));
        List<Order> matching = new ArrayList<>();
        for (Order o : orders.values()) {
            if (filter.test(o)) {
                matching.add(o);
            }
        }
        matching.sort(Comparator.comparingLong((Order o) -> o.seq).reversed());
        Page<Order> page = page(matching, q, o -> o.seq);
        List<Object> out = new ArrayList<>();
        page.items.forEach(o -> out.add(orderJson(o)));
        Map<String, Object> body = new TreeMap<>();
        body.put("orders", out);
        body.put("cursor", page.cursor);
        return body;
    }

    synchronized Map<String, Object> listFills(String userId, ListQuery q) {
        Predicate<Fill> filter = f -> f.userId.equals(userId);
        String tickers = q.get("ticker");
        if (tickers != null) {
            Set<String> t = Set.of(tickers.split(","));
            filter = filter.and(f -> t.contains(f.ticker));
        }
        String orderId = q.get("order_id");
        if (orderId != null) {
            filter = filter.and(f -> f.orderId.equals(orderId));
        }
        filter = filter.and(common(q, f -> f.subaccount, f -> f.shard, f -> f.created));
        List<Fill> matching = new ArrayList<>();
        for (Fill f : fills) {
            if (filter.test(f)) {
                matching.add(f);
            }
        }
        matching.sort(Comparator.comparingLong((Fill f) -> f.seq).reversed());
        Page<Fill> page = page(matching, q, f -> f.seq);
        List<Object> out = new ArrayList<>();
        page.items.forEach(f -> out.add(fillJson(f)));
        Map<String, Object> body = new TreeMap<>();
        body.put("fills", out);
        body.put("cursor", page.cursor);
        return body;
    }

    synchronized Map<String, Object> positions(String userId, ListQuery q, int subaccount) {
        User u = user(userId);
        String ticker = q.get("ticker");
        String event = q.get("event_ticker");
        String shardParam = q.get("exchange_index");
        String countFilter = q.get("count_filter");
        String settlement = q.get("settlement_status");
        boolean settledOnly = "settled".equals(settlement);
        TreeMap<String, Position> rows = new TreeMap<>();
        for (Map.Entry<PositionKey, Position> e : u.positions.entrySet()) {
            if (e.getKey().subaccount() != subaccount || settledOnly) {
                continue;
            }
            Position p = e.getValue();
            Market m = markets.get(e.getKey().ticker());
            if (ticker != null && !m.ticker.equals(ticker)) {
                continue;
            }
            if (event != null && !m.eventTicker.equals(event)) {
                continue;
            }
            if (shardParam != null && Integer.parseInt(shardParam) != m.shard) {
                continue;
            }
            boolean hasPosition = p.position.signum() != 0;
            boolean hasTraded = p.totalTraded.signum() != 0;
            if (countFilter != null) {
                boolean keep = (countFilter.contains("position") && hasPosition)
                        || (countFilter.contains("total_traded") && hasTraded);
                if (!keep) {
                    continue;
                }
            } else if (!hasPosition && !hasTraded) {
                continue;
            }
            rows.put(m.ticker, p);
        }
        List<String> tickers = new ArrayList<>(rows.keySet());
        int start = 0;
        if (q.cursorKey() != null) {
            while (start < tickers.size() && tickers.get(start).compareTo(q.cursorKey()) <= 0) {
                start++;
            }
        }
        int end = Math.min(tickers.size(), start + q.limit());
        List<Object> marketPositions = new ArrayList<>();
        Map<String, List<Position>> byEvent = new TreeMap<>();
        for (String t : tickers.subList(start, end)) {
            Position p = rows.get(t);
            Market m = markets.get(t);
            Map<String, Object> row = new TreeMap<>();
            row.put("exchange_index", m.shard);
            row.put("fees_paid_dollars", KalshiFormat.dollars6(p.feesPaid));
            row.put("last_updated_ts", KalshiFormat.time(p.lastUpdated == null ? now() : p.lastUpdated));
            row.put("market_exposure_dollars", KalshiFormat.dollars6(p.costBasis));
            row.put("position_fp", KalshiFormat.count(p.position));
            row.put("realized_pnl_dollars", KalshiFormat.dollars6(p.realizedPnl));
            row.put("ticker", t);
            row.put("total_traded_dollars", KalshiFormat.dollars6(p.totalTraded));
            marketPositions.add(row);
            byEvent.computeIfAbsent(m.eventTicker, k -> new ArrayList<>()).add(p);
        }
        List<Object> eventPositions = new ArrayList<>();
        byEvent.forEach((ev, ps) -> {
            BigDecimal cost = BigDecimal.ZERO;
            BigDecimal shares = BigDecimal.ZERO;
            BigDecimal pnl = BigDecimal.ZERO;
            BigDecimal fees = BigDecimal.ZERO;
            for (Position p : ps) {
                cost = cost.add(p.costBasis);
                shares = shares.add(p.position.abs());
                pnl = pnl.add(p.realizedPnl);
                fees = fees.add(p.feesPaid);
            }
            Map<String, Object> row = new TreeMap<>();
            row.put("event_exposure_dollars", KalshiFormat.dollars6(cost));
            row.put("event_ticker", ev);
            row.put("fees_paid_dollars", KalshiFormat.dollars6(fees));
            row.put("realized_pnl_dollars", KalshiFormat.dollars6(pnl));
            row.put("total_cost_dollars", KalshiFormat.dollars6(cost));
            row.put("total_cost_shares_fp", KalshiFormat.count(shares));
            eventPositions.add(row);
        });
        Map<String, Object> body = new TreeMap<>();
        body.put("cursor", end < tickers.size() ? encodeCursor("p:" + tickers.get(end - 1)) : "");
        body.put("event_positions", eventPositions);
        body.put("market_positions", marketPositions);
        return body;
    }

    synchronized Map<String, Object> balance(String userId, int subaccount, Integer shard) {
        expire();
        User u = user(userId);
        TreeMap<Integer, BigDecimal> perShard = new TreeMap<>();
        perShard.put(0, BigDecimal.ZERO);
        for (BalanceKey k : u.cash.keySet()) {
            if (k.subaccount() == subaccount) {
                perShard.put(k.shard(), BigDecimal.ZERO);
            }
        }
        if (shard != null) {
            perShard.clear();
            perShard.put(shard, BigDecimal.ZERO);
        }
        BigDecimal total = BigDecimal.ZERO;
        List<Object> breakdown = new ArrayList<>();
        for (Integer s : perShard.keySet()) {
            BigDecimal avail = availableLocked(u, subaccount, s);
            total = total.add(avail);
            Map<String, Object> row = new TreeMap<>();
            row.put("balance", KalshiFormat.balance(avail));
            row.put("exchange_index", s);
            breakdown.add(row);
        }
        BigDecimal positionsValue = BigDecimal.ZERO;
        for (Map.Entry<PositionKey, Position> e : u.positions.entrySet()) {
            Market m = markets.get(e.getKey().ticker());
            if (e.getKey().subaccount() == subaccount && (shard == null || m.shard == shard)) {
                positionsValue = positionsValue.add(e.getValue().costBasis);
            }
        }
        Map<String, Object> body = new TreeMap<>();
        body.put("balance", KalshiFormat.cents(total));
        body.put("balance_breakdown", breakdown);
        body.put("balance_dollars", KalshiFormat.balance(total));
        body.put("portfolio_value", KalshiFormat.cents(positionsValue));
        body.put("updated_ts", nowMillis() / 1000);
        return body;
    }

    synchronized Map<String, Object> marketJson(String ticker) {
        Market m = markets.get(ticker);
        if (m == null) {
            throw KalshiApiError.nested(404, "not_found", "not found", null);
        }
        List<Object> ranges = new ArrayList<>();
        for (PriceLevelStructure.Range r : m.structure.ranges()) {
            ranges.add(Map.of(
                    "start",
                    KalshiFormat.price(r.start()),
                    "end",
                    KalshiFormat.price(r.end()),
                    "step",
                    KalshiFormat.price(r.step())));
        }
        Map<String, Object> market = new TreeMap<>();
        market.put("event_ticker", m.eventTicker);
        market.put("exchange_index", m.shard);
        market.put("fractional_trading_enabled", true);
        market.put("market_type", "binary");
        market.put("price_level_structure", m.structure.wireName());
        market.put("price_ranges", ranges);
        market.put("status", "active");
        market.put("ticker", m.ticker);
        return Map.of("market", market);
    }

    // ------------------------------------------------------------------ public market data (FakeKalshiPublic)

    /** Tickers of every market, in the order they were added. */
    synchronized List<String> tickers() {
        return new ArrayList<>(markets.keySet());
    }

    /** Resting size per YES price of one book side (liquidity and live orders), ascending by price. */
    synchronized TreeMap<BigDecimal, BigDecimal> restingLevels(String ticker, BookSide side) {
        expire();
        Market m = markets.get(ticker);
        TreeMap<BigDecimal, BigDecimal> levels = new TreeMap<>();
        if (m == null) {
            return levels;
        }
        for (Liquidity l : m.liquidity) {
            if (l.side == side && l.remaining.signum() > 0) {
                levels.merge(l.price, l.remaining, BigDecimal::add);
            }
        }
        for (Order o : orders.values()) {
            if (o.resting() && o.ticker.equals(ticker) && o.side == side && o.remainingCount.signum() > 0) {
                levels.merge(o.price, o.remainingCount, BigDecimal::add);
            }
        }
        return levels;
    }

    /** Public tape of one market: every taker fill (one per match), newest first. */
    synchronized List<FakeKalshi.FillSnapshot> takerFills(String ticker) {
        List<FakeKalshi.FillSnapshot> out = new ArrayList<>();
        for (int i = fills.size() - 1; i >= 0; i--) {
            Fill f = fills.get(i);
            if (f.taker && f.ticker.equals(ticker)) {
                out.add(new FakeKalshi.FillSnapshot(
                        f.id,
                        f.orderId,
                        f.ticker,
                        f.side,
                        f.price,
                        f.count,
                        f.fee,
                        true,
                        f.subaccount,
                        f.shard,
                        f.created));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ internals

    private static BigDecimal requireCount(BigDecimal count) {
        if (count == null || count.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("counts have at most 2 decimals: " + count);
        }
        return count;
    }

    private static BigDecimal requirePrice(BigDecimal price) {
        if (price == null
                || price.signum() <= 0
                || price.compareTo(BigDecimal.ONE) >= 0
                || price.stripTrailingZeros().scale() > 4) {
            throw new IllegalArgumentException("prices are in (0, 1) with at most 4 decimals: " + price);
        }
        return price;
    }

    private User user(String userId) {
        User u = users.get(userId);
        if (u == null) {
            throw new IllegalArgumentException("unknown user: " + userId);
        }
        return u;
    }

    private Market requireMarket(String ticker) {
        Market m = markets.get(ticker);
        if (m == null) {
            throw new IllegalArgumentException("unknown market: " + ticker);
        }
        return m;
    }

    /** Cancels resting orders whose expiration_time (unix seconds) has passed. */
    private void expire() {
        long nowSec = nowMillis() / 1000;
        Instant now = null;
        for (Order o : orders.values()) {
            if (o.resting() && o.expirationTime != null && o.expirationTime <= nowSec) {
                if (now == null) {
                    now = now();
                }
                cancelLocked(o, now);
            }
        }
    }

    private static BigDecimal cancelLocked(Order o, Instant now) {
        BigDecimal reduced = o.remainingCount;
        o.remainingCount = BigDecimal.ZERO;
        o.status = STATUS_CANCELED;
        o.updated = now;
        return reduced;
    }

    private BigDecimal availableLocked(User u, int subaccount, int shard) {
        BigDecimal reserved = BigDecimal.ZERO;
        for (Order o : orders.values()) {
            if (o.resting() && o.userId.equals(u.id) && o.subaccount == subaccount && o.shard == shard) {
                reserved = reserved.add(o.remainingCount.multiply(paidPerContract(o.side, o.price)));
            }
        }
        return u.cash(subaccount, shard).subtract(reserved);
    }

    /** Contracts of the opposite exposure an order on {@code side} would close. */
    private static BigDecimal closable(BigDecimal position, BookSide side) {
        return side == BookSide.BID ? position.negate().max(BigDecimal.ZERO) : position.max(BigDecimal.ZERO);
    }

    /** Price paid per contract of the exposure bought: YES price for a bid, NO price (1 − p) for an ask. */
    private static BigDecimal paidPerContract(BookSide side, BigDecimal yesPrice) {
        return side == BookSide.BID ? yesPrice : BigDecimal.ONE.subtract(yesPrice);
    }

    /** Kalshi's quadratic fee, rounded up to $0.0001: rate · C · P · (1 − P). */
    static BigDecimal fee(BigDecimal rate, BigDecimal count, BigDecimal price) {
        if (rate.signum() == 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        return rate.multiply(count)
                .multiply(price)
                .multiply(BigDecimal.ONE.subtract(price))
                .setScale(4, RoundingMode.CEILING);
    }

    private static final class Match {
        Order order;
        Liquidity liquidity;
        Order cancelMaker;
        boolean stopTaker;
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal price;
    }

    /** Dry run of the matching: which resting entries an incoming order would take, and STP effects. */
    private List<Match> plan(Market m, String userId, BookSide side, BigDecimal limit, BigDecimal count, String stp) {
        record Entry(Order order, Liquidity liquidity, BigDecimal price, BigDecimal remaining, long seq) {}
        BookSide restingSide = side.opposite();
        List<Entry> book = new ArrayList<>();
        for (Liquidity l : m.liquidity) {
            if (l.side == restingSide) {
                book.add(new Entry(null, l, l.price, l.remaining, l.seq));
            }
        }
        for (Order o : orders.values()) {
            if (o.resting() && o.ticker.equals(m.ticker) && o.side == restingSide) {
                book.add(new Entry(o, null, o.price, o.remainingCount, o.seq));
            }
        }
        Comparator<Entry> byPrice = Comparator.comparing(Entry::price);
        if (side == BookSide.ASK) {
            byPrice = byPrice.reversed();
        }
        book.sort(byPrice.thenComparingLong(Entry::seq));
        List<Match> plan = new ArrayList<>();
        BigDecimal left = count;
        for (Entry e : book) {
            if (left.signum() == 0) {
                break;
            }
            boolean crosses = side == BookSide.BID ? e.price.compareTo(limit) <= 0 : e.price.compareTo(limit) >= 0;
            if (!crosses) {
                break;
            }
            Match mt = new Match();
            mt.price = e.price;
            if (e.order != null && e.order.userId.equals(userId)) {
                if (STP_MAKER.equals(stp)) {
                    mt.cancelMaker = e.order;
                    plan.add(mt);
                    continue;
                }
                mt.stopTaker = true;
                plan.add(mt);
                return plan;
            }
            mt.order = e.order;
            mt.liquidity = e.liquidity;
            mt.qty = left.min(e.remaining);
            left = left.subtract(mt.qty);
            plan.add(mt);
        }
        if (left.signum() > 0 && m.autoFill) {
            Match mt = new Match();
            mt.price = limit;
            mt.qty = left;
            plan.add(mt);
        }
        return plan;
    }

    /** Books one fill for {@code o}'s owner: cash, position, order costs, fill record. Returns the fee. */
    private BigDecimal applyFill(Order o, BigDecimal qty, BigDecimal price, boolean taker, Instant now) {
        User u = user(o.userId);
        BigDecimal fee = fee(taker ? takerFeeRate : makerFeeRate, qty, price);
        BigDecimal paid = paidPerContract(o.side, price);
        Position p = u.position(o.subaccount, o.ticker);
        BigDecimal held = p.position.abs();
        BigDecimal closing = qty.min(closable(p.position, o.side));
        BigDecimal opening = qty.subtract(closing);
        // Closing: the pair (YES + NO) is worth $1, so closing one contract returns 1 − paid.
        BigDecimal proceeds = closing.multiply(BigDecimal.ONE.subtract(paid));
        BalanceKey bk = new BalanceKey(o.subaccount, o.shard);
        BigDecimal cash = u.cash(o.subaccount, o.shard)
                .add(proceeds)
                .subtract(opening.multiply(paid))
                .subtract(fee);
        u.cash.put(bk, cash);
        if (closing.signum() > 0) {
            BigDecimal basisPart = closing.compareTo(held) == 0
                    ? p.costBasis
                    : p.costBasis.multiply(closing).divide(held, DIV);
            p.realizedPnl = p.realizedPnl.add(proceeds).subtract(basisPart);
            p.costBasis = p.costBasis.subtract(basisPart);
        }
        p.costBasis = p.costBasis.add(opening.multiply(paid));
        p.position = o.side == BookSide.BID ? p.position.add(qty) : p.position.subtract(qty);
        p.totalTraded = p.totalTraded.add(qty.multiply(paid));
        p.feesPaid = p.feesPaid.add(fee);
        p.lastUpdated = now;

        o.fillCount = o.fillCount.add(qty);
        if (taker) {
            o.takerFillCost = o.takerFillCost.add(qty.multiply(paid));
            o.takerFees = o.takerFees.add(fee);
        } else {
            o.makerFillCost = o.makerFillCost.add(qty.multiply(paid));
            o.makerFees = o.makerFees.add(fee);
        }
        fills.add(new Fill(
                UUID.randomUUID().toString(),
                o.id,
                o.userId,
                o.ticker,
                o.side,
                price,
                qty,
                fee,
                taker,
                o.subaccount,
                o.shard,
                now,
                ++seq));
        return fee;
    }

    private Map<String, Object> orderJson(Order o) {
        Map<String, Object> j = new TreeMap<>();
        j.put("action", o.side == BookSide.BID ? "buy" : "sell");
        j.put("book_side", o.side.wire());
        if (o.cancelOnPause != null) {
            j.put("cancel_order_on_pause", o.cancelOnPause);
        }
        j.put("client_order_id", o.clientOrderId);
        j.put("created_time", KalshiFormat.time(o.created));
        j.put("exchange_index", o.shard);
        if (o.expirationTime != null) {
            j.put("expiration_time", KalshiFormat.time(Instant.ofEpochSecond(o.expirationTime)));
        }
        j.put("fill_count_fp", KalshiFormat.count(o.fillCount));
        j.put("initial_count_fp", KalshiFormat.count(o.initialCount));
        j.put("last_update_time", KalshiFormat.time(o.updated));
        j.put("maker_fees_dollars", KalshiFormat.dollars6(o.makerFees));
        j.put("maker_fill_cost_dollars", KalshiFormat.dollars6(o.makerFillCost));
        j.put("no_price_dollars", KalshiFormat.price(BigDecimal.ONE.subtract(o.price)));
        j.put("order_id", o.id);
        if (o.orderGroupId != null) {
            j.put("order_group_id", o.orderGroupId);
        }
        j.put("outcome_side", o.side == BookSide.BID ? "yes" : "no");
        j.put("remaining_count_fp", KalshiFormat.count(o.remainingCount));
        j.put("self_trade_prevention_type", o.stp);
        j.put("side", "yes");
        j.put("status", o.status);
        j.put("subaccount_number", o.subaccount);
        j.put("taker_fees_dollars", KalshiFormat.dollars6(o.takerFees));
        j.put("taker_fill_cost_dollars", KalshiFormat.dollars6(o.takerFillCost));
        j.put("ticker", o.ticker);
        j.put("type", "limit");
        j.put("user_id", o.userId);
        j.put("yes_price_dollars", KalshiFormat.price(o.price));
        return j;
    }

    private static Map<String, Object> fillJson(Fill f) {
        Map<String, Object> j = new TreeMap<>();
        j.put("action", f.side == BookSide.BID ? "buy" : "sell");
        j.put("book_side", f.side.wire());
        j.put("count_fp", KalshiFormat.count(f.count));
        j.put("created_time", KalshiFormat.time(f.created));
        j.put("exchange_index", f.shard);
        j.put("fee_cost", KalshiFormat.dollars6(f.fee));
        j.put("fill_id", f.id);
        j.put("is_taker", f.taker);
        j.put("market_ticker", f.ticker);
        j.put("no_price_dollars", KalshiFormat.price(BigDecimal.ONE.subtract(f.price)));
        j.put("order_id", f.orderId);
        j.put("outcome_side", f.side == BookSide.BID ? "yes" : "no");
        j.put("side", "yes");
        j.put("subaccount_number", f.subaccount);
        j.put("ticker", f.ticker);
        j.put("trade_id", f.id);
        j.put("ts", f.created.getEpochSecond());
        j.put("yes_price_dollars", KalshiFormat.price(f.price));
        return j;
    }

    private <T> Predicate<T> common(
            ListQuery q,
            java.util.function.ToIntFunction<T> sub,
            java.util.function.ToIntFunction<T> shard,
            java.util.function.Function<T, Instant> created) {
        Predicate<T> p = t -> true;
        String s = q.get("subaccount");
        if (s != null) {
            int v = Integer.parseInt(s);
            p = p.and(t -> sub.applyAsInt(t) == v);
        }
        String x = q.get("exchange_index");
        if (x != null) {
            int v = Integer.parseInt(x);
            p = p.and(t -> shard.applyAsInt(t) == v);
        }
        String min = q.get("min_ts");
        if (min != null) {
            long v = Long.parseLong(min);
            p = p.and(t -> created.apply(t).getEpochSecond() >= v);
        }
        String max = q.get("max_ts");
        if (max != null) {
            long v = Long.parseLong(max);
            p = p.and(t -> created.apply(t).getEpochSecond() <= v);
        }
        return p;
    }

    private record Page<T>(List<T> items, String cursor) {}

    /** Items are sorted by descending seq; the cursor names the last seq returned. */
    private static <T> Page<T> page(List<T> sorted, ListQuery q, java.util.function.ToLongFunction<T> seqOf) {
        int start = 0;
        if (q.cursorSeq() != null) {
            while (start < sorted.size() && seqOf.applyAsLong(sorted.get(start)) >= q.cursorSeq()) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + q.limit());
        List<T> items = new ArrayList<>(sorted.subList(start, end));
        String cursor = end < sorted.size() ? encodeCursor("o:" + seqOf.applyAsLong(sorted.get(end - 1))) : "";
        return new Page<>(items, cursor);
    }

    static String encodeCursor(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the decoded cursor text, or null when it is not one of ours. */
    static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
