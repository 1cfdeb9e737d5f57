package dev.pmgate.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pmgate.polymarket.PolymarketKeys;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.polymarket.PolymarketSignatureType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.web3j.crypto.ECKeyPair;

/**
 * A strict fake of Polymarket's CLOB and Data API over real loopback HTTP, verifying requests the way
 * the CLOB does (docs/exchanges.md P2–P8): L1 ClobAuth signatures, L2 HMACs
 * over the raw bytes received, V2 order signatures against the market's exchange domain, amounts,
 * balances and duplicates.
 *
 * <p>One {@link HttpServer} on 127.0.0.1 serves both APIs: the CLOB at the root ({@link #clobUrl()}) and
 * the Data API under {@value #DATA_API_PREFIX} ({@link #dataUrl()}). All state sits in one ledger
 * guarded by one lock, so the fake is safe to call from tests while requests are in flight.
 */
public final class FakePolymarket implements AutoCloseable {

    public static final String DATA_API_PREFIX = "/data-api";

    /** A wallet known to the fake. */
    public record Account(String privateKeyHex, String address) {
        public ECKeyPair keyPair() {
            return PolymarketKeys.keyPair(privateKeyHex.toCharArray());
        }
    }

    /** CLOB L2 credentials as the CLOB issues them ({@code apiKey, secret, passphrase}). */
    public record ApiCreds(String apiKey, String secret, String passphrase) {}

    /** One outcome token of a market. */
    public record Token(String tokenId, String outcome) {}

    /** Public market metadata: what {@code /clob-markets/{id}}, {@code /tick-size} and {@code /neg-risk} report. */
    public record Market(
            String conditionId,
            List<Token> tokens,
            BigDecimal tickSize,
            boolean negRisk,
            BigDecimal minOrderSize,
            boolean acceptingOrders) {

        public Market {
            tokens = List.copyOf(tokens);
        }

        /** A Yes/No market with a minimum order size of 5 that accepts orders. */
        public static Market binary(
                String conditionId, String yesTokenId, String noTokenId, String tickSize, boolean negRisk) {
            return new Market(
                    conditionId,
                    List.of(new Token(yesTokenId, "Yes"), new Token(noTokenId, "No")),
                    new BigDecimal(tickSize),
                    negRisk,
                    new BigDecimal("5"),
                    true);
        }

        public Market withMinOrderSize(BigDecimal minimum) {
            return new Market(conditionId, tokens, tickSize, negRisk, minimum, acceptingOrders);
        }

        public Market closedForOrders() {
            return new Market(conditionId, tokens, tickSize, negRisk, minOrderSize, false);
        }

        /**
         * A Protocol-V2 Yes/No market: a 31-byte condition id and V2 position ids
         * ({@code module 1 ‖ condition ‖ 64 zero bits ‖ outcome index}); orders settle on ExchangeV3 (domain "3").
         */
        public static Market protocolV2(String conditionId31, String tickSize) {
            if (!conditionId31.matches("0x[0-9a-fA-F]{62}")) {
                throw new IllegalArgumentException("a Protocol-V2 condition id is 31 bytes");
            }
            // position id = the 31-byte condition id ‖ outcome index byte (docs/polymarket-accounts.md)
            java.math.BigInteger base = new java.math.BigInteger(conditionId31.substring(2), 16).shiftLeft(8);
            if (!dev.pmgate.polymarket.PolymarketProtocol.isV2PositionId(base)) {
                throw new IllegalArgumentException("condition id does not make V2 position ids (reserved bits set)");
            }
            return binary(
                    conditionId31,
                    base.toString(),
                    base.add(java.math.BigInteger.ONE).toString(),
                    tickSize,
                    false);
        }

        /** Whether this market's outcome ids are V2 position ids (a Protocol-V2 market, ExchangeV3). */
        public boolean protocolV2() {
            return !tokens.isEmpty()
                    && tokens.stream()
                            .allMatch(t -> dev.pmgate.polymarket.PolymarketProtocol.isV2PositionId(t.tokenId()));
        }
    }

    /** A Data API position of {@code user} in one token (prices in dollars, size in shares). */
    public record Position(
            String tokenId, BigDecimal size, BigDecimal avgPrice, BigDecimal curPrice, BigDecimal realizedPnl) {}

    /** A trade (fill) of {@code address}'s order, as listed by {@code /data/trades}. */
    public record Trade(
            String id,
            String address,
            String orderId,
            String tokenId,
            PolymarketSide side,
            BigDecimal size,
            BigDecimal price,
            String status,
            long matchTimeSeconds,
            String traderSide) {}

