package dev.pmgate.polymarket;

import dev.pmgate.api.CreateOrderRequest;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.ListQuery;
import dev.pmgate.credentials.TrackedSession;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.upstream.UpstreamRequest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;

/**
 * Message translator from pmgate requests to Polymarket CLOB V2 / Data API calls. Orders are built
 * and signed here (EIP-712 V2, exchange contract by the market's neg-risk flag). Each method takes the
 * request and the state it needs, never the Camel exchange.
 */
public class PolymarketRequestTranslator {

    /** SPEC §2.1: Polymarket's order gets expiration + 60 (its one-minute security threshold). */
    static final long EXPIRATION_THRESHOLD_SECONDS = 60;

    /** SPEC §2.1: on Polymarket {@code expiration} must be ≥ now + 120 s (wire value ≥ now + 180 s, as the clients). */
    static final long MIN_EXPIRATION_AHEAD_SECONDS = PolymarketModule.MIN_EXPIRATION_AHEAD;

    /**
     * What was signed, kept for the answer: the order hash (its CLOB id), the token's outcome, and for a
     * keyed order signed right after its key's window boundary the hash an earlier attempt signed
     * ({@code previousOrderHash}, else null); the signed timestamp, whether it was derived from a key
     * (then it is not the placing time, and created_at is read back), and the order's JSON envelope.
     */
    public record PreparedOrder(
            String orderHash,
            String outcome,
            PolymarketOrderType orderType,
            String previousOrderHash,
            long timestampMs,
            boolean keyDerived,
            String envelope) {

        /** {@code POST /order} with exactly the signed envelope. */
        public UpstreamRequest post() {
            return UpstreamRequest.post("/order", envelope);
        }

        /** Never the envelope: it names the CLOB API key (its owner), and Camel logs beans at TRACE. */
        @Override
        public String toString() {
            return "PreparedOrder[orderHash=" + orderHash + ", orderType=" + orderType + ", previousOrderHash="
                    + previousOrderHash + ", timestampMs=" + timestampMs + ", keyDerived=" + keyDerived + ", envelope="
                    + (envelope == null ? 0 : envelope.length()) + " chars]";
        }
    }

    /** The three exchange domains, hashed once: standard and neg-risk exchange V2, ExchangeV3. */
    private final PolymarketOrderSigner standardExchange;

    private final PolymarketOrderSigner negRiskExchange;
    private final PolymarketOrderSigner exchangeV3;
    private final PolymarketMarkets markets;
    private final Clock clock;

    public PolymarketRequestTranslator(long chainId, PolymarketMarkets markets, Clock clock) {
        this.standardExchange = PolymarketOrderSigner.v2(chainId, false);
        this.negRiskExchange = PolymarketOrderSigner.v2(chainId, true);
        this.exchangeV3 = PolymarketOrderSigner.v3(chainId);
        this.markets = markets;
        this.clock = clock;
    }

    /** The cached market of the order, or {@code null}. */
    public PolymarketMarket cachedMarket(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        return markets.get(request.order().marketId()).orElse(null);
    }

    /** The public call that fetches the order's market (compact V2 endpoint). */
    public UpstreamRequest marketRequest(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        return marketRequest(request.order().marketId());
    }

    static UpstreamRequest marketRequest(String conditionId) {
        return UpstreamRequest.get("/clob-markets/" + conditionId);
    }

    /** CLOBs without the V2 compact endpoint: the long-standing market object has the same facts. */
    public UpstreamRequest classicMarketRequest(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        return classicMarketRequest(request.order().marketId());
    }

    static UpstreamRequest classicMarketRequest(String conditionId) {
        return UpstreamRequest.get("/markets/" + conditionId);
    }

    PolymarketMarket cachedMarket(String conditionId) {
        return markets.get(conditionId).orElse(null);
    }

    /** Builds and signs the order for the market; what was signed is kept for the answer. */
    public PreparedOrder prepareOrder(
            @ExchangeProperty(Pipeline.REQUEST) GatewayRequest request,
            @ExchangeProperty(PolymarketState.MARKET) PolymarketMarket market,
            @ExchangeProperty(Pipeline.SESSION) TrackedSession session) {
        return prepareOrder(request, market, PolymarketState.session(session));
    }

