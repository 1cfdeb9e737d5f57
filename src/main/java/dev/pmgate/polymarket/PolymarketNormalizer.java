package dev.pmgate.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.Balance;
import dev.pmgate.api.CreateOrderRequest;
import dev.pmgate.api.Decimals;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.Fill;
import dev.pmgate.api.FillPage;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.Order;
import dev.pmgate.api.OrderPage;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.api.Position;
import dev.pmgate.api.PositionList;
import dev.pmgate.polymarket.PolymarketErrorTranslator.Context;
import dev.pmgate.polymarket.PolymarketRequestTranslator.PreparedOrder;
import dev.pmgate.upstream.UpstreamResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Normalizer from CLOB / Data API answers to pmgate's models. Values come from the exchange's own
 * fields; what it does not state is {@code null}.
 */
public class PolymarketNormalizer {

    private static final String EXCHANGE = PolymarketErrorTranslator.EXCHANGE;
    /** The CLOB's end-of-pages cursor: base64 of "-1". */
    static final String END_CURSOR = "LTE=";
    private static final BigDecimal BASE_UNITS = new BigDecimal(1_000_000);

    /** Marker for a create the CLOB refused as a duplicate of an order it already has. */
    public record DuplicateOrder(String orderHash) {
    }

    private final PolymarketMarkets markets;

    public PolymarketNormalizer(PolymarketMarkets markets) {
        this.markets = markets;
    }