    /** A snapshot of an order the fake accepted. Sizes in shares, {@code status} LIVE, MATCHED or CANCELED. */
    public record PlacedOrder(
            String id,
            String apiKey,
            String maker,
            String signer,
            String conditionId,
            String tokenId,
            String outcome,
            PolymarketSide side,
            BigDecimal price,
            BigDecimal originalSize,
            BigDecimal sizeMatched,
            String orderType,
            long expiration,
            boolean postOnly,
            boolean deferExec,
            long createdAt,
            String status,
            String salt,
            String timestamp) {}

    /** One request as received (header names as the JDK server normalises them, e.g. {@code Poly_api_key}). */
    public record RecordedRequest(
            String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Everything the client sent, as one string, for canary scans. */
        public String allText() {
            return method + " " + path + (rawQuery == null ? "" : "?" + rawQuery) + "\n" + headers + "\n" + bodyText();
        }
    }

    /**
     * A one-shot (or {@code times}-shot) fault for the next matching request: a delay, then either a
     * canned response ({@code status > 0}), a dropped connection, or (status 0) normal handling.
     * {@code method} and {@code pathPrefix} null match anything.
     */
    public record Fault(
            String method,
            String pathPrefix,
            Duration delay,
            int status,
            String body,
            boolean dropConnection,
            int times) {

        public static Fault respond(int status, String jsonBody) {
            return new Fault(null, null, Duration.ZERO, status, jsonBody, false, 1);
        }

        public static Fault delay(Duration delay) {
            return new Fault(null, null, delay, 0, null, false, 1);
        }

        public static Fault disconnect() {
            return new Fault(null, null, Duration.ZERO, 0, null, true, 1);
        }

        public Fault on(String method, String pathPrefix) {
            return new Fault(method, pathPrefix, delay, status, body, dropConnection, times);
        }

        public Fault times(int count) {
            return new Fault(method, pathPrefix, delay, status, body, dropConnection, count);
        }

        boolean matches(String requestMethod, String path) {
            return (method == null || method.equalsIgnoreCase(requestMethod))
                    && (pathPrefix == null || path.startsWith(pathPrefix));
        }
    }

    private final FakePolymarketLedger ledger;
    private final FakePolymarketRoutes routes;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final FakePolymarketFaults faults = new FakePolymarketFaults();
    private volatile boolean recordRequests = true;
    private HttpServer server;
    private ExecutorService executor;

    public FakePolymarket() {
        this(137, Clock.systemUTC());
    }

    public FakePolymarket(long chainId, Clock clock) {
        this.ledger = new FakePolymarketLedger(clock);
        this.routes = new FakePolymarketRoutes(
                ledger,
                new FakePolymarketAuth(ledger, chainId, clock),
                new FakePolymarketOrders(ledger, chainId, clock));
    }

