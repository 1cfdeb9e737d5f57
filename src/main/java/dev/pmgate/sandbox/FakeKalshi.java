package dev.pmgate.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A strict fake of the Kalshi Trade API v2 over real HTTP on 127.0.0.1 (the Kalshi facts it follows are in
 * {@code docs/exchanges.md}). One instance is one Kalshi environment: keys registered here are
 * unknown to any other instance.
 *
 * <p>Served under {@link #baseUrl()}:
 * <ul>
 *   <li>{@code POST /portfolio/events/orders} (V2 create), {@code DELETE /portfolio/events/orders/{id}}
 *       (V2 cancel, shard-routed), {@code DELETE /portfolio/events/orders} (cancel all, 204)</li>
 *   <li>{@code GET /portfolio/orders}, {@code GET /portfolio/orders/{id}}, {@code GET /portfolio/positions},
 *       {@code GET /portfolio/fills}, {@code GET /portfolio/balance}</li>
 *   <li>{@code POST} / {@code DELETE /portfolio/events/orders/batched} (batched create and cancel, per-item
 *       errors, at most {@link #batchLimit} items), {@code POST /portfolio/events/orders/{id}/amend} and
 *       {@code …/decrease}</li>
 *   <li>legacy writes ({@code POST /portfolio/orders}, {@code DELETE /portfolio/orders/{id}}, amend, decrease,
 *       batched) answer 410 {@code deprecated_v1_order_endpoint} before authentication and change nothing</li>
 *   <li>public market data ({@link FakeKalshiPublic}: markets, books, trades, candlesticks, events, series)
 *       and {@code GET /exchange/status}</li>
 * </ul>
 * Anything else is a Go-router style {@code 404 page not found}.
 */
public final class FakeKalshi implements AutoCloseable {

    /** Snapshot of one order, for assertions. */
    public record OrderSnapshot(
            String orderId,
            String userId,
            String clientOrderId,
            String ticker,
            BookSide side,
            BigDecimal price,
            BigDecimal initialCount,
            BigDecimal fillCount,
            BigDecimal remainingCount,
            String status,
            String timeInForce,
            int subaccount,
            int exchangeIndex,
            Instant createdTime) {}

    /** Snapshot of one fill, for assertions. */
    public record FillSnapshot(
            String fillId,
            String orderId,
            String ticker,
            BookSide side,
            BigDecimal price,
            BigDecimal count,
            BigDecimal fee,
            boolean taker,
            int subaccount,
            int exchangeIndex,
            Instant createdTime) {}

    /** Snapshot of one market position; {@code position} is signed (+ YES, − NO). */
    public record PositionSnapshot(
            String ticker,
            int subaccount,
            BigDecimal position,
            BigDecimal costBasis,
            BigDecimal realizedPnl,
            BigDecimal feesPaid,
            BigDecimal totalTraded) {}

    static final String API_PREFIX = "/trade-api/v2";
    private static final String JSON = "application/json; charset=utf-8";
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[-\\w:+=/]{1,64}");
    private static final Pattern COUNT = Pattern.compile("[0-9]+(\\.[0-9]{1,2})?");
    private static final Pattern PRICE = Pattern.compile("[0-9]+\\.[0-9]{2,4}");
    private static final Pattern INT = Pattern.compile("-?[0-9]{1,18}");

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final FakeKalshiAuth auth = new FakeKalshiAuth();
    private volatile Clock clock = Clock.systemUTC();
    private final FakeKalshiEngine engine = new FakeKalshiEngine(() -> clock);
    private final FakeKalshiPublic publicData = new FakeKalshiPublic(engine);
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Throwable> internalErrors = new CopyOnWriteArrayList<>();
    private final List<Map.Entry<Predicate<RecordedRequest>, FakeFault>> faults = new ArrayList<>();
    private final AtomicLong requestSeq = new AtomicLong();
    private volatile int legacyStatus = 410;
    private volatile boolean errorServiceField;
    private volatile boolean recordRequests = true;
    private volatile CountDownLatch stopping = new CountDownLatch(0);
    private HttpServer server;
    private ExecutorService executor;

    // =================================================================== lifecycle

    /** Binds 127.0.0.1 on a free port and starts serving. */
    public synchronized FakeKalshi start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind loopback", e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-kalshi-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        stopping = new CountDownLatch(1);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Stops serving; requests held by faults are released first. Idempotent. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        stopping.countDown();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        executor = null;
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/trade-api/v2}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + API_PREFIX;
    }

    // =================================================================== configuration

    /** The clock used for timestamp checks, order times, ts_ms and expirations (default system UTC). */
    public FakeKalshi setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    public Clock clock() {
        return clock;
    }

    /** Accepted KALSHI-ACCESS-TIMESTAMP skew: at most {@code past} old, {@code future} ahead (default 10 s / 60 s). */
    public FakeKalshi setTimestampWindow(Duration past, Duration future) {
        auth.window(past, future);
        return this;
    }

    /** When true, RSA-PSS signatures with any salt length verify (probable real-server tolerance); default strict 32. */
    public FakeKalshi setLenientPssSalt(boolean lenient) {
        auth.lenientPssSalt(lenient);
        return this;
    }

    /**
     * When true, exchange errors carry {@code "service":"exchange"} as recorded on 2026-06-11; default false
     * because Kalshi removed the field on 2026-08-06 (docs/exchanges.md K7).
     */
    public FakeKalshi setErrorServiceField(boolean include) {
        this.errorServiceField = include;
        return this;
    }

    /** HTTP status of the {@code deprecated_v1_order_endpoint} answer (default 410). */
    public FakeKalshi setLegacyEndpointStatus(int status) {
        this.legacyStatus = status;
        return this;
    }

    /** Quadratic fee rates: fee = ceil_0.0001(rate · C · P · (1 − P)); defaults taker 0.07, maker 0. */
    public FakeKalshi setFeeRates(BigDecimal taker, BigDecimal maker) {
        engine.feeRates(taker, maker);
        return this;
    }

    // =================================================================== keys and users

    /** Registers an API key (RSA → RSA-PSS, Ed25519 → Ed25519) for a new user; returns the user id. */
    public String registerKey(String keyId, PublicKey publicKey) {
        return registerKey(keyId, publicKey, null);
    }

    /** Registers an API key for the given user (created when new; {@code null} = new random user id). */
    public String registerKey(String keyId, PublicKey publicKey, String userId) {
        String id = engine.createUser(userId);
        auth.register(keyId, publicKey, id);
        return id;
    }

    /** Same as {@link #registerKey(String, PublicKey)} from an SPKI {@code BEGIN PUBLIC KEY} PEM. */
    public String registerKeyPem(String keyId, String publicKeyPem) {
        return registerKey(keyId, FakeKalshiAuth.parsePublicKeyPem(publicKeyPem));
    }

    /** What {@link #openPaperAccount} did. */
    public enum PaperAccount {
        /** A new account (user, key, cash) was opened. */
        OPENED,
        /** The key id was already registered with this very public key. */
        EXISTING,
        /** The key id is registered with another public key: requests signed with this one are refused (401). */
        OTHER_KEY
    }

    /**
     * Sandbox: opens a paper account for {@code keyId} on first use, bound to {@code publicKey} and funded with
     * {@code cash} dollars (subaccount 0, shard 0). A key id stays bound to its first public key, as a real
     * Kalshi API key is; the oldest accounts beyond {@link #setLimits} are evicted with their orders and fills.
     */
    public PaperAccount openPaperAccount(String keyId, PublicKey publicKey, BigDecimal cash) {
        synchronized (auth) {
            FakeKalshiAuth.RegisteredKey existing = auth.key(keyId);
            if (existing != null) {
                return java.util.Arrays.equals(existing.publicKey().getEncoded(), publicKey.getEncoded())
                        ? PaperAccount.EXISTING
                        : PaperAccount.OTHER_KEY;
            }
            String user = engine.createUser(null);
            auth.register(keyId, publicKey, user);
            engine.setCash(user, 0, 0, cash);
            auth.removeUsers(engine.evictUsersOverLimit());
            return PaperAccount.OPENED;
        }
    }

    /**
     * Bounds memory (the sandbox): at most {@code accounts} users (oldest evicted with their keys, orders and
     * fills), {@code orders} orders and {@code fills} fills (oldest dropped). 0 = unbounded (the default).
     */
    public FakeKalshi setLimits(int accounts, int orders, int fills) {
        engine.limits(accounts, orders, fills);
        synchronized (auth) {
            auth.removeUsers(engine.evictUsersOverLimit());
        }
        return this;
    }

    /** Sandbox: anonymous liquidity taken in full comes back at once (an endless house market maker). */
    public FakeKalshi setReplenishLiquidity(boolean on) {
        engine.replenishLiquidity(on);
        return this;
    }

    /** Whether requests are kept for {@link #requests()} (default true; the sandbox keeps none). */
    public FakeKalshi setRecordRequests(boolean on) {
        this.recordRequests = on;
        if (!on) {
            requests.clear();
        }
        return this;
    }

    /** Sizes of what the fake holds: accounts (users), registered keys, orders, fills. */
    public record Footprint(int accounts, int keys, int orders, int fills, int recordedRequests) {}

    public Footprint footprint() {
        return new Footprint(
                engine.userCount(), auth.keyCount(), engine.orderCount(), engine.fillCount(), requests.size());
    }

    /** Resolves a key id or a user id to the user id. */
    public String userId(String keyIdOrUserId) {
        FakeKalshiAuth.RegisteredKey k = auth.key(keyIdOrUserId);
        if (k != null) {
            return k.userId();
        }
        if (engine.hasUser(keyIdOrUserId)) {
            return keyIdOrUserId;
        }
        throw new IllegalArgumentException("unknown key id or user: " + keyIdOrUserId);
    }

    // =================================================================== money

    /** Sets cash of subaccount 0 on exchange shard 0. */
    public void setBalance(String keyIdOrUser, BigDecimal dollars) {
        setBalance(keyIdOrUser, 0, 0, dollars);
    }

    /** Sets cash of subaccount 0 on the given exchange shard (orders draw only on their market's shard). */
    public void setBalance(String keyIdOrUser, int exchangeIndex, BigDecimal dollars) {
        setBalance(keyIdOrUser, 0, exchangeIndex, dollars);
    }

    public void setBalance(String keyIdOrUser, int subaccount, int exchangeIndex, BigDecimal dollars) {
        engine.setCash(userId(keyIdOrUser), subaccount, exchangeIndex, dollars);
    }

    /** Cash on (subaccount 0, shard), not counting what resting orders reserve. */
    public BigDecimal cash(String keyIdOrUser, int exchangeIndex) {
        return engine.cash(userId(keyIdOrUser), 0, exchangeIndex);
    }

    /** What {@code GET /portfolio/balance} reports for (subaccount 0, shard): cash minus resting reservations. */
    public BigDecimal availableBalance(String keyIdOrUser, int exchangeIndex) {
        return engine.available(userId(keyIdOrUser), 0, exchangeIndex);
    }

    // =================================================================== markets and liquidity

    /** Adds a market on exchange shard 0. */
    public void addMarket(String ticker, PriceLevelStructure structure) {
        addMarket(ticker, null, structure, 0);
    }

    /** Adds a market; {@code structure} is {@code linear_cent}, {@code tapered_deci_cent} or {@code deci_cent}. */
    public void addMarket(String ticker, String structure) {
        addMarket(ticker, null, PriceLevelStructure.fromWire(structure), 0);
    }

    public void addMarket(String ticker, PriceLevelStructure structure, int exchangeIndex) {
        addMarket(ticker, null, structure, exchangeIndex);
    }

    /** {@code eventTicker} null = ticker without its last {@code -segment}. */
    public void addMarket(String ticker, String eventTicker, PriceLevelStructure structure, int exchangeIndex) {
        engine.addMarket(ticker, eventTicker, structure, exchangeIndex);
    }

    /**
     * Adds anonymous resting liquidity: {@code side} is the resting side ({@link BookSide#ASK} = someone sells YES
     * at {@code price}, which incoming bids at ≥ price take).
     */
    /** Public market data of this fake (market descriptions, events, series fees, seeded trades). */
    public FakeKalshiPublic publicData() {
        return publicData;
    }

    public void addLiquidity(String ticker, BookSide side, BigDecimal price, BigDecimal count) {
        engine.addLiquidity(ticker, side, price, count);
    }

    /** Replaces all anonymous liquidity of the market with one level. */
    public void setCrossingLiquidity(String ticker, BookSide side, BigDecimal price, BigDecimal count) {
        engine.clearLiquidity(ticker);
        engine.addLiquidity(ticker, side, price, count);
    }

    public void clearLiquidity(String ticker) {
        engine.clearLiquidity(ticker);
    }

    /** When on, whatever an incoming order cannot take from the book fills at its own limit price. */
    public void setAutoFill(String ticker, boolean on) {
        engine.autoFill(ticker, on);
    }

    /** An anonymous taker hits a resting order at its limit price (maker fill, partial allowed). */
    public void fillResting(String orderId, BigDecimal count) {
        engine.fillResting(orderId, count);
    }

    // =================================================================== seeds and snapshots

    /** Seeds a position (signed count, cost basis in dollars) for subaccount 0; cash is not touched. */
    public void seedPosition(String keyIdOrUser, String ticker, BigDecimal position, BigDecimal costBasis) {
        engine.seedPosition(userId(keyIdOrUser), 0, ticker, position, costBasis);
    }

    /** Seeds a fill (subaccount 0, random order id, now); balances and positions are not touched. */
    public String seedFill(
            String keyIdOrUser,
            String ticker,
            BookSide side,
            BigDecimal price,
            BigDecimal count,
            BigDecimal fee,
            boolean taker) {
        return seedFill(keyIdOrUser, 0, null, ticker, side, price, count, fee, taker, null);
    }

    public String seedFill(
            String keyIdOrUser,
            int subaccount,
            String orderId,
            String ticker,
            BookSide side,
            BigDecimal price,
            BigDecimal count,
            BigDecimal fee,
            boolean taker,
            Instant createdTime) {
        return engine.seedFill(
                userId(keyIdOrUser), subaccount, orderId, ticker, side, price, count, fee, taker, createdTime);
    }

    public List<OrderSnapshot> orders(String keyIdOrUser) {
        return engine.orderSnapshots(userId(keyIdOrUser));
    }

    public List<FillSnapshot> fills(String keyIdOrUser) {
        return engine.fillSnapshots(userId(keyIdOrUser));
    }

    public PositionSnapshot position(String keyIdOrUser, String ticker) {
        return engine.positionSnapshot(userId(keyIdOrUser), 0, ticker);
    }

    // =================================================================== request log

    /** Every request received, in arrival order (including faulted and rejected ones). */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Bugs of the fake itself (answered as 500); a test should expect this to stay empty. */
    public List<Throwable> internalErrors() {
        return List.copyOf(internalErrors);
    }

    // =================================================================== fault injection

    /** Queues a one-shot fault for the next request. */
    public void injectNext(FakeFault fault) {
        injectNext(r -> true, fault);
    }

    /** Queues a one-shot fault for the next request matching {@code which}. Faults apply in queue order. */
    public void injectNext(Predicate<RecordedRequest> which, FakeFault fault) {
        synchronized (faults) {
            faults.add(Map.entry(which, fault));
        }
    }

    public void failNext(int status, String body, Map<String, String> headers) {
        injectNext(FakeFault.fail(status, body, headers));
    }

    public void delayNext(Duration delay) {
        injectNext(FakeFault.delay(delay));
    }

    public void resetConnectionNext() {
        injectNext(FakeFault.resetConnection());
    }

    /** The next request is executed (an order lands) but its connection is dropped instead of answered. */
    public void resetConnectionAfterProcessingNext() {
        injectNext(FakeFault.resetConnectionAfterProcessing());
    }

    /** The next request blocks until the returned gate is released (or the fake stops). */
    public FakeFault.Gate holdNext() {
        FakeFault.Gate gate = new FakeFault.Gate();
        injectNext(gate);
        return gate;
    }

    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    private FakeFault takeFault(RecordedRequest r) {
        synchronized (faults) {
            Iterator<Map.Entry<Predicate<RecordedRequest>, FakeFault>> it = faults.iterator();
            while (it.hasNext()) {
                Map.Entry<Predicate<RecordedRequest>, FakeFault> e = it.next();
                if (e.getKey().test(r)) {
                    it.remove();
                    return e.getValue();
                }
            }
            return null;
        }
    }

    // =================================================================== HTTP plumbing

    private record Response(int status, String contentType, byte[] body, Map<String, String> headers) {}

    private final class FaultContext implements FakeFault.FaultExchange {
        final HttpExchange ex;
        final RecordedRequest rec;
        boolean dropResponse;
        Duration responseDelay;

        FaultContext(HttpExchange ex, RecordedRequest rec) {
            this.ex = ex;
            this.rec = rec;
        }

        @Override
        public RecordedRequest request() {
            return rec;
        }

        @Override
        public void respond(int status, String body, Map<String, String> headers) throws IOException {
            send(ex, rec, new Response(status, null, body.getBytes(StandardCharsets.UTF_8), headers));
        }

        @Override
        public void dropConnection() {
            ex.close(); // nothing sent yet: the server closes the socket
        }

        @Override
        public void dropResponseAfterProcessing() {
            dropResponse = true;
        }

        @Override
        public void delayResponse(Duration delay) {
            responseDelay = delay;
        }

        @Override
        public boolean pause(Duration d) throws InterruptedException {
            return !stopping.await(d.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void handle(HttpExchange ex) {
        try {
            URI uri = ex.getRequestURI();
            byte[] body = ex.getRequestBody().readAllBytes();
            RecordedRequest rec = new RecordedRequest(
                    requestSeq.incrementAndGet(),
                    clock.instant(),
                    ex.getRequestMethod(),
                    uri.getRawPath(),
                    uri.getRawQuery(),
                    ex.getRequestHeaders(),
                    body);
            if (recordRequests) {
                requests.add(rec);
            }
            FaultContext ctx = new FaultContext(ex, rec);
            FakeFault fault = takeFault(rec);
            if (fault != null && fault.apply(ctx)) {
                return;
            }
            Response response;
            try {
                response = route(ex, rec);
            } catch (KalshiApiError e) {
                response = error(e);
            } catch (RuntimeException e) {
                internalErrors.add(e);
                response = error(KalshiApiError.nested(500, "internal_server_error", "internal server error", null));
            }
            if (ctx.dropResponse) {
                ex.close();
                return;
            }
            if (ctx.responseDelay != null) {
                ctx.pause(ctx.responseDelay);
            }
            send(ex, rec, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
        } catch (IOException e) {
            ex.close(); // the client went away (timeout, reset): not a bug of the fake
        } catch (Throwable t) {
            internalErrors.add(t);
            ex.close();
        }
    }

    private void send(HttpExchange ex, RecordedRequest rec, Response r) throws IOException {
        if (r.contentType != null) {
            ex.getResponseHeaders().set("Content-Type", r.contentType);
        }
        if (r.headers != null) {
            r.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        }
        rec.responseStatus(r.status);
        boolean empty = r.body.length == 0 || r.status == 204 || r.status == 304 || "HEAD".equals(rec.method());
        ex.sendResponseHeaders(r.status, empty ? -1 : r.body.length);
        if (!empty) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(r.body);
            }
        }
        ex.close();
    }

    private Response json(int status, Object body) {
        try {
            return new Response(status, JSON, json.writeValueAsBytes(body), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response error(KalshiApiError e) {
        Object body = e.body(errorServiceField);
        if (body instanceof String s) {
            return new Response(
                    e.status, "text/plain; charset=utf-8", (s + "\n").getBytes(StandardCharsets.UTF_8), null);
        }
        return json(e.status, body);
    }

    private static KalshiApiError routeNotFound() {
        return KalshiApiError.text(404, "404 page not found");
    }

    // =================================================================== routing

    private Response route(HttpExchange ex, RecordedRequest rec) {
        String method = rec.method();
        String rawPath = rec.rawPath();
        if (!rawPath.startsWith(API_PREFIX + "/")) {
            throw routeNotFound();
        }
        String[] s = rawPath.substring(API_PREFIX.length() + 1).split("/", -1);
        for (String seg : s) {
            if (seg.isEmpty()) {
                throw routeNotFound();
            }
        }
        Map<String, String> q = parseQuery(rec.rawQuery());

        if (s[0].equals("exchange") && s.length == 2 && s[1].equals("status") && method.equals("GET")) {
            return json(200, Map.of("exchange_active", true, "trading_active", true));
        }
        if (method.equals("GET") && (s[0].equals("markets") || s[0].equals("events") || s[0].equals("series"))) {
            Object answer = publicData.answer(s, q);
            if (answer == null) {
                throw routeNotFound();
            }
            return json(200, answer);
        }
        if (!s[0].equals("portfolio") || s.length < 2) {
            throw routeNotFound();
        }
        if (isLegacyWrite(method, s)) {
            throw KalshiApiError.nested(
                    legacyStatus,
                    "deprecated_v1_order_endpoint",
                    "Please switch to the V2 endpoints",
                    "https://docs.kalshi.com/api-reference/orders/create-order-v2");
        }
        Endpoint endpoint = endpoint(method, s);
        if (endpoint == null) {
            throw routeNotFound();
        }
        String userId = auth.authenticate(
                method, rawPath, name -> ex.getRequestHeaders().getFirst(name), clock.millis());
        switch (endpoint) {
            case BALANCE:
                return json(
                        200,
                        engine.balance(
                                userId,
                                intParam(q, "subaccount", 0),
                                q.containsKey("exchange_index") ? intParam(q, "exchange_index", 0) : null));
            case POSITIONS:
                return json(
                        200,
                        engine.positions(
                                userId, listQuery("GetPositions", q, false, true), intParam(q, "subaccount", 0)));
            case FILLS:
                return json(200, engine.listFills(userId, listQuery("GetFills", q, false, false)));
            case LIST_ORDERS:
                return json(200, engine.listOrders(userId, listQuery("GetOrders", q, true, false)));
            case GET_ORDER:
                return json(200, engine.getOrder(userId, s[2]));
            case CREATE_ORDER:
                return json(201, engine.createOrder(userId, parseCreate(rec)));
            case CANCEL_ORDER:
                return json(
                        200,
                        engine.cancelOrder(
                                userId,
                                s[3],
                                intParam(q, "subaccount", 0),
                                q.containsKey("exchange_index") ? intParam(q, "exchange_index", 0) : null,
                                emptyToNull(q.get("market_ticker"))));
            case CANCEL_ALL:
                engine.cancelAll(userId, q.containsKey("subaccount") ? intParam(q, "subaccount", 0) : null);
                return new Response(204, null, new byte[0], null);
            case BATCH_CREATE:
                return json(201, batchCreate(userId, rec));
            case BATCH_CANCEL:
                return json(200, batchCancel(userId, rec));
            case AMEND:
                return json(200, engine.amendOrder(userId, s[3], intParam(q, "subaccount", 0), parseAmend(rec)));
            case DECREASE:
                return json(200, decrease(userId, s[3], intParam(q, "subaccount", 0), rec));
            case V2_NOT_IMPLEMENTED:
            default:
                throw KalshiApiError.nested(
                        501, "not_implemented", "not implemented in FakeKalshi", method + " " + rawPath);
        }
    }

    private enum Endpoint {
        BALANCE,
        POSITIONS,
        FILLS,
        LIST_ORDERS,
        GET_ORDER,
        CREATE_ORDER,
        CANCEL_ORDER,
        CANCEL_ALL,
        BATCH_CREATE,
        BATCH_CANCEL,
        AMEND,
        DECREASE,
        V2_NOT_IMPLEMENTED
    }

    /** {@code s} is the path after {@code /trade-api/v2/}, split on '/', starting with "portfolio". */
    private static Endpoint endpoint(String method, String[] s) {
        String a = s[1];
        boolean get = method.equals("GET");
        if (s.length == 2) {
            if (get && a.equals("balance")) {
                return Endpoint.BALANCE;
            }
            if (get && a.equals("positions")) {
                return Endpoint.POSITIONS;
            }
            if (get && a.equals("fills")) {
                return Endpoint.FILLS;
            }
            if (get && a.equals("orders")) {
                return Endpoint.LIST_ORDERS;
            }
            return null;
        }
        if (a.equals("orders") && s.length == 3 && get) {
            return Endpoint.GET_ORDER;
        }
        if (a.equals("events") && s[2].equals("orders")) {
            if (s.length == 3) {
                return method.equals("POST")
                        ? Endpoint.CREATE_ORDER
                        : method.equals("DELETE") ? Endpoint.CANCEL_ALL : null;
            }
            if (s.length == 4 && s[3].equals("batched") && (method.equals("POST") || method.equals("DELETE"))) {
                return method.equals("POST") ? Endpoint.BATCH_CREATE : Endpoint.BATCH_CANCEL;
            }
            if (s.length == 4 && method.equals("DELETE")) {
                return Endpoint.CANCEL_ORDER;
            }
            if (s.length == 5 && method.equals("POST") && (s[4].equals("amend") || s[4].equals("decrease"))) {
                return s[4].equals("amend") ? Endpoint.AMEND : Endpoint.DECREASE;
            }
        }
        return null;
    }

    private static boolean isLegacyWrite(String method, String[] s) {
        if (!s[1].equals("orders")) {
            return false;
        }
        boolean post = method.equals("POST");
        boolean delete = method.equals("DELETE");
        if (s.length == 2) {
            return post;
        }
        if (s.length == 3) {
            return s[2].equals("batched") ? post || delete : delete;
        }
        return s.length == 4 && post && (s[3].equals("amend") || s[3].equals("decrease"));
    }

    // =================================================================== query parameters

    /** Go's {@code url.Query().Get}: first value, percent- and plus-decoded; undecodable → 400. */
    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> q = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return q;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            try {
                q.putIfAbsent(
                        URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw KalshiApiError.badRequest("invalid URL escape in query");
            }
        }
        return q;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static int intParam(Map<String, String> q, String name, int dflt) {
        String v = emptyToNull(q.get(name));
        if (v == null) {
            return dflt;
        }
        if (!INT.matcher(v).matches()) {
            throw KalshiApiError.badRequest("invalid value for query parameter " + name);
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw KalshiApiError.badRequest("invalid value for query parameter " + name);
        }
    }

    private static FakeKalshiEngine.ListQuery listQuery(
            String op, Map<String, String> q, boolean orders, boolean positions) {
        String paramsType = op + "Params";
        int limit = 100;
        String rawLimit = emptyToNull(q.get("limit"));
        if (rawLimit != null) {
            limit = intParam(q, "limit", 100);
            if (limit < 1 || limit > 1000) {
                throw KalshiApiError.bare(
                        400,
                        "Parameter validation failed for " + op + ": Key: '" + paramsType
                                + ".Limit' Error:Field validation for 'Limit' failed on the '"
                                + (limit < 1 ? "gte" : "lte")
                                + "' tag");
            }
        }
        if (orders) {
            String status = emptyToNull(q.get("status"));
            if (status != null
                    && !List.of(
                                    FakeKalshiEngine.STATUS_RESTING,
                                    FakeKalshiEngine.STATUS_CANCELED,
                                    FakeKalshiEngine.STATUS_EXECUTED)
                            .contains(status)) {
                throw KalshiApiError.bare(
                        400,
                        "Parameter validation failed for " + op + ": Key: '" + paramsType
                                + ".Status' Error:Field validation for 'Status' failed on the 'oneof' tag");
            }
        }
        for (String n : List.of("subaccount", "exchange_index")) {
            intParam(q, n, 0);
        }
        for (String n : List.of("min_ts", "max_ts")) {
            String v = emptyToNull(q.get(n));
            if (v != null && !INT.matcher(v).matches()) {
                throw KalshiApiError.badRequest("invalid value for query parameter " + n);
            }
        }
        Long cursorSeq = null;
        String cursorKey = null;
        String cursor = emptyToNull(q.get("cursor"));
        if (cursor != null) {
            String raw = FakeKalshiEngine.decodeCursor(cursor);
            String expectedPrefix = positions ? "p:" : "o:";
            if (raw == null || !raw.startsWith(expectedPrefix) || raw.length() == 2) {
                throw KalshiApiError.badRequest("invalid cursor");
            }
            if (positions) {
                cursorKey = raw.substring(2);
            } else {
                try {
                    cursorSeq = Long.parseLong(raw.substring(2));
                } catch (NumberFormatException e) {
                    throw KalshiApiError.badRequest("invalid cursor");
                }
            }
        }
        return new FakeKalshiEngine.ListQuery(Collections.unmodifiableMap(q), limit, cursorSeq, cursorKey);
    }

    // =================================================================== V2 create body

    private enum GoType {
        STRING("string"),
        BOOL("bool"),
        INT("int"),
        INT64("int64");

        final String name;

        GoType(String name) {
            this.name = name;
        }
    }

    private static final Map<String, GoType> CREATE_FIELDS = Map.ofEntries(
            Map.entry("ticker", GoType.STRING),
            Map.entry("client_order_id", GoType.STRING),
            Map.entry("side", GoType.STRING),
            Map.entry("count", GoType.STRING),
            Map.entry("price", GoType.STRING),
            Map.entry("time_in_force", GoType.STRING),
            Map.entry("self_trade_prevention_type", GoType.STRING),
            Map.entry("expiration_time", GoType.INT64),
            Map.entry("post_only", GoType.BOOL),
            Map.entry("reduce_only", GoType.BOOL),
            Map.entry("cancel_order_on_pause", GoType.BOOL),
            Map.entry("subaccount", GoType.INT),
            Map.entry("order_group_id", GoType.STRING),
            Map.entry("exchange_index", GoType.INT));

    private static String jsonKind(JsonNode n) {
        if (n.isTextual()) {
            return "string";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        if (n.isArray()) {
            return "array";
        }
        return "object";
    }

    private static KalshiApiError typeError(JsonNode n, String field, GoType t) {
        String kind = jsonKind(n);
        if (n.isNumber() && (t == GoType.INT || t == GoType.INT64)) {
            kind = "number " + n.asText();
        }
        return KalshiApiError.badRequest("json: cannot unmarshal " + kind
                + " into Go struct field CreateOrderV2Request." + field + " of type " + t.name);
    }

    private static KalshiApiError validation(String field, String tag) {
        return KalshiApiError.badRequest("Key: 'CreateOrderV2Request." + field + "' Error:Field validation for '"
                + field + "' failed on the '" + tag + "' tag");
    }

    /** Decodes and validates a V2 create body the way Kalshi's Go service does (strict types, no unknown fields). */
    private FakeKalshiEngine.CreateOrder parseCreate(RecordedRequest rec) {
        return parseCreate(readBody(rec, "CreateOrderV2Request"));
    }

    /** A JSON request body as Kalshi's Go service reads it: JSON content type, one value, {@code null} = {}. */
    private JsonNode readBody(RecordedRequest rec, String goType) {
        String ct = rec.header("Content-Type").orElse("");
        if (!ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw KalshiApiError.flat(
                    400, "invalid_content_type", "invalid content type", "Content-Type must be application/json");
        }
        byte[] raw = rec.body();
        JsonNode root;
        try {
            root = raw.length == 0 ? null : json.readTree(raw);
        } catch (IOException e) {
            throw KalshiApiError.badRequest("invalid character looking for beginning of value");
        }
        if (root == null || root.isMissingNode()) {
            throw KalshiApiError.badRequest("EOF");
        }
        if (!root.isObject()) {
            if (root.isNull()) {
                root = json.createObjectNode();
            } else {
                throw KalshiApiError.badRequest(
                        "json: cannot unmarshal " + jsonKind(root) + " into Go value of type " + goType);
            }
        }
        return root;
    }

    /** Validates one V2 create body (a single create, or one item of a batched create). */
    private FakeKalshiEngine.CreateOrder parseCreate(JsonNode root) {
        if (!root.isObject()) {
            throw KalshiApiError.badRequest(
                    "json: cannot unmarshal " + jsonKind(root) + " into Go value of type CreateOrderV2Request");
        }
        Map<String, JsonNode> v = new LinkedHashMap<>();
        KalshiApiError firstTypeError = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            GoType t = CREATE_FIELDS.get(e.getKey());
            if (t == null) {
                throw KalshiApiError.badRequest("json: unknown field \"" + e.getKey() + "\"");
            }
            JsonNode n = e.getValue();
            if (n.isNull()) {
                v.remove(e.getKey());
                continue;
            }
            boolean ok = switch (t) {
                case STRING -> n.isTextual();
                case BOOL -> n.isBoolean();
                case INT, INT64 ->
                    n.isIntegralNumber() && (t == GoType.INT64 ? n.canConvertToLong() : n.canConvertToInt());
            };
            if (!ok) {
                if (firstTypeError == null) {
                    firstTypeError = typeError(n, e.getKey(), t);
                }
                continue;
            }
            v.put(e.getKey(), n);
        }
        if (firstTypeError != null) {
            throw firstTypeError;
        }
        String ticker = text(v, "ticker");
        String sideRaw = text(v, "side");
        String countRaw = text(v, "count");
        String priceRaw = text(v, "price");
        String tif = text(v, "time_in_force");
        String stp = text(v, "self_trade_prevention_type");
        String clientOrderId = text(v, "client_order_id");
        if (ticker == null) {
            throw validation("Ticker", "required");
        }
        if (sideRaw == null) {
            throw validation("Side", "required");
        }
        BookSide side = BookSide.fromWire(sideRaw);
        if (side == null) {
            throw validation("Side", "oneof");
        }
        if (countRaw == null) {
            throw validation("Count", "required");
        }
        if (priceRaw == null) {
            throw validation("Price", "required");
        }
        if (tif == null) {
            throw validation("TimeInForce", "required");
        }
        if (!List.of(FakeKalshiEngine.TIF_FOK, FakeKalshiEngine.TIF_GTC, FakeKalshiEngine.TIF_IOC)
                .contains(tif)) {
            throw validation("TimeInForce", "oneof");
        }
        if (stp == null) {
            throw validation("SelfTradePreventionType", "required");
        }
        if (!List.of(FakeKalshiEngine.STP_TAKER_AT_CROSS, FakeKalshiEngine.STP_MAKER)
                .contains(stp)) {
            throw validation("SelfTradePreventionType", "oneof");
        }
        if (clientOrderId != null && !CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
            throw validation("ClientOrderID", clientOrderId.length() > 64 ? "max" : "client_order_id");
        }
        int subaccount = v.containsKey("subaccount") ? v.get("subaccount").intValue() : 0;
        if (subaccount < 0 || subaccount > 63) {
            throw validation("Subaccount", subaccount < 0 ? "gte" : "lte");
        }
        if (!COUNT.matcher(countRaw).matches() || new BigDecimal(countRaw).signum() <= 0) {
            throw KalshiApiError.invalidOrder("invalid count: a positive number of contracts with at most 2 decimals");
        }
        if (!PRICE.matcher(priceRaw).matches()) {
            throw KalshiApiError.exchange(400, "invalid_price", "invalid price");
        }
        BigDecimal count = new BigDecimal(countRaw);
        BigDecimal price = new BigDecimal(priceRaw);
        if (price.signum() <= 0 || price.compareTo(BigDecimal.ONE) >= 0) {
            throw KalshiApiError.exchange(400, "invalid_price", "invalid price");
        }
        Long expiration =
                v.containsKey("expiration_time") ? v.get("expiration_time").longValue() : null;
        if (expiration != null) {
            if (!FakeKalshiEngine.TIF_GTC.equals(tif)) {
                throw KalshiApiError.invalidOrder("Cannot specify both " + tif + " and expiration_time");
            }
            if (expiration <= clock.millis() / 1000) {
                throw KalshiApiError.invalidOrder("Expiration timestamp must be in the future");
            }
        }
        boolean reduceOnly = bool(v, "reduce_only");
        if (reduceOnly && !FakeKalshiEngine.TIF_IOC.equals(tif)) {
            throw KalshiApiError.invalidOrder("reduce_only requires time_in_force immediate_or_cancel");
        }
        Boolean cancelOnPause = v.containsKey("cancel_order_on_pause")
                ? v.get("cancel_order_on_pause").booleanValue()
                : null;
        Integer exchangeIndex =
                v.containsKey("exchange_index") ? v.get("exchange_index").intValue() : null;
        if (exchangeIndex != null && exchangeIndex < -1) {
            throw validation("ExchangeIndex", "gte");
        }
        return new FakeKalshiEngine.CreateOrder(
                ticker,
                clientOrderId,
                side,
                count,
                price,
                tif,
                stp,
                expiration,
                bool(v, "post_only"),
                reduceOnly,
                cancelOnPause,
                subaccount,
                text(v, "order_group_id"),
                exchangeIndex);
    }

    // =================================================================== V2 batched create / cancel, amend, decrease

    private volatile int batchLimit = 20;

    /** Largest batch the fake accepts (Kalshi: "scales with your tier's write budget"; documented 20). */
    public FakeKalshi batchLimit(int limit) {
        this.batchLimit = limit;
        return this;
    }

    /** The {@code orders} array of a batched body: an object with exactly that field, 1..limit items. */
    private JsonNode batchItems(RecordedRequest rec, String goType) {
        JsonNode root = readBody(rec, goType);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("orders")) {
                throw KalshiApiError.badRequest("json: unknown field \"" + name + "\"");
            }
        }
        JsonNode items = root.get("orders");
        if (items == null || items.isNull() || items.isEmpty()) {
            throw KalshiApiError.badRequest(
                    "Key: '" + goType + ".Orders' Error:Field validation for 'Orders' failed on the 'required' tag");
        }
        if (!items.isArray()) {
            throw KalshiApiError.badRequest("json: cannot unmarshal " + jsonKind(items) + " into Go struct field "
                    + goType + ".orders of type []");
        }
        if (items.size() > batchLimit) {
            throw KalshiApiError.invalidOrder("batch size " + items.size() + " exceeds the maximum of " + batchLimit);
        }
        return items;
    }

    /**
     * {@code POST /portfolio/events/orders/batched}: each item is validated and placed on its own (routed by
     * its ticker to the market's shard); one answer per item, in order, with an {@code error} for refused ones.
     */
    private Map<String, Object> batchCreate(String userId, RecordedRequest rec) {
        List<Object> answers = new ArrayList<>();
        for (JsonNode item : batchItems(rec, "BatchCreateOrdersV2Request")) {
            Map<String, Object> answer;
            try {
                answer = new LinkedHashMap<>(engine.createOrder(userId, parseCreate(item)));
                answer.put("error", null);
            } catch (KalshiApiError e) {
                answer = new LinkedHashMap<>();
                answer.put("order_id", null);
                answer.put(
                        "client_order_id",
                        item.path("client_order_id").isTextual()
                                ? item.get("client_order_id").asText()
                                : null);
                answer.put("ts_ms", null);
                answer.put("error", e.itemError());
            }
            answers.add(answer);
        }
        return Map.of("orders", answers);
    }

    /**
     * {@code DELETE /portfolio/events/orders/batched}: items {@code {order_id, subaccount?, exchange_index?,
     * market_ticker?}}, each cancelled with the single cancel's shard routing (no ticker and no index: shard 0).
     */
    private Map<String, Object> batchCancel(String userId, RecordedRequest rec) {
        List<Object> answers = new ArrayList<>();
        for (JsonNode item : batchItems(rec, "BatchCancelOrdersV2Request")) {
            Map<String, Object> answer = new LinkedHashMap<>();
            String orderId =
                    item.path("order_id").isTextual() ? item.get("order_id").asText() : null;
            answer.put("order_id", orderId);
            try {
                for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!List.of("order_id", "subaccount", "exchange_index", "market_ticker")
                            .contains(name)) {
                        throw KalshiApiError.badRequest("json: unknown field \"" + name + "\"");
                    }
                }
                if (orderId == null || orderId.isEmpty()) {
                    throw KalshiApiError.badRequest(
                            "Key: 'CancelOrderV2Item.OrderID' Error:Field validation for 'OrderID' failed on the 'required' tag");
                }
                JsonNode sub = item.get("subaccount");
                JsonNode index = item.get("exchange_index");
                JsonNode ticker = item.get("market_ticker");
                if ((sub != null && !sub.isIntegralNumber())
                        || (index != null && !index.isIntegralNumber())
                        || (ticker != null && !ticker.isTextual())) {
                    throw KalshiApiError.badRequest("json: cannot unmarshal into Go struct field CancelOrderV2Item");
                }
                String clientOrderId = engine.clientOrderIdOf(orderId);
                Map<String, Object> cancelled = engine.cancelOrder(
                        userId,
                        orderId,
                        sub == null ? 0 : sub.intValue(),
                        index == null ? null : index.intValue(),
                        ticker == null ? null : emptyToNull(ticker.asText()));
                answer.putAll(cancelled);
                answer.put("client_order_id", clientOrderId);
                answer.put("error", null);
            } catch (KalshiApiError e) {
                answer.put("client_order_id", null);
                answer.put("reduced_by", "0.00");
                answer.put("ts_ms", null);
                answer.put("error", e.itemError());
            }
            answers.add(answer);
        }
        return Map.of("orders", answers);
    }

    private FakeKalshiEngine.AmendOrder parseAmend(RecordedRequest rec) {
        JsonNode root = readBody(rec, "AmendOrderV2Request");
        Map<String, JsonNode> v = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            boolean isInt = e.getKey().equals("exchange_index");
            if (!List.of(
                            "ticker",
                            "side",
                            "price",
                            "count",
                            "client_order_id",
                            "updated_client_order_id",
                            "exchange_index")
                    .contains(e.getKey())) {
                throw KalshiApiError.badRequest("json: unknown field \"" + e.getKey() + "\"");
            }
            if (e.getValue().isNull()) {
                continue;
            }
            if (isInt ? !e.getValue().isIntegralNumber() : !e.getValue().isTextual()) {
                throw KalshiApiError.badRequest("json: cannot unmarshal " + jsonKind(e.getValue())
                        + " into Go struct field AmendOrderV2Request." + e.getKey() + " of type "
                        + (isInt ? "int" : "string"));
            }
            v.put(e.getKey(), e.getValue());
        }
        String ticker = text(v, "ticker");
        String sideRaw = text(v, "side");
        String priceRaw = text(v, "price");
        String countRaw = text(v, "count");
        for (String[] required :
                new String[][] {{"Ticker", ticker}, {"Side", sideRaw}, {"Price", priceRaw}, {"Count", countRaw}}) {
            if (required[1] == null) {
                throw KalshiApiError.badRequest("Key: 'AmendOrderV2Request." + required[0]
                        + "' Error:Field validation for '" + required[0] + "' failed on the 'required' tag");
            }
        }
        BookSide side = BookSide.fromWire(sideRaw);
        if (side == null) {
            throw KalshiApiError.badRequest(
                    "Key: 'AmendOrderV2Request.Side' Error:Field validation for 'Side' failed on the 'oneof' tag");
        }
        if (!PRICE.matcher(priceRaw).matches()
                || new BigDecimal(priceRaw).signum() <= 0
                || new BigDecimal(priceRaw).compareTo(BigDecimal.ONE) >= 0) {
            throw KalshiApiError.exchange(400, "invalid_price", "invalid price");
        }
        if (!COUNT.matcher(countRaw).matches() || new BigDecimal(countRaw).signum() <= 0) {
            throw KalshiApiError.invalidOrder("invalid count: a positive number of contracts with at most 2 decimals");
        }
        return new FakeKalshiEngine.AmendOrder(
                ticker,
                side,
                new BigDecimal(priceRaw),
                new BigDecimal(countRaw),
                text(v, "client_order_id"),
                text(v, "updated_client_order_id"),
                v.containsKey("exchange_index") ? v.get("exchange_index").intValue() : null);
    }

    private Map<String, Object> decrease(String userId, String orderId, int subaccount, RecordedRequest rec) {
        JsonNode root = readBody(rec, "DecreaseOrderV2Request");
        BigDecimal reduceBy = null;
        BigDecimal reduceTo = null;
        Integer exchangeIndex = null;
        String marketTicker = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode n = e.getValue();
            if (n.isNull()) {
                continue;
            }
            switch (e.getKey()) {
                case "reduce_by", "reduce_to" -> {
                    if (!n.isTextual()) {
                        throw KalshiApiError.badRequest("json: cannot unmarshal " + jsonKind(n)
                                + " into Go struct field DecreaseOrderV2Request." + e.getKey() + " of type string");
                    }
                    if (!COUNT.matcher(n.asText()).matches()) {
                        throw KalshiApiError.invalidOrder("invalid count: at most 2 decimals");
                    }
                    BigDecimal value = new BigDecimal(n.asText());
                    if (e.getKey().equals("reduce_by")) {
                        reduceBy = value;
                    } else {
                        reduceTo = value;
                    }
                }
                case "exchange_index" -> {
                    if (!n.isIntegralNumber()) {
                        throw KalshiApiError.badRequest("json: cannot unmarshal " + jsonKind(n)
                                + " into Go struct field DecreaseOrderV2Request.exchange_index of type int");
                    }
                    exchangeIndex = n.intValue();
                }
                case "market_ticker" -> {
                    if (!n.isTextual()) {
                        throw KalshiApiError.badRequest("json: cannot unmarshal " + jsonKind(n)
                                + " into Go struct field DecreaseOrderV2Request.market_ticker of type string");
                    }
                    marketTicker = emptyToNull(n.asText());
                }
                default -> throw KalshiApiError.badRequest("json: unknown field \"" + e.getKey() + "\"");
            }
        }
        if ((reduceBy == null) == (reduceTo == null)) {
            throw KalshiApiError.invalidOrder("exactly one of reduce_by or reduce_to must be provided");
        }
        if (reduceBy != null && reduceBy.signum() <= 0) {
            throw KalshiApiError.invalidOrder("reduce_by must be positive");
        }
        return engine.decreaseOrder(userId, orderId, subaccount, reduceBy, reduceTo, exchangeIndex, marketTicker);
    }

    /** Go zero-value semantics: an absent or empty string is "not given". */
    private static String text(Map<String, JsonNode> v, String name) {
        JsonNode n = v.get(name);
        return n == null || n.asText().isEmpty() ? null : n.asText();
    }

    private static boolean bool(Map<String, JsonNode> v, String name) {
        JsonNode n = v.get(name);
        return n != null && n.booleanValue();
    }
}
