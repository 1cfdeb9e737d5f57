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
import dev.pmgate.api.Json;
import dev.pmgate.api.Order;
import dev.pmgate.api.OrderPage;
import dev.pmgate.api.Position;
import dev.pmgate.api.PositionList;
import dev.pmgate.api.UpstreamError;
import dev.pmgate.credentials.TrackedSession;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.polymarket.PolymarketErrorTranslator.Context;
import dev.pmgate.polymarket.PolymarketRequestTranslator.PreparedOrder;
import dev.pmgate.upstream.UpstreamResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Normalizer from CLOB / Data API answers ({@link PolymarketWire}) to pmgate's models. Values come from the
 * exchange's own fields; what it does not state is {@code null}. Each method takes the answer and the state
 * it needs, never the Camel exchange.
 */
class PolymarketNormalizer {

    private static final String EXCHANGE = PolymarketModule.NAME.wireName();
    /** The CLOB's end-of-pages cursor: base64 of "-1". */
    static final String END_CURSOR = "LTE=";

    private static final BigDecimal BASE_UNITS = new BigDecimal(1_000_000);

    /** Marker for a create the CLOB refused as a duplicate of an order it already has. */
    record DuplicateOrder(String orderHash) {}

    private final PolymarketMarkets markets;

    PolymarketNormalizer(PolymarketMarkets markets) {
        this.markets = markets;
    }

    /**
     * {@code GET /clob-markets/{id}}: tokens ({@code t:[{t,o}]}), tick ({@code mts}), neg-risk ({@code nr});
     * {@code null} when this CLOB has no compact endpoint (404/405: the classic market object is read instead).
     */
    public PolymarketMarket market(@Body UpstreamResponse response) {
        if (response.status() == 404 || response.status() == 405) {
            return null;
        }
        PolymarketWire.CompactMarket wire = read(response, Context.MARKET, PolymarketWire.CompactMarket.class);
        if (wire.c() == null || wire.t() == null || wire.mts() == null) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        List<PolymarketMarket.Token> list = new ArrayList<>();
        for (PolymarketWire.CompactToken t : wire.t()) {
            list.add(new PolymarketMarket.Token(text(t == null ? null : t.t()), text(t == null ? null : t.o())));
        }
        return remember(new PolymarketMarket(
                wire.c(),
                List.copyOf(list),
                tick(wire.mts(), response),
                Boolean.TRUE.equals(wire.nr()),
                !Boolean.FALSE.equals(wire.ao())));
    }

    /** {@code GET /markets/{id}}: {@code tokens:[{token_id,outcome}]}, {@code minimum_tick_size}, {@code neg_risk}. */
    public PolymarketMarket classicMarket(@Body UpstreamResponse response) {
        PolymarketWire.ClassicMarket wire = read(response, Context.MARKET, PolymarketWire.ClassicMarket.class);
        if (wire.conditionId() == null || wire.tokens() == null || wire.minimumTickSize() == null) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        List<PolymarketMarket.Token> list = new ArrayList<>();
        for (PolymarketWire.ClassicToken t : wire.tokens()) {
            list.add(new PolymarketMarket.Token(
                    text(t == null ? null : t.tokenId()), text(t == null ? null : t.outcome())));
        }
        return remember(new PolymarketMarket(
                wire.conditionId(),
                List.copyOf(list),
                tick(wire.minimumTickSize(), response),
                Boolean.TRUE.equals(wire.negRisk()),
                !Boolean.FALSE.equals(wire.acceptingOrders())));
    }

    private PolymarketMarket remember(PolymarketMarket market) {
        markets.put(market);
        return market;
    }