    /** {@code GET /clob-markets/{id}}: tokens ({@code t:[{t,o}]}), tick ({@code mts}), neg-risk ({@code nr}). */
    public Object market(Exchange exchange) {
        UpstreamResponse response = response(exchange);
        if (response.status() == 404 || response.status() == 405) {
            // CLOBs without the V2 compact endpoint: the long-standing market object has the same facts
            GatewayRequest request = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class);
            return dev.pmgate.upstream.UpstreamRequest.get("/markets/" + request.order().marketId());
        }
        JsonNode root = read(exchange, Context.MARKET);
        JsonNode tokens = root.get("t");
        if (!root.hasNonNull("c") || tokens == null || !tokens.isArray() || !root.hasNonNull("mts")) {
            throw PolymarketErrorTranslator.malformed(response(exchange));
        }
        List<PolymarketMarket.Token> list = new ArrayList<>();
        for (JsonNode t : tokens) {
            list.add(new PolymarketMarket.Token(t.path("t").asText(), t.path("o").asText()));
        }
        PolymarketMarket market = new PolymarketMarket(root.get("c").asText(), List.copyOf(list),
                root.get("mts").decimalValue(), root.path("nr").asBoolean(false), root.path("ao").asBoolean(true));
        markets.put(market);
        return market;
    }

    /** {@code GET /markets/{id}}: {@code tokens:[{token_id,outcome}]}, {@code minimum_tick_size}, {@code neg_risk}. */
    public PolymarketMarket classicMarket(Exchange exchange) {
        JsonNode root = read(exchange, Context.MARKET);
        JsonNode tokens = root.get("tokens");
        if (!root.hasNonNull("condition_id") || tokens == null || !tokens.isArray() || !root.hasNonNull("minimum_tick_size")) {
            throw PolymarketErrorTranslator.malformed(response(exchange));
        }
        List<PolymarketMarket.Token> list = new ArrayList<>();
        for (JsonNode t : tokens) {
            list.add(new PolymarketMarket.Token(t.path("token_id").asText(), t.path("outcome").asText()));
        }
        PolymarketMarket market = new PolymarketMarket(root.get("condition_id").asText(), List.copyOf(list),
                root.get("minimum_tick_size").decimalValue(), root.path("neg_risk").asBoolean(false),
                root.path("accepting_orders").asBoolean(true));
        markets.put(market);
        return market;
    }

    public Object createdOrder(Exchange exchange) {
        UpstreamResponse response = response(exchange);
        PreparedOrder prepared = exchange.getProperty(Pipeline.STASH, PreparedOrder.class);
        // the refusal may come as {"error": …} (4xx) or as a 2xx {"success": false, "errorMsg": …}: parse() reads both
        String error = PolymarketErrorTranslator.parse(response).message();
        if (error != null && error.toLowerCase(Locale.ROOT).contains("duplicated")) {
            return new DuplicateOrder(prepared.orderHash());
        }
        JsonNode root = read(exchange, Context.ORDER);
        if (!root.path("success").asBoolean(false) || !root.path("errorMsg").asText("").isEmpty()
                || !root.hasNonNull("orderID")) {
            throw PolymarketErrorTranslator.translate(new UpstreamResponse(400, null, response.body()), Context.ORDER);
        }
        GatewayRequest request = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class);
        CreateOrderRequest order = request.order();
        String status = root.path("status").asText("").toLowerCase(Locale.ROOT);
        // accepted statuses (bindings src/clob/order-response.ts): live, matched, delayed; anything else, unmatched
        // included, is a refusal — never an order
        BigDecimal filled = switch (status) {
            case "live", "delayed" -> BigDecimal.ZERO;
            case "matched" -> matchedShares(root, order);
            default -> throw new GatewayException(ErrorCode.VALIDATION_ERROR,
                    "Polymarket did not place the order (status " + PolymarketErrorTranslator.safeStatus(status) + ")",
                    List.of("order: not placed by Polymarket (status " + PolymarketErrorTranslator.safeStatus(status) + ")"),
                    EXCHANGE, new dev.pmgate.api.UpstreamError(response.status(), PolymarketErrorTranslator.safeStatus(status),
                            PolymarketErrorTranslator.parse(response).message()), false, null);
        };
        BigDecimal size = order.size();
        boolean immediate = prepared.orderType() == PolymarketOrderType.FAK || prepared.orderType() == PolymarketOrderType.FOK;
        // a delayed order (even FAK/FOK) has not been matched yet: all of it is still to be decided
        BigDecimal remaining = immediate && !"delayed".equals(status) ? BigDecimal.ZERO
                : size.subtract(filled).max(BigDecimal.ZERO);
        String normalizedStatus = switch (status) {
            case "delayed" -> "pending";
            case "live" -> "open";
            default -> filled.compareTo(size) >= 0 ? "filled"
                    : immediate ? "cancelled" : filled.signum() > 0 ? "partially_filled" : "open";
        };
        return GatewayResult.ok(201, new Order(root.get("orderID").asText(), EXCHANGE, order.marketId(),
                prepared.outcome(), order.side().wireName(), order.price(), size, Decimals.normalize(filled),
                Decimals.normalize(remaining), normalizedStatus, order.orderType().wireName(), order.clientOrderId(),
                signedAt(prepared), null, null));
    }

    /**
     * SPEC §2.2: an accepted order's {@code created_at} is the exchange's own record — for an order just
     * placed, its signed {@code timestamp} (milliseconds; the CLOB stores the field with the order).
     */
    private static String signedAt(PreparedOrder prepared) {
        return prepared.timestampMs() > 0 ? Instant.ofEpochMilli(prepared.timestampMs()).toString() : null;
    }

    /**
     * An order whose identity came from an idempotency key carries a timestamp derived from the key (the
     * same on every retry), not the moment it was placed: its {@code created_at} is read back from the CLOB.
     */
    public boolean needsCreatedAt(Exchange exchange) {
        PreparedOrder prepared = exchange.getProperty(Pipeline.STASH, PreparedOrder.class);
        return prepared != null && prepared.keyDerived()
                && exchange.getIn().getBody() instanceof GatewayResult result && result.status() == 201
                && result.payload() instanceof Order;
    }

    /** The placed order with the CLOB's own {@code created_at}; the signed timestamp stays when the read-back says nothing. */
    public GatewayResult createdAtFromReadBack(Exchange exchange) {
        GatewayResult placed = exchange.getProperty(CREATED_ORDER, GatewayResult.class);
        UpstreamResponse response = response(exchange);
        JsonNode root = response == null || !response.is2xx() ? null : response.json();
        String created = root == null || !root.isObject() ? null : epoch(root.get("created_at"));
        if (created == null) {
            return placed;
        }
        Order o = (Order) placed.payload();
        return GatewayResult.ok(placed.status(), new Order(o.id(), o.exchange(), o.marketId(), o.outcome(), o.side(),
                o.price(), o.size(), o.filled(), o.remaining(), o.status(), o.orderType(), o.clientOrderId(), created,
                o.updatedAt(), o.duplicate()));
    }

    /** Exchange property holding the created order while its {@code created_at} is read back. */
    public static final String CREATED_ORDER = "pmgateCreatedOrder";

    /**
     * Shares matched at placement: taking amount for a buy, making amount for a sell. The CLOB docs
     * show base units and observed answers show decimals; a whole number larger than the order can
     * only be base units (UNCONFIRMED which the live CLOB sends).
     */
    private static BigDecimal matchedShares(JsonNode root, CreateOrderRequest order) {
        JsonNode amount = root.get(order.side() == CreateOrderRequest.Side.BUY ? "takingAmount" : "makingAmount");
        if (amount == null || amount.asText().isBlank()) {
            return BigDecimal.ZERO; // empty amounts mean 0 (bindings OrderResponseAmountSchema)
        }
        BigDecimal value = new BigDecimal(amount.asText().trim());
        if (value.scale() <= 0 && value.compareTo(order.size()) > 0) {
            value = value.divide(BASE_UNITS);
        }
        return value.min(order.size());
    }

    /** Where the pending {@code POST /order} waits while an earlier attempt's order is looked up. */
    public static final String PENDING_POST = "pmgatePolymarketPendingPost";

    /**
     * After looking up the order an attempt before the key's window boundary signed: that order (the
     * retry is a duplicate, answered 200 {@code duplicate: true}) or, when there is none, the pending post.
     */
    public Object previousCandidate(Exchange exchange) {
        UpstreamResponse response = response(exchange);
        JsonNode root = response.is2xx() ? response.json() : null;
        if (response.status() == 404 || (response.is2xx() && (root == null || !root.isObject() || !root.hasNonNull("id")))) {
            return exchange.getProperty(PENDING_POST, dev.pmgate.upstream.UpstreamRequest.class);
        }
        return duplicateOrder(exchange);
    }

    public GatewayResult duplicateOrder(Exchange exchange) {
        Order existing = order(read(exchange, Context.ORDER), response(exchange));
        GatewayRequest request = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class);
        if (request.order().clientOrderId() != null) {
            existing = existing.withClientOrderId(request.order().clientOrderId());
        }
        return GatewayResult.ok(200, existing.asDuplicate());
    }

    public GatewayResult getOrder(Exchange exchange) {
        return GatewayResult.ok(200, order(read(exchange, Context.ORDER), response(exchange)));
    }

    /** Reads the order before a cancel; only a live order can be cancelled. */
    public Order orderToCancel(Exchange exchange) {
        Order order = order(read(exchange, Context.ORDER), response(exchange));
        if (!"open".equals(order.status()) && !"partially_filled".equals(order.status())) {
            throw new GatewayException(ErrorCode.ORDER_NOT_FOUND, "order is no longer open");
        }
        return order;
    }

    public GatewayResult cancelledOrder(Exchange exchange) {
        JsonNode root = read(exchange, Context.ORDER);
        Order before = exchange.getProperty(Pipeline.STASH, Order.class);
        JsonNode canceled = root.get("canceled");
        if (canceled == null || !canceled.isArray()) {
            throw PolymarketErrorTranslator.malformed(response(exchange));
        }
        boolean done = false;
        for (JsonNode id : canceled) {
            done |= id.asText().equalsIgnoreCase(before.id());
        }
        if (!done) {
            throw new GatewayException(ErrorCode.ORDER_NOT_FOUND, "order could not be cancelled (no longer open)");
        }
        return GatewayResult.ok(200, new Order(before.id(), EXCHANGE, before.marketId(), before.outcome(),
                before.side(), before.price(), before.size(), before.filled(), BigDecimal.ZERO, "cancelled",
                before.orderType(), before.clientOrderId(), before.createdAt(), before.updatedAt(), null));
    }

    public GatewayResult orders(Exchange exchange) {
        JsonNode root = read(exchange, Context.OTHER);
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw PolymarketErrorTranslator.malformed(response(exchange));
        }
        List<Order> orders = new ArrayList<>();
        for (JsonNode o : data) {
            orders.add(order(o, response(exchange)));
        }
        return GatewayResult.ok(200, new OrderPage(orders, cursor(root)));
    }

    static Order order(JsonNode o, UpstreamResponse response) {
        if (!o.hasNonNull("id") || !o.hasNonNull("original_size") || !o.hasNonNull("price")) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        BigDecimal size = decimal(o, "original_size");
        BigDecimal matched = o.hasNonNull("size_matched") ? decimal(o, "size_matched") : BigDecimal.ZERO;
        String status = o.path("status").asText("").toUpperCase(Locale.ROOT).replace("ORDER_STATUS_", "");
        String normalized = switch (status) {
            case "LIVE" -> matched.signum() > 0 ? "partially_filled" : "open";
            case "MATCHED" -> "filled";
            case "CANCELED", "CANCELLED", "CANCELED_MARKET_RESOLVED" -> "cancelled";
            case "INVALID" -> "rejected";
            case "DELAYED", "UNMATCHED" -> "pending";
            default -> throw GatewayException.upstream(ErrorCode.UPSTREAM_ERROR, "Polymarket sent an unknown order status",
                    EXCHANGE, null);
        };
        BigDecimal remaining = "LIVE".equals(status) ? size.subtract(matched).max(BigDecimal.ZERO) : BigDecimal.ZERO;
        return new Order(o.get("id").asText(), EXCHANGE, text(o, "market"), text(o, "outcome"), side(o.path("side").asText()),
                decimal(o, "price"), size, Decimals.normalize(matched), Decimals.normalize(remaining), normalized,
                orderType(o.path("order_type").asText(null)), null, epoch(o.get("created_at")), null, null);
    }

    private static String orderType(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "GTC" -> "gtc";
            case "GTD" -> "gtd";
            case "FOK" -> "fok";
            case "FAK" -> "ioc";
            default -> null;
        };
    }

    public GatewayResult fills(Exchange exchange) {
        JsonNode root = read(exchange, Context.OTHER);
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw PolymarketErrorTranslator.malformed(response(exchange));
        }
        PolymarketSession session = PolymarketRequestTranslator.session(exchange);
        Set<String> own = new java.util.HashSet<>(List.of(session.address().toLowerCase(Locale.ROOT),
                session.fundingAddress().toLowerCase(Locale.ROOT)));
        String orderFilter = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class).query().orderId();
        List<Fill> fills = new ArrayList<>();
        for (JsonNode t : data) {
            String created = epoch(t.get("match_time"));
            if ("TAKER".equalsIgnoreCase(t.path("trader_side").asText())
                    && own.contains(t.path("maker_address").asText("").toLowerCase(Locale.ROOT))) {
                fills.add(new Fill(t.path("id").asText(), EXCHANGE, text(t, "taker_order_id"), text(t, "market"),
                        text(t, "outcome"), side(t.path("side").asText()), decimal(t, "price"), decimal(t, "size"), null,
                        true, created));
            } else {
                for (JsonNode m : t.path("maker_orders")) {
                    if (own.contains(m.path("maker_address").asText("").toLowerCase(Locale.ROOT))) {
                        fills.add(new Fill(t.path("id").asText(), EXCHANGE, text(m, "order_id"), text(t, "market"),
                                text(m, "outcome"), m.hasNonNull("side") ? side(m.get("side").asText()) : null,
                                decimal(m, "price"), decimal(m, "matched_amount"), null, false, created));
                    }
                }
            }
        }
        if (orderFilter != null) {
            fills.removeIf(f -> !orderFilter.equalsIgnoreCase(f.orderId()));
        }
        return GatewayResult.ok(200, new FillPage(fills, cursor(root)));
    }

    public GatewayResult balance(Exchange exchange) {
        JsonNode root = read(exchange, Context.OTHER);
        JsonNode balance = root.get("balance");
        if (balance == null || !balance.asText().matches("[0-9]{1,40}")) {
            throw PolymarketErrorTranslator.malformed(response(exchange));
        }
        BigDecimal available = Decimals.normalize(new BigDecimal(balance.asText()).divide(BASE_UNITS));
        // raw: the CLOB's balance-allowance object as received ({balance, allowances}: amounts and contract addresses)
        return GatewayResult.ok(200, new Balance(EXCHANGE, "USD", available, null, root));
    }

    public GatewayResult positions(Exchange exchange) {
        UpstreamResponse response = response(exchange);
        if (!response.is2xx()) {
            throw PolymarketErrorTranslator.translate(response, Context.OTHER);
        }
        JsonNode root = response.json();
        if (root == null || !root.isArray()) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        List<Position> positions = new ArrayList<>();
        for (JsonNode p : root) {
            BigDecimal size = decimal(p, "size");
            if (size == null || size.signum() == 0) {
                continue;
            }
            // Data API v2 rows may be snake_case (as its /v2/trades rows are): read both spellings
            positions.add(new Position(EXCHANGE, text(p, either(p, "conditionId", "condition_id")), text(p, "outcome"), size,
                    decimal(p, either(p, "avgPrice", "avg_price")), decimal(p, either(p, "curPrice", "cur_price")),
                    decimal(p, either(p, "realizedPnl", "realized_pnl"))));
        }
        return GatewayResult.ok(200, new PositionList(positions));
    }

    private static String either(JsonNode node, String camel, String snake) {
        return node.has(camel) ? camel : snake;
    }

    private static UpstreamResponse response(Exchange exchange) {
        return exchange.getIn().getBody(UpstreamResponse.class);
    }

    /** A 2xx JSON object, or the translated error. */
    private static JsonNode read(Exchange exchange, Context context) {
        UpstreamResponse response = response(exchange);
        if (!response.is2xx()) {
            throw PolymarketErrorTranslator.translate(response, context);
        }
        JsonNode root = response.json();
        if (root == null || !root.isObject() || root.hasNonNull("error")) {
            throw PolymarketErrorTranslator.translate(new UpstreamResponse(502, null, response.body()), context);
        }
        return root;
    }


    private static String cursor(JsonNode root) {
        String next = root.path("next_cursor").asText(null);
        return next == null || next.isEmpty() || END_CURSOR.equals(next) ? null : next;
    }

    private static String side(String side) {
        return switch (side == null ? "" : side.toUpperCase(Locale.ROOT)) {
            case "BUY" -> "buy";
            case "SELL" -> "sell";
            default -> throw GatewayException.upstream(ErrorCode.UPSTREAM_ERROR, "Polymarket sent an unknown side",
                    EXCHANGE, null);
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return null;
        }
        try {
            return Decimals.normalize(v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim()));
        } catch (NumberFormatException e) {
            throw GatewayException.upstream(ErrorCode.UPSTREAM_ERROR, "Polymarket sent a malformed number", EXCHANGE, null);
        }
    }

    /** Unix seconds (number or string) → ISO-8601 UTC. */
    private static String epoch(JsonNode value) {
        if (value == null || value.isNull() || !value.asText().matches("[0-9]{1,13}")) {
            return null;
        }
        long n = Long.parseLong(value.asText());
        return (n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n)).toString();
    }
}