    PreparedOrder prepareOrder(GatewayRequest request, PolymarketMarket market, PolymarketSession session) {
        CreateOrderRequest order = request.order();
        if (!market.acceptingOrders()) {
            throw new GatewayException(
                    ErrorCode.VALIDATION_ERROR,
                    "the market is not accepting orders",
                    List.of("market_id: not accepting orders"),
                    PolymarketModule.NAME.wireName(),
                    null,
                    null,
                    null);
        }
        PolymarketMarket.Token token = token(market, order);
        PolymarketOrderType type = orderType(order);
        if (order.postOnly() && !type.allowsPostOnly()) {
            throw new GatewayException(ErrorCode.NOT_SUPPORTED, "post_only cannot be combined with ioc or fok");
        }
        if (order.reduceOnly()) {
            throw new GatewayException(ErrorCode.NOT_SUPPORTED, "Polymarket has no reduce_only orders");
        }
        PolymarketSide side = order.side() == CreateOrderRequest.Side.BUY ? PolymarketSide.BUY : PolymarketSide.SELL;
        if (type == PolymarketOrderType.GTD) {
            requireExpirationFloor(order.expiration());
        }
        try {
            PolymarketAmounts.Amounts amounts =
                    PolymarketAmounts.limitOrder(side, order.price(), order.size(), market.tickSize());
            if (type == PolymarketOrderType.FAK || type == PolymarketOrderType.FOK) {
                PolymarketAmounts.requireMarketOrderPrecision(side, order.price(), order.size());
            }
            String key = order.clientOrderId() != null ? "client:" + order.clientOrderId() : request.idempotencyKey();
            PolymarketIdempotency.KeyedIdentity keyed = key != null ? PolymarketIdempotency.fromKey(key, clock) : null;
            PolymarketIdempotency.OrderIdentity identity =
                    keyed != null ? keyed.current() : PolymarketIdempotency.random(clock);
            long expiration = type == PolymarketOrderType.GTD ? order.expiration() + EXPIRATION_THRESHOLD_SECONDS : 0;
            BigInteger tokenId = new BigInteger(token.tokenId());
            PolymarketOrderV2 unsigned =
                    PolymarketOrderV2.limit(session.wallet(), tokenId, side, amounts, identity, expiration);
            PolymarketOrderSigner exchangeContract = exchangeFor(tokenId, market.negRisk());
            PolymarketSignedOrder signed = exchangeContract.sign(unsigned, session.key());
            String previousHash = keyed != null && keyed.previous() != null
                    ? exchangeContract.orderHash(PolymarketOrderV2.limit(
                            session.wallet(), tokenId, side, amounts, keyed.previous(), expiration))
                    : null;
            byte[] body = PolymarketOrderBody.json(signed, session.l2().apiKey(), type, order.postOnly(), false);
            return new PreparedOrder(
                    signed.orderHash(),
                    token.outcome(),
                    type,
                    previousHash,
                    identity.timestampMs(),
                    key != null,
                    new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw LibraryErrors.validation(e);
        }
    }

    /**
     * The exchange an order is signed for, decided as the official client decides (by the asset id):
     * a Protocol-V2 position id → ExchangeV3 (domain "3"); a CTF token → the V2 exchange by neg-risk.
     */
    PolymarketOrderSigner exchangeFor(BigInteger tokenId, boolean negRisk) {
        if (PolymarketProtocol.isV2PositionId(tokenId)) {
            return exchangeV3;
        }
        return negRisk ? negRiskExchange : standardExchange;
    }

    private void requireExpirationFloor(Long expiration) {
        long floor = clock.instant().getEpochSecond() + MIN_EXPIRATION_AHEAD_SECONDS;
        if (expiration == null || expiration < floor) {
            throw GatewayException.validation(
                    "params.expiration",
                    "on Polymarket must be at least "
                            + MIN_EXPIRATION_AHEAD_SECONDS
                            + " seconds in the future (the order is sent with expiration + "
                            + EXPIRATION_THRESHOLD_SECONDS + ", and the official clients require 180 seconds)");
        }
    }

    /** {@code POST /order} with the envelope just signed. */
    public UpstreamRequest postOrder(@ExchangeProperty(PolymarketState.PREPARED_ORDER) PreparedOrder prepared) {
        return prepared.post();
    }

    /** Whether a keyed create must first look for the order an attempt before the key's window boundary signed. */
    public boolean hasPreviousCandidate(@ExchangeProperty(PolymarketState.PREPARED_ORDER) PreparedOrder prepared) {
        return prepared != null && prepared.previousOrderHash() != null;
    }

    /** The order an earlier attempt of this keyed create may have placed. */
    public UpstreamRequest getPreviousCandidate(
            @ExchangeProperty(PolymarketState.PREPARED_ORDER) PreparedOrder prepared) {
        return order(prepared.previousOrderHash());
    }

    /** The order this create signed (refused as a duplicate, or read back for its created_at). */
    public UpstreamRequest getPreparedOrder(@ExchangeProperty(PolymarketState.PREPARED_ORDER) PreparedOrder prepared) {
        return order(prepared.orderHash());
    }

    static UpstreamRequest order(String id) {
        return UpstreamRequest.get("/data/order/" + id);
    }

    private static PolymarketMarket.Token token(PolymarketMarket market, CreateOrderRequest order) {
        if (order.tokenId() != null) {
            return market.tokens().stream()
                    .filter(t -> t.tokenId().equals(order.tokenId()))
                    .findFirst()
                    .orElseThrow(() -> GatewayException.validation("params.token_id", "not a token of this market"));
        }
        return market.tokens().stream()
                .filter(t -> t.outcome().equalsIgnoreCase(order.outcome()))
                .findFirst()
                .orElseThrow(() -> GatewayException.validation("outcome", "not an outcome of this market"));
    }

    private static PolymarketOrderType orderType(CreateOrderRequest order) {
        return switch (order.orderType()) {
            case GTC -> PolymarketOrderType.GTC;
            case GTD -> PolymarketOrderType.GTD;
            case IOC -> PolymarketOrderType.FAK;
            case FOK -> PolymarketOrderType.FOK;
        };
    }

    /** Open orders only (the CLOB lists no others), paged locally to the caller's limit: nothing read yet. */
    public PolymarketOrderPages listOrders(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        ListQuery q = request.query();
        if (!q.openOnly()) {
            throw new GatewayException(
                    ErrorCode.NOT_SUPPORTED, "Polymarket lists open orders only; use fills for executed trades");
        }
        return PolymarketOrderPages.of(q);
    }

    public boolean hasMoreOrders(@ExchangeProperty(PolymarketState.ORDER_PAGES) PolymarketOrderPages pages) {
        return pages.hasNext();
    }

    public UpstreamRequest nextOrdersPage(@ExchangeProperty(PolymarketState.ORDER_PAGES) PolymarketOrderPages pages) {
        return pages.next();
    }

    public UpstreamRequest getOrder(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        return order(request.orderId());
    }

    public UpstreamRequest cancelOrder(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        return UpstreamRequest.delete("/order", Map.of(), "{\"orderID\":\"" + request.orderId() + "\"}");
    }

    public UpstreamRequest fills(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        ListQuery q = request.query();
        return UpstreamRequest.get(
                "/data/trades", UpstreamRequest.query("market", q.marketId(), "next_cursor", q.cursor()));
    }

    public UpstreamRequest balance(@ExchangeProperty(Pipeline.SESSION) TrackedSession session) {
        return UpstreamRequest.get(
                "/balance-allowance",
                UpstreamRequest.query(
                        "asset_type",
                        "COLLATERAL",
                        "signature_type",
                        PolymarketState.session(session)
                                .wallet()
                                .signatureType()
                                .code()));
    }

    /** Data API v2 positions of the funder (proxy, Safe or deposit wallet): nothing read yet. */
    public PolymarketPositionPages positions(
            @ExchangeProperty(Pipeline.REQUEST) GatewayRequest request,
            @ExchangeProperty(Pipeline.SESSION) TrackedSession session) {
        ListQuery q = request.query();
        return new PolymarketPositionPages(PolymarketState.session(session).fundingAddress(), q.marketId(), q.limit());
    }

    public boolean hasMorePositions(@ExchangeProperty(PolymarketState.POSITION_PAGES) PolymarketPositionPages pages) {
        return pages.hasNext();
    }

    public UpstreamRequest nextPositionsPage(
            @ExchangeProperty(PolymarketState.POSITION_PAGES) PolymarketPositionPages pages) {
        return pages.next();
    }

    /** L1-signed: fetch this key's existing CLOB credentials. */
    public UpstreamRequest deriveApiKey() {
        return UpstreamRequest.get("/auth/derive-api-key");
    }

    /** L1-signed: create CLOB credentials when none exist yet. */
    public UpstreamRequest createApiKey() {
        return UpstreamRequest.post("/auth/api-key", null);
    }
}
