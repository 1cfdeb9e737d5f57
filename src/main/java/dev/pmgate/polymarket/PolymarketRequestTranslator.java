package dev.pmgate.polymarket;

import dev.pmgate.api.CreateOrderRequest;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.ListQuery;
import dev.pmgate.api.Pipeline;
import dev.pmgate.credentials.TrackedSession;
import dev.pmgate.upstream.UpstreamRequest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.Exchange;

/**
 * Message translator from pmgate requests to Polymarket CLOB V2 / Data API calls. Orders are built
 * and signed here (EIP-712 V2, exchange contract by the market's neg-risk flag).
 */
public class PolymarketRequestTranslator {

    /** SPEC §2.1: Polymarket's order gets expiration + 60 (its one-minute security threshold). */
    static final long EXPIRATION_THRESHOLD_SECONDS = 60;

    /** What was signed, kept for the answer: the order hash (its CLOB id) and the token's outcome. */
    public record PreparedOrder(String orderHash, String outcome, PolymarketOrderType orderType, long timestampMs,
                                boolean keyDerived) {

        public PreparedOrder(String orderHash, String outcome, PolymarketOrderType orderType) {
            this(orderHash, outcome, orderType, 0, false);
        }
    }

    /** The two V2 domains, hashed once: standard and neg-risk exchange. */
    private final PolymarketOrderSigner standardExchange;
    private final PolymarketOrderSigner negRiskExchange;
    private final PolymarketMarkets markets;
    private final Clock clock;

    public PolymarketRequestTranslator(long chainId, PolymarketMarkets markets, Clock clock) {
        this.standardExchange = PolymarketOrderSigner.v2(chainId, false);
        this.negRiskExchange = PolymarketOrderSigner.v2(chainId, true);
        this.markets = markets;
        this.clock = clock;
    }

    /** The cached market, or the public call that fetches it. */
    public Object marketLookup(Exchange exchange) {
        GatewayRequest request = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class);
        String conditionId = request.order().marketId();
        return markets.get(conditionId).<Object>map(m -> m)
                .orElseGet(() -> UpstreamRequest.get("/clob-markets/" + conditionId));
    }

    public UpstreamRequest createOrder(Exchange exchange) {
        GatewayRequest request = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class);
        PolymarketMarket market = exchange.getIn().getBody(PolymarketMarket.class);
        PolymarketSession session = session(exchange);
        CreateOrderRequest order = request.order();
        if (!market.acceptingOrders()) {
            throw new GatewayException(ErrorCode.VALIDATION_ERROR, "the market is not accepting orders",
                    java.util.List.of("market_id: not accepting orders"), "polymarket", null, null, null);
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
        try {
            PolymarketAmounts.Amounts amounts = PolymarketAmounts.limitOrder(side, order.price(), order.size(),
                    market.tickSize());
            String key = order.clientOrderId() != null ? "client:" + order.clientOrderId() : request.idempotencyKey();
            PolymarketIdempotency.OrderIdentity identity = key != null
                    ? PolymarketIdempotency.fromKey(key) : PolymarketIdempotency.random(clock);
            long expiration = type == PolymarketOrderType.GTD ? order.expiration() + EXPIRATION_THRESHOLD_SECONDS : 0;
            PolymarketOrderV2 unsigned = PolymarketOrderV2.limit(session.wallet(), new BigInteger(token.tokenId()),
                    side, amounts, identity, expiration);
            PolymarketSignedOrder signed = (market.negRisk() ? negRiskExchange : standardExchange).sign(unsigned, session.key());
            byte[] body = PolymarketOrderBody.json(signed, session.l2().apiKey(), type, order.postOnly(), false);
            exchange.setProperty(Pipeline.STASH, new PreparedOrder(signed.orderHash(), token.outcome(), type,
                    identity.timestampMs(), key != null));
            return UpstreamRequest.post("/order", new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw LibraryErrors.validation(e);
        }
    }

    private static PolymarketMarket.Token token(PolymarketMarket market, CreateOrderRequest order) {
        if (order.tokenId() != null) {
            return market.tokens().stream().filter(t -> t.tokenId().equals(order.tokenId())).findFirst()
                    .orElseThrow(() -> GatewayException.validation("params.token_id", "not a token of this market"));
        }
        return market.tokens().stream().filter(t -> t.outcome().equalsIgnoreCase(order.outcome())).findFirst()
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

    public UpstreamRequest listOrders(Exchange exchange) {
        ListQuery q = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class).query();
        if (!q.openOnly()) {
            throw new GatewayException(ErrorCode.NOT_SUPPORTED,
                    "Polymarket lists open orders only; use fills for executed trades");
        }
        return UpstreamRequest.get("/data/orders", UpstreamRequest.query("market", q.marketId(),
                "next_cursor", q.cursor()));
    }

    public UpstreamRequest getOrder(Exchange exchange) {
        return UpstreamRequest.get("/data/order/" + exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class).orderId());
    }

    /** The order just refused as a duplicate, by the hash this request signed. */
    public UpstreamRequest getPreparedOrder(Exchange exchange) {
        return UpstreamRequest.get("/data/order/" + exchange.getProperty(Pipeline.STASH, PreparedOrder.class).orderHash());
    }

    public UpstreamRequest cancelOrder(Exchange exchange) {
        String id = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class).orderId();
        return UpstreamRequest.delete("/order", java.util.Map.of(), "{\"orderID\":\"" + id + "\"}");
    }

    public UpstreamRequest fills(Exchange exchange) {
        ListQuery q = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class).query();
        return UpstreamRequest.get("/data/trades", UpstreamRequest.query("market", q.marketId(),
                "next_cursor", q.cursor()));
    }

    public UpstreamRequest balance(Exchange exchange) {
        return UpstreamRequest.get("/balance-allowance", UpstreamRequest.query("asset_type", "COLLATERAL",
                "signature_type", session(exchange).wallet().signatureType().code()));
    }

    public UpstreamRequest positions(Exchange exchange) {
        ListQuery q = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class).query();
        return UpstreamRequest.get("/positions", UpstreamRequest.query("user", session(exchange).fundingAddress(),
                "market", q.marketId(), "limit", q.limit() == null ? 500 : q.limit()));
    }

    /** L1-signed: fetch this key's existing CLOB credentials. */
    public UpstreamRequest deriveApiKey() {
        return UpstreamRequest.get("/auth/derive-api-key");
    }

    /** L1-signed: create CLOB credentials when none exist yet. */
    public UpstreamRequest createApiKey() {
        return UpstreamRequest.post("/auth/api-key", null);
    }

    static PolymarketSession session(Exchange exchange) {
        return exchange.getProperty(Pipeline.SESSION, TrackedSession.class).unwrap(PolymarketSession.class);
    }
}