    private static BigDecimal tick(String value, UpstreamResponse response) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw PolymarketErrorTranslator.malformed(response);
        }
    }

    /** The answer to {@code POST /order}: the placed order, or a {@link DuplicateOrder} to look up. */
    public Object createdOrder(
            @Body UpstreamResponse response,
            @ExchangeProperty(PolymarketState.PREPARED_ORDER) PreparedOrder prepared,
            @ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        // the refusal may come as {"error": …} (4xx) or as a 2xx {"success": false, "errorMsg": …}: parse() reads both
        String error = PolymarketErrorTranslator.parse(response).message();
        if (error != null && error.toLowerCase(Locale.ROOT).contains("duplicated")) {
            return new DuplicateOrder(prepared.orderHash());
        }
        PolymarketWire.PostOrderResponse root = read(response, Context.ORDER, PolymarketWire.PostOrderResponse.class);
        if (!Boolean.TRUE.equals(root.success())
                || !(root.errorMsg() == null || root.errorMsg().isEmpty())
                || root.orderId() == null) {
            throw PolymarketErrorTranslator.translate(new UpstreamResponse(400, null, response.body()), Context.ORDER);
        }
        CreateOrderRequest order = request.order();
        String status = Objects.toString(root.status(), "").toLowerCase(Locale.ROOT);
        // accepted statuses (bindings src/clob/order-response.ts): live, matched, delayed; anything else, unmatched
        // included, is a refusal — never an order
        BigDecimal filled = switch (status) {
            case "live", "delayed" -> BigDecimal.ZERO;
            case "matched" -> matchedShares(root, order);
            default ->
                throw new GatewayException(
                        ErrorCode.VALIDATION_ERROR,
                        "Polymarket did not place the order (status " + PolymarketErrorTranslator.safeStatus(status)
                                + ")",
                        List.of("order: not placed by Polymarket (status "
                                + PolymarketErrorTranslator.safeStatus(status) + ")"),
                        EXCHANGE,
                        new UpstreamError(
                                response.status(),
                                PolymarketErrorTranslator.safeStatus(status),
                                PolymarketErrorTranslator.parse(response).message()),
                        false,
                        null);
        };
        BigDecimal size = order.size();
        boolean immediate =
                prepared.orderType() == PolymarketOrderType.FAK || prepared.orderType() == PolymarketOrderType.FOK;
        // a delayed order (even FAK/FOK) has not been matched yet: all of it is still to be decided
        BigDecimal remaining = immediate && !"delayed".equals(status)
                ? BigDecimal.ZERO
                : size.subtract(filled).max(BigDecimal.ZERO);
        String normalizedStatus = switch (status) {
            case "delayed" -> "pending";
            case "live" -> "open";
            default ->
                filled.compareTo(size) >= 0
                        ? "filled"
                        : immediate ? "cancelled" : filled.signum() > 0 ? "partially_filled" : "open";
        };
        return GatewayResult.ok(
                201,
                new Order(
                        root.orderId(),
                        EXCHANGE,
                        order.marketId(),
                        prepared.outcome(),
                        order.side().wireName(),
                        order.price(),
                        size,
                        Decimals.normalize(filled),
                        Decimals.normalize(remaining),
                        normalizedStatus,
                        order.orderType().wireName(),
                        order.clientOrderId(),
                        signedAt(prepared),
                        null,
                        null));
    }

    /** Whether the create's answer is the CLOB's duplicate refusal (the existing order is then looked up). */
    public boolean isDuplicate(@Body Object answer) {
        return answer instanceof DuplicateOrder;
    }

    /**
     * SPEC §2.2: an accepted order's {@code created_at} is the exchange's own record — for an order just
     * placed, its signed {@code timestamp} (milliseconds; the CLOB stores the field with the order).
     */
    private static String signedAt(PreparedOrder prepared) {
        return prepared.timestampMs() > 0
                ? Instant.ofEpochMilli(prepared.timestampMs()).toString()
                : null;
    }

    /**
     * An order whose identity came from an idempotency key carries a timestamp derived from the key (the
     * same on every retry), not the moment it was placed: its {@code created_at} is read back from the CLOB.
     */
    public boolean needsCreatedAt(
            @ExchangeProperty(PolymarketState.PREPARED_ORDER) PreparedOrder prepared, @Body Object answer) {
        return prepared != null
                && prepared.keyDerived()
                && answer instanceof GatewayResult result
                && result.status() == 201
                && result.payload() instanceof Order;
    }

    /** The placed order with the CLOB's own {@code created_at}; the signed timestamp stays when the read-back says nothing. */
    public GatewayResult createdAtFromReadBack(
            @Body UpstreamResponse response, @ExchangeProperty(PolymarketState.CREATED_ORDER) GatewayResult placed) {
        JsonNode root = response == null || !response.is2xx() ? null : response.json();
        String created = root == null || !root.isObject() || !root.hasNonNull("created_at")
                ? null
                : epoch(root.get("created_at").asText());
        if (created == null) {
            return placed;
        }
        Order o = (Order) placed.payload();
        return GatewayResult.ok(
                placed.status(),
                new Order(
                        o.id(),
                        o.exchange(),
                        o.marketId(),
                        o.outcome(),
                        o.side(),
                        o.price(),
                        o.size(),
                        o.filled(),
                        o.remaining(),
                        o.status(),
                        o.orderType(),
                        o.clientOrderId(),
                        created,
                        o.updatedAt(),
                        o.duplicate()));
    }

    /**
     * Shares matched at placement: taking amount for a buy, making amount for a sell. The CLOB docs
     * show base units and observed answers show decimals; a whole number larger than the order can
     * only be base units (UNCONFIRMED which the live CLOB sends).
     */
    private static BigDecimal matchedShares(PolymarketWire.PostOrderResponse root, CreateOrderRequest order) {
        String amount = order.side() == CreateOrderRequest.Side.BUY ? root.takingAmount() : root.makingAmount();
        if (amount == null || amount.isBlank()) {
            return BigDecimal.ZERO; // empty amounts mean 0 (bindings OrderResponseAmountSchema)
        }
        BigDecimal value = new BigDecimal(amount.trim());
        if (value.scale() <= 0 && value.compareTo(order.size()) > 0) {
            value = value.divide(BASE_UNITS);
        }
        return value.min(order.size());
    }

    /**
     * After looking up the order an attempt before the key's window boundary signed: that order (the
     * retry is a duplicate, answered 200 {@code duplicate: true}), or {@code null} when there is none (then
     * the order is posted).
     */
    public GatewayResult earlierAttempt(
            @Body UpstreamResponse response, @ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        JsonNode root = response.is2xx() ? response.json() : null;
        if (response.status() == 404
                || (response.is2xx() && (root == null || !root.isObject() || !root.hasNonNull("id")))) {
            return null;
        }
        return duplicateOrder(response, request);
    }

    public GatewayResult duplicateOrder(
            @Body UpstreamResponse response, @ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        Order existing = order(read(response, Context.ORDER, PolymarketWire.OpenOrder.class), response);
        if (request.order().clientOrderId() != null) {
            existing = existing.withClientOrderId(request.order().clientOrderId());
        }
        return GatewayResult.ok(200, existing.asDuplicate());
    }

    public GatewayResult getOrder(@Body UpstreamResponse response) {
        return GatewayResult.ok(200, order(read(response, Context.ORDER, PolymarketWire.OpenOrder.class), response));
    }

    /** Reads the order before a cancel; only a live order can be cancelled. */
    public Order orderToCancel(@Body UpstreamResponse response) {
        Order order = order(read(response, Context.ORDER, PolymarketWire.OpenOrder.class), response);
        if (!isLive(order)) {
            throw new GatewayException(ErrorCode.ORDER_NOT_FOUND, "order is no longer open");
        }
        return order;
    }

    static boolean isLive(Order order) {
        return "open".equals(order.status()) || "partially_filled".equals(order.status());
    }

    public GatewayResult cancelledOrder(
            @Body UpstreamResponse response, @ExchangeProperty(PolymarketState.ORDER_TO_CANCEL) Order before) {
        PolymarketWire.CancelResponse root = read(response, Context.ORDER, PolymarketWire.CancelResponse.class);
        if (root.canceled() == null) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        boolean done = root.canceled().stream().anyMatch(id -> before.id().equalsIgnoreCase(id));
        if (!done) {
            throw new GatewayException(ErrorCode.ORDER_NOT_FOUND, "order could not be cancelled (no longer open)");
        }
        return GatewayResult.ok(200, cancelled(before));
    }

    /** The order as it is once cancelled: nothing remains. */
    static Order cancelled(Order before) {
        return new Order(
                before.id(),
                EXCHANGE,
                before.marketId(),
                before.outcome(),
                before.side(),
                before.price(),
                before.size(),
                before.filled(),
                BigDecimal.ZERO,
                "cancelled",
                before.orderType(),
                before.clientOrderId(),
                before.createdAt(),
                before.updatedAt(),
                null);
    }

    /** Adds one CLOB page of open orders to those read for this list page. */
    public void ordersPage(
            @Body UpstreamResponse response,
            @ExchangeProperty(PolymarketState.ORDER_PAGES) PolymarketOrderPages pages) {
        PolymarketWire.OrderPage page = orderPage(response);
        List<Order> orders = new ArrayList<>();
        for (PolymarketWire.OpenOrder o : page.data()) {
            orders.add(order(o, response));
        }
        pages.add(orders, cursor(page.nextCursor()));
    }

    /** The list page: at most the caller's limit, and pmgate's cursor of the next page. */
    public GatewayResult orders(@ExchangeProperty(PolymarketState.ORDER_PAGES) PolymarketOrderPages pages) {
        return GatewayResult.ok(200, new OrderPage(List.copyOf(pages.orders()), pages.nextCursor()));
    }

    /** One page of {@code GET /data/orders}, its rows present. */
    static PolymarketWire.OrderPage orderPage(UpstreamResponse response) {
        PolymarketWire.OrderPage page = read(response, Context.OTHER, PolymarketWire.OrderPage.class);
        if (page.data() == null) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        return page;
    }

    static Order order(PolymarketWire.OpenOrder o, UpstreamResponse response) {
        if (o == null || o.id() == null || o.originalSize() == null || o.price() == null) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        BigDecimal size = decimal(o.originalSize());
        BigDecimal matched = o.sizeMatched() != null ? decimal(o.sizeMatched()) : BigDecimal.ZERO;
        String status =
                Objects.toString(o.status(), "").toUpperCase(Locale.ROOT).replace("ORDER_STATUS_", "");
        String normalized = switch (status) {
            case "LIVE" -> matched.signum() > 0 ? "partially_filled" : "open";
            case "MATCHED" -> "filled";
            case "CANCELED", "CANCELLED", "CANCELED_MARKET_RESOLVED" -> "cancelled";
            case "INVALID" -> "rejected";
            case "DELAYED", "UNMATCHED" -> "pending";
            default ->
                throw GatewayException.upstream(
                        ErrorCode.UPSTREAM_ERROR, "Polymarket sent an unknown order status", EXCHANGE, null);
        };
        BigDecimal remaining = "LIVE".equals(status) ? size.subtract(matched).max(BigDecimal.ZERO) : BigDecimal.ZERO;
        return new Order(
                o.id(),
                EXCHANGE,
                o.market(),
                o.outcome(),
                side(o.side()),
                decimal(o.price()),
                size,
                Decimals.normalize(matched),
                Decimals.normalize(remaining),
                normalized,
                orderType(o.orderType()),
                null,
                epoch(o.createdAt()),
                null,
                null);
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

    /** {@code GET /data/trades}: the caller's side of each trade (as taker, or each of its maker orders). */
    public GatewayResult fills(
            @Body UpstreamResponse response,
            @ExchangeProperty(Pipeline.SESSION) TrackedSession tracked,
            @ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        return fills(response, PolymarketState.session(tracked), request.query().orderId());
    }

    GatewayResult fills(UpstreamResponse response, PolymarketSession session, String orderFilter) {
        PolymarketWire.TradePage page = read(response, Context.OTHER, PolymarketWire.TradePage.class);
        if (page.data() == null) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        Set<String> own = new HashSet<>(List.of(
                session.address().toLowerCase(Locale.ROOT),
                session.fundingAddress().toLowerCase(Locale.ROOT)));
        List<Fill> fills = new ArrayList<>();
        for (PolymarketWire.Trade t : page.data()) {
            if (t == null) {
                continue;
            }
            String id = Objects.toString(t.id(), "");
            String created = epoch(t.matchTime());
            if ("TAKER".equalsIgnoreCase(t.traderSide()) && own.contains(lower(t.makerAddress()))) {
                fills.add(new Fill(
                        id,
                        EXCHANGE,
                        t.takerOrderId(),
                        t.market(),
                        t.outcome(),
                        side(t.side()),
                        decimal(t.price()),
                        decimal(t.size()),
                        null,
                        true,
                        created));
            } else if (t.makerOrders() != null) {
                for (PolymarketWire.MakerOrder m : t.makerOrders()) {
                    if (m != null && own.contains(lower(m.makerAddress()))) {
                        fills.add(new Fill(
                                id,
                                EXCHANGE,
                                m.orderId(),
                                t.market(),
                                m.outcome(),
                                m.side() != null ? side(m.side()) : null,
                                decimal(m.price()),
                                decimal(m.matchedAmount()),
                                null,
                                false,
                                created));
                    }
                }
            }
        }
        if (orderFilter != null) {
            fills.removeIf(f -> !orderFilter.equalsIgnoreCase(f.orderId()));
        }
        return GatewayResult.ok(200, new FillPage(fills, cursor(page.nextCursor())));
    }

    private static String lower(String address) {
        return address == null ? "" : address.toLowerCase(Locale.ROOT);
    }

    /** {@code GET /balance-allowance}: collateral in base units; raw is the CLOB's object as received. */
    public GatewayResult balance(@Body UpstreamResponse response) {
        JsonNode root = readTree(response, Context.OTHER);
        PolymarketWire.BalanceAllowance wire = bind(root, PolymarketWire.BalanceAllowance.class, response);
        if (wire.balance() == null || !wire.balance().matches("[0-9]{1,40}")) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        BigDecimal available = Decimals.normalize(new BigDecimal(wire.balance()).divide(BASE_UNITS));
        return GatewayResult.ok(200, new Balance(EXCHANGE, "USD", available, null, root));
    }

    /** Adds one Data API positions page to those read so far (an error answer is translated). */
    public void positionsPage(
            @Body UpstreamResponse response,
            @ExchangeProperty(PolymarketState.POSITION_PAGES) PolymarketPositionPages pages) {
        if (!response.is2xx()) {
            throw PolymarketErrorTranslator.translate(response, Context.OTHER);
        }
        JsonNode root = response.json();
        JsonNode data = root == null ? null : root.isArray() ? root : root.get("data");
        if (data == null || !data.isArray()) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        List<PolymarketWire.Position> rows = new ArrayList<>();
        for (JsonNode row : data) {
            rows.add(bind(row, PolymarketWire.Position.class, response));
        }
        JsonNode pagination = root.isObject() ? root.path("pagination") : null;
        String next = pagination == null ? null : pagination.path("next_cursor").asText(null);
        boolean more = pagination != null && pagination.path("has_more").asBoolean(next != null && !next.isEmpty());
        pages.add(rows, more ? next : null);
    }

    /** Every position read, the empty ones left out. */
    public GatewayResult positions(@ExchangeProperty(PolymarketState.POSITION_PAGES) PolymarketPositionPages pages) {
        List<Position> positions = new ArrayList<>();
        for (PolymarketWire.Position p : pages.rows()) {
            BigDecimal size = decimal(p.size());
            if (size == null || size.signum() == 0) {
                continue;
            }
            positions.add(new Position(
                    EXCHANGE,
                    p.conditionId(),
                    p.outcome(),
                    size,
                    decimal(p.avgPrice()),
                    decimal(p.curPrice()),
                    decimal(p.realizedPnl())));
        }
        return GatewayResult.ok(200, new PositionList(positions));
    }

    /** A 2xx JSON object, bound to its wire record, or the translated error. */
    static <T> T read(UpstreamResponse response, Context context, Class<T> type) {
        return bind(readTree(response, context), type, response);
    }

    /** A 2xx JSON object, or the translated error. */
    private static JsonNode readTree(UpstreamResponse response, Context context) {
        if (!response.is2xx()) {
            throw PolymarketErrorTranslator.translate(response, context);
        }
        JsonNode root = response.json();
        if (root == null || !root.isObject() || root.hasNonNull("error")) {
            throw PolymarketErrorTranslator.translate(new UpstreamResponse(502, null, response.body()), context);
        }
        return root;
    }

    private static <T> T bind(JsonNode node, Class<T> type, UpstreamResponse response) {
        try {
            T value = Json.mapper().treeToValue(node, type);
            if (value == null) {
                throw PolymarketErrorTranslator.malformed(response);
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw PolymarketErrorTranslator.malformed(response);
        }
    }

    /** The CLOB's next cursor, {@code null} at the end. */
    static String cursor(String next) {
        return next == null || next.isEmpty() || END_CURSOR.equals(next) ? null : next;
    }

    private static String side(String side) {
        return switch (side == null ? "" : side.toUpperCase(Locale.ROOT)) {
            case "BUY" -> "buy";
            case "SELL" -> "sell";
            default ->
                throw GatewayException.upstream(
                        ErrorCode.UPSTREAM_ERROR, "Polymarket sent an unknown side", EXCHANGE, null);
        };
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static BigDecimal decimal(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Decimals.normalize(new BigDecimal(value.trim()));
        } catch (NumberFormatException e) {
            throw GatewayException.upstream(
                    ErrorCode.UPSTREAM_ERROR, "Polymarket sent a malformed number", EXCHANGE, null);
        }
    }

    /** Unix seconds or milliseconds (number or string) → ISO-8601 UTC. */
    private static String epoch(String value) {
        if (value == null || !value.matches("[0-9]{1,13}")) {
            return null;
        }
        long n = Long.parseLong(value);
        return (n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n)).toString();
    }
}