    public synchronized FakePolymarket start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized String clobUrl() {
        if (server == null) {
            throw new IllegalStateException("FakePolymarket is not started");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String dataUrl() {
        return clobUrl() + DATA_API_PREFIX;
    }

    // ---- accounts and credentials ------------------------------------------------------------------

    /** A wallet whose CLOB API key (nonce 0) already exists: derive answers {@link #derivedCredentials}. */
    public Account registerAccount(String privateKeyHex) {
        Account account = account(privateKeyHex);
        synchronized (ledger) {
            ledger.issueKey(account.address(), 0, ledger.deterministicCreds(account.address(), 0));
        }
        return account;
    }

    /** A wallet whose nonce-0 API key is {@code preIssued} (for example the vector credentials). */
    public Account registerAccount(String privateKeyHex, ApiCreds preIssued) {
        Account account = account(privateKeyHex);
        synchronized (ledger) {
            ledger.issueKey(account.address(), 0, preIssued);
        }
        return account;
    }

    /** A brand-new wallet: derive answers 400 until {@code POST /auth/api-key} created a key. */
    public Account registerAccountWithoutApiKey(String privateKeyHex) {
        Account account = account(privateKeyHex);
        synchronized (ledger) {
            ledger.accountState(account.address());
        }
        return account;
    }

    /**
     * The proxy (1), Safe (2) or deposit wallet (3) of {@code signer}: the only maker accepted for that
     * signature type. A deposit wallet is also registered as owned by {@code signer} (its isValidSignature
     * accepts only that owner's ERC-7739 envelopes).
     */
    public void setFunder(String signer, PolymarketSignatureType type, String funder) {
        synchronized (ledger) {
            ledger.accountState(signer).funders.put(type, funder.toLowerCase(Locale.ROOT));
            if (type == PolymarketSignatureType.POLY_1271) {
                ledger.depositWalletOwners.put(FakePolymarketLedger.key(funder), signer);
            }
        }
    }

    /** A deployed deposit wallet owned by {@code owner} (same as {@code setFunder(owner, POLY_1271, wallet)}). */
    public void registerDepositWallet(String owner, String wallet) {
        setFunder(owner, PolymarketSignatureType.POLY_1271, wallet);
    }

    /** A market with a matching delay: its new orders answer {@code delayed} and wait (read status DELAYED). */
    public void setMatchingDelay(String conditionId, boolean delayed) {
        synchronized (ledger) {
            if (delayed) {
                ledger.delayedMarkets.add(FakePolymarketLedger.conditionKey(conditionId));
            } else {
                ledger.delayedMarkets.remove(FakePolymarketLedger.conditionKey(conditionId));
            }
        }
    }

    /** GTD floor: the wire expiration must be ≥ now + this many seconds (default 60, the CLOB's threshold). */
    public void setGtdFloorSeconds(long seconds) {
        synchronized (ledger) {
            ledger.gtdFloorSeconds = seconds;
        }
    }

    /** How far an order's signed timestamp may lie in the past (default 2 days; the CLOB's window is unpublished). */
    public void setOrderTimestampWindow(Duration window) {
        synchronized (ledger) {
            ledger.orderTimestampWindow = window;
        }
    }

    /** The credentials derive/create hands out for {@code address} and nonce 0. */
    public ApiCreds derivedCredentials(String address) {
        synchronized (ledger) {
            ApiCreds issued = ledger.accountState(address).keysByNonce.get(0L);
            return issued != null ? issued : ledger.deterministicCreds(address, 0);
        }
    }

    public int deriveCalls(String address) {
        synchronized (ledger) {
            return ledger.accountState(address).deriveCalls;
        }
    }

    public int createCalls(String address) {
        synchronized (ledger) {
            return ledger.accountState(address).createCalls;
        }
    }

    /** Makes an API key unknown: L2 requests with it answer 401. */
    public void revokeApiKey(String apiKey) {
        synchronized (ledger) {
            ledger.revokeKey(apiKey);
        }
    }

    // ---- markets, money, positions, trades ---------------------------------------------------------

    public void addMarket(Market market) {
        synchronized (ledger) {
            ledger.addMarket(market);
        }
    }

    /** The pUSD balance of a wallet (EOA, proxy or Safe), in dollars. */
    public void setCollateral(String address, BigDecimal dollars) {
        synchronized (ledger) {
            ledger.setCollateral(address, dollars);
        }
    }

    /** A Data API position of {@code user}; also sets the user's share balance of that token. */
    public void setPosition(String user, Position position) {
        synchronized (ledger) {
            ledger.setPosition(user, position);
        }
    }

    /** Shares of {@code tokenId} that any new order crosses at its limit price (0 = nothing crosses). */
    public void setCrossingLiquidity(String tokenId, BigDecimal shares) {
        synchronized (ledger) {
            ledger.setLiquidity(tokenId, shares);
        }
    }

    /** Gamma's description of a market added with {@link #addMarket} (mutable: question, event, status, volume, fees). */
    public FakePolymarketPublic.GammaMarket gamma(String conditionId) {
        synchronized (ledger) {
            Market m = ledger.marketsByCondition.get(FakePolymarketLedger.conditionKey(conditionId));
            if (m == null) {
                throw new IllegalArgumentException("unknown market " + conditionId);
            }
            return routes.publicData.describe(m);
        }
    }

    /** A resting level of a token's public book (besides the fake's live orders). */
    public void addBookLevel(String tokenId, boolean bid, BigDecimal price, BigDecimal size) {
        synchronized (ledger) {
            routes.publicData.level(tokenId, bid, price, size);
        }
    }

    /** A point of a token's {@code /prices-history}. */
    public void addPricePoint(String tokenId, long epochSeconds, BigDecimal price) {
        synchronized (ledger) {
            routes.publicData.pricePoint(tokenId, epochSeconds, price);
        }
    }

    /** A trade on the Data API public tape. */
    public void addPublicTrade(
            String conditionId,
            String tokenId,
            PolymarketSide side,
            BigDecimal size,
            BigDecimal price,
            long epochSeconds) {
        synchronized (ledger) {
            routes.publicData.publicTrade(conditionId, tokenId, side, size, price, epochSeconds);
        }
    }

    /** Gamma root: {@value FakePolymarketPublic#GAMMA_PREFIX} on this server. */
    public String gammaUrl() {
        return clobUrl() + FakePolymarketPublic.GAMMA_PREFIX;
    }

    public void addTrade(Trade trade) {
        synchronized (ledger) {
            ledger.trades.add(trade);
        }
    }

    /** A counterparty fills {@code shares} of a resting order (the account is the maker of the trade). */
    public PlacedOrder fillOrder(String orderId, BigDecimal shares) {
        synchronized (ledger) {
            return ledger.fillResting(orderId, shares);
        }
    }

    public Optional<PlacedOrder> order(String orderId) {
        synchronized (ledger) {
            return Optional.ofNullable(ledger.orders.get(orderId)).map(FakePolymarketLedger.OrderState::snapshot);
        }
    }

    public List<PlacedOrder> orders() {
        synchronized (ledger) {
            return ledger.orders.values().stream()
                    .map(FakePolymarketLedger.OrderState::snapshot)
                    .toList();
        }
    }

    /** Page size of {@code /data/orders} and {@code /data/trades} (default 100). */
    public void setPageSize(int pageSize) {
        synchronized (ledger) {
            ledger.pageSize = pageSize;
        }
    }

    /** Accepted clock skew of POLY_TIMESTAMP in both directions (default 300 s; the real window is unpublished). */
    public void setAuthWindow(Duration window) {
        synchronized (ledger) {
            ledger.authWindow = window;
        }
    }

    // ---- sandbox ------------------------------------------------------------------------------------

    /** Sandbox: every wallet holds {@code dollars} of paper pUSD when first seen (null = off, the default). */
    public FakePolymarket setPaperCollateral(BigDecimal dollars) {
        synchronized (ledger) {
            ledger.paperCollateral = dollars == null ? null : FakePolymarketLedger.toUnits(dollars);
        }
        return this;
    }

    /**
     * Bounds memory (the sandbox): at most {@code accounts} wallets (the oldest forgotten with their keys, money,
     * orders and trades), {@code orders} orders and {@code trades} trades (oldest dropped). 0 = unbounded.
     */
    public FakePolymarket setLimits(int accounts, int orders, int trades) {
        synchronized (ledger) {
            ledger.maxAccounts = Math.max(0, accounts);
            ledger.maxOrders = Math.max(0, orders);
            ledger.maxTrades = Math.max(0, trades);
            ledger.trim();
        }
        return this;
    }

    /**
     * Sandbox: a resting level of the house market maker on {@code tokenId}. {@code houseSide} SELL offers
     * shares at {@code price} (a BUY at or above it fills there), BUY bids for them. A level taken in full is
     * quoted again at once. A token with house levels ignores {@link #setCrossingLiquidity}.
     */
    public void addHouseLevel(String tokenId, PolymarketSide houseSide, BigDecimal price, BigDecimal shares) {
        synchronized (ledger) {
            ledger.house
                    .computeIfAbsent(tokenId, t -> new java.util.ArrayList<>())
                    .add(new FakePolymarketLedger.HouseLevel(houseSide, price, FakePolymarketLedger.toUnits(shares)));
        }
    }

    /** Whether requests are kept for {@link #requests()} (default true; the sandbox keeps none). */
    public FakePolymarket setRecordRequests(boolean on) {
        this.recordRequests = on;
        if (!on) {
            requests.clear();
        }
        return this;
    }

    /** Sizes of what the fake holds. */
    public record Footprint(
            int wallets,
            int apiKeys,
            int orders,
            int trades,
            int positionHolders,
            int recordedRequests,
            int rejections) {}

    public Footprint footprint() {
        synchronized (ledger) {
            return new Footprint(
                    ledger.accounts.size()
                            + (int) ledger.collateral.keySet().stream()
                                    .filter(k -> !ledger.accounts.containsKey(k))
                                    .count(),
                    ledger.apiKeys.size(),
                    ledger.orders.size(),
                    ledger.trades.size(),
                    ledger.positions.size(),
                    requests.size(),
                    ledger.rejections.size());
        }
    }

    // ---- observation and faults --------------------------------------------------------------------

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(String method, String path) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Why the fake refused requests, oldest first (e.g. "L2: wrong passphrase", "order: invalid signature"). */
    public List<String> rejections() {
        synchronized (ledger) {
            return List.copyOf(ledger.rejections);
        }
    }

    public void injectFault(Fault fault) {
        faults.add(fault);
    }

    private Account account(String privateKeyHex) {
        return new Account(privateKeyHex, PolymarketKeys.address(PolymarketKeys.keyPair(privateKeyHex.toCharArray())));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
            if (recordRequests) {
                requests.add(new RecordedRequest(
                        exchange.getRequestMethod(),
                        path,
                        exchange.getRequestURI().getRawQuery(),
                        headers,
                        body));
            }
            if (faults.apply(exchange, path)) {
                return;
            }
            FakePolymarketHttp.Response response = routes.dispatch(new FakePolymarketHttp.Call(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    body));
            FakePolymarketHttp.send(exchange, response);
        }
    }
}
