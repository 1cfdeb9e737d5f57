package dev.pmgate.polymarket;

import dev.pmgate.api.CreateOrderRequest;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.ListQuery;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.credentials.TrackedSession;
import dev.pmgate.upstream.UpstreamRequest;
import dev.pmgate.upstream.UpstreamResponse;
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

    /** Data API v2 positions (cursor paging; v1 {@code /positions} is offset-paged and on its way out). */
    static final String POSITIONS_PATH = "/v2/positions";
    static final int POSITIONS_PAGE_SIZE = 500;
    static final int MAX_POSITION_PAGES = 100;
    private static final String POSITION_ROWS = "pmgatePolymarketPositionRows";
    private static final String POSITION_PAGES = "pmgatePolymarketPositionCursors";

    /** SPEC §2.1: on Polymarket {@code expiration} must be ≥ now + 120 s (wire value ≥ now + 180 s, as the clients). */
    static final long MIN_EXPIRATION_AHEAD_SECONDS = 120;

    /**
     * What was signed, kept for the answer: the order hash (its CLOB id), the token's outcome, and for a
     * keyed order signed right after its key's window boundary the hash an earlier attempt signed
     * ({@code previousOrderHash}, else null); the signed timestamp, and whether it was derived from a key
     * (then it is not the placing time, and created_at is read back).
     */
    public record PreparedOrder(String orderHash, String outcome, PolymarketOrderType orderType,
                                String previousOrderHash, long timestampMs, boolean keyDerived) {
        public PreparedOrder(String orderHash, String outcome, PolymarketOrderType orderType) {
            this(orderHash, outcome, orderType, null, 0, false);
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
        if (type == PolymarketOrderType.GTD) {
            requireExpirationFloor(order.expiration());
        }
        try {
            PolymarketAmounts.Amounts amounts = PolymarketAmounts.limitOrder(side, order.price(), order.size(),
                    market.tickSize());
            if (type == PolymarketOrderType.FAK || type == PolymarketOrderType.FOK) {
                PolymarketAmounts.requireMarketOrderPrecision(side, order.price(), order.size());
            }
            String key = order.clientOrderId() != null ? "client:" + order.clientOrderId() : request.idempotencyKey();
            PolymarketIdempotency.KeyedIdentity keyed = key != null ? PolymarketIdempotency.fromKey(key, clock) : null;
            PolymarketIdempotency.OrderIdentity identity = keyed != null
                    ? keyed.current() : PolymarketIdempotency.random(clock);
            long expiration = type == PolymarketOrderType.GTD ? order.expiration() + EXPIRATION_THRESHOLD_SECONDS : 0;
            BigInteger tokenId = new BigInteger(token.tokenId());
            PolymarketOrderV2 unsigned = PolymarketOrderV2.limit(session.wallet(), tokenId, side, amounts, identity,
                    expiration);
            PolymarketOrderSigner exchangeContract = exchangeFor(tokenId, market.negRisk());
            PolymarketSignedOrder signed = exchangeContract.sign(unsigned, session.key());
            String previousHash = keyed != null && keyed.previous() != null
                    ? exchangeContract.orderHash(PolymarketOrderV2.limit(session.wallet(), tokenId, side, amounts,
                            keyed.previous(), expiration))
                    : null;
            byte[] body = PolymarketOrderBody.json(signed, session.l2().apiKey(), type, order.postOnly(), false);
            exchange.setProperty(Pipeline.STASH, new PreparedOrder(signed.orderHash(), token.outcome(), type, previousHash,
                    identity.timestampMs(), key != null));
            return UpstreamRequest.post("/order", new String(body, StandardCharsets.UTF_8));
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
            throw GatewayException.validation("params.expiration", "on Polymarket must be at least "
                    + MIN_EXPIRATION_AHEAD_SECONDS + " seconds in the future (the order is sent with expiration + "
                    + EXPIRATION_THRESHOLD_SECONDS + ", and the official clients require 180 seconds)");
        }
    }

    /** Whether a keyed create must first look for the order an attempt before the key's window boundary signed. */
    public boolean hasPreviousCandidate(Exchange exchange) {
        PreparedOrder prepared = exchange.getProperty(Pipeline.STASH, PreparedOrder.class);
        return prepared != null && prepared.previousOrderHash() != null;
    }

    /** The order an earlier attempt of this keyed create may have placed. */
    public UpstreamRequest getPreviousCandidate(Exchange exchange) {
        return UpstreamRequest.get("/data/order/" + exchange.getProperty(Pipeline.STASH, PreparedOrder.class)
                .previousOrderHash());
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

    /** Data API v2 positions: the first page (the funder's — proxy, Safe or deposit wallet — positions). */
    public UpstreamRequest positions(Exchange exchange) {
        exchange.removeProperty(POSITION_ROWS);
        exchange.removeProperty(POSITION_PAGES);
        return positionsPage(exchange, null);
    }

    private UpstreamRequest positionsPage(Exchange exchange, String cursor) {
        ListQuery q = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class).query();
        return UpstreamRequest.get(POSITIONS_PATH, UpstreamRequest.query("user", session(exchange).fundingAddress(),
                "market", q.marketId(), "limit", q.limit() == null ? POSITIONS_PAGE_SIZE : q.limit(), "cursor", cursor));
    }

    /**
     * Sends the page requests one after the other through {@code direct:polymarket-data-call} (guarded like
     * every upstream call) until the last page; leaves one response holding every row in the body.
     */
    public void fetchEveryPositionsPage(Exchange exchange) {
        org.apache.camel.ProducerTemplate producer = producer(exchange);
        {
            Object next = exchange.getMessage().getBody();
            while (next instanceof UpstreamRequest) {
                exchange.getMessage().setBody(next);
                producer.send("direct:polymarket-data-call", exchange);
                if (exchange.getException() != null) {
                    return;
                }
                next = collectPositionsPage(exchange);
            }
            exchange.getMessage().setBody(next);
        }
    }

    private volatile org.apache.camel.ProducerTemplate producer;

    private org.apache.camel.ProducerTemplate producer(Exchange exchange) {
        org.apache.camel.ProducerTemplate template = producer;
        if (template == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = exchange.getContext().createProducerTemplate();
                }
                template = producer;
            }
        }
        return template;
    }

    /**
     * Collects one page of {@code /v2/positions} ({@code {"data":[…],"pagination":{"has_more","next_cursor"}}})
     * and answers the request for the next page, or — after the last page — one response holding every row,
     * for the normalizer. Paging stops at {@code has_more: false} / {@code next_cursor: null}; a cursor
     * that repeats or more than {@link #MAX_POSITION_PAGES} pages is an upstream error, never a silent cut.
     */
    public Object collectPositionsPage(Exchange exchange) {
        UpstreamResponse response = exchange.getMessage().getBody(UpstreamResponse.class);
        if (!response.is2xx()) {
            return response;
        }
        com.fasterxml.jackson.databind.JsonNode root = response.json();
        com.fasterxml.jackson.databind.JsonNode data = root == null ? null : root.isArray() ? root : root.get("data");
        if (data == null || !data.isArray()) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        com.fasterxml.jackson.databind.node.ArrayNode rows = exchange.getProperty(POSITION_ROWS,
                com.fasterxml.jackson.databind.node.ArrayNode.class);
        if (rows == null) {
            rows = dev.pmgate.api.Json.mapper().createArrayNode();
            exchange.setProperty(POSITION_ROWS, rows);
        }
        rows.addAll((com.fasterxml.jackson.databind.node.ArrayNode) data);
        com.fasterxml.jackson.databind.JsonNode pagination = root.isObject() ? root.path("pagination") : null;
        String next = pagination == null ? null : pagination.path("next_cursor").asText(null);
        boolean more = pagination != null && pagination.path("has_more").asBoolean(next != null && !next.isEmpty());
        if (!more || next == null || next.isEmpty()) {
            exchange.removeProperty(POSITION_ROWS);
            exchange.removeProperty(POSITION_PAGES);
            return new UpstreamResponse(response.status(), null, rows.toString());
        }
        @SuppressWarnings("unchecked")
        java.util.Set<String> seen = exchange.getProperty(POSITION_PAGES, java.util.Set.class);
        if (seen == null) {
            seen = new java.util.HashSet<>();
            exchange.setProperty(POSITION_PAGES, seen);
        }
        if (!seen.add(next) || seen.size() >= MAX_POSITION_PAGES) {
            throw GatewayException.upstream(ErrorCode.UPSTREAM_ERROR,
                    "Polymarket's positions did not end (repeated cursor or too many pages)", "polymarket", null);
        }
        return positionsPage(exchange, next);
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
