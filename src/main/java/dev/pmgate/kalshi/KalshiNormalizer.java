package dev.pmgate.kalshi;

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
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.upstream.UpstreamResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Normalizer from Kalshi answers to pmgate's models. Every field comes from the exchange's own
 * response (or, for a create, from the request Kalshi accepted plus its answer); what Kalshi does
 * not say is {@code null}.
 */
class KalshiNormalizer {

    private static final String EXCHANGE = KalshiErrorTranslator.EXCHANGE;

    /**
     * Whether Kalshi refused a create as a duplicate {@code client_order_id} (409): a retry of an order that
     * landed, looked up with {@link KalshiRequestTranslator#findByClientOrderId} and read by {@link #duplicateOrder}.
     */
    public boolean isDuplicate(@Body UpstreamResponse response) {
        return response.status() == 409;
    }

    /** The order Kalshi created; not for a duplicate ({@link #isDuplicate}). */
    public GatewayResult createdOrder(
            @Body UpstreamResponse response, @ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        KalshiWire.CreateOrderResponse created = read(response, KalshiWire.CreateOrderResponse.class, true);
        if (created.orderId() == null || created.fillCount() == null || created.remainingCount() == null) {
            throw KalshiErrorTranslator.malformed(response);
        }
        CreateOrderRequest order = request.order();
        BigDecimal filled = Decimals.normalize(created.fillCount());
        BigDecimal remaining = Decimals.normalize(created.remainingCount());
        String time = created.tsMs() == null
                ? null
                : Instant.ofEpochMilli(created.tsMs()).toString();
        String clientOrderId = order.clientOrderId() != null
                ? order.clientOrderId()
                : created.clientOrderId() != null
                        ? created.clientOrderId()
                        : KalshiRequestTranslator.clientOrderId(request);
        return GatewayResult.ok(
                201,
                new Order(
                        created.orderId(),
                        EXCHANGE,
                        order.marketId(),
                        order.displayOutcome(),
                        order.side().wireName(),
                        order.price(),
                        order.size(),
                        filled,
                        remaining,
                        createdStatus(filled, remaining, order.size()),
                        order.orderType().wireName(),
                        clientOrderId,
                        time,
                        time,
                        null));
    }

    private static String createdStatus(BigDecimal filled, BigDecimal remaining, BigDecimal size) {
        if (remaining.signum() > 0) {
            return filled.signum() > 0 ? "partially_filled" : "open";
        }
        return filled.compareTo(size) >= 0 ? "filled" : "cancelled";
    }

    /** The order a duplicate create refers to, if it is the same order; else 409 duplicate_order. */
    public GatewayResult duplicateOrder(
            @Body UpstreamResponse response, @ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        KalshiWire.OrderList list = read(response, KalshiWire.OrderList.class, false);
        String clientOrderId = KalshiRequestTranslator.clientOrderId(request);
        KalshiWire.Order existing = list.orders() == null
                ? null
                : list.orders().stream()
                        .filter(o -> clientOrderId.equals(o.clientOrderId()))
                        .findFirst()
                        .orElse(null);
        if (existing == null || !sameOrder(existing, request.order())) {
            throw new GatewayException(
                    ErrorCode.DUPLICATE_ORDER,
                    "this idempotency key or client_order_id was already used for a different order");
        }
        Order order = order(existing);
        if (request.order().clientOrderId() != null) {
            order = order.withClientOrderId(request.order().clientOrderId());
        }
        return GatewayResult.ok(200, order.asDuplicate());
    }

    private static boolean sameOrder(KalshiWire.Order existing, CreateOrderRequest order) {
        boolean bid = order.isYes() == (order.side() == CreateOrderRequest.Side.BUY);
        BigDecimal yesPrice = order.isYes() ? order.price() : BigDecimal.ONE.subtract(order.price());
        return Objects.equals(existing.ticker(), order.marketId())
                && Objects.equals(existing.bookSide(), bid ? "bid" : "ask")
                && existing.yesPriceDollars() != null
                && existing.yesPriceDollars().compareTo(yesPrice) == 0
                && existing.initialCountFp() != null
                && existing.initialCountFp().compareTo(order.size()) == 0;
    }

    public GatewayResult orders(@Body UpstreamResponse response) {
        KalshiWire.OrderList list = read(response, KalshiWire.OrderList.class, false);
        if (list.orders() == null) {
            throw KalshiErrorTranslator.malformed(response);
        }
        List<Order> orders = list.orders().stream().map(KalshiNormalizer::order).toList();
        return GatewayResult.ok(200, new OrderPage(orders, emptyToNull(list.cursor())));
    }

    public GatewayResult getOrder(@Body UpstreamResponse response) {
        return GatewayResult.ok(200, order(orderEnvelope(response).order()));
    }

    /** Reads the order before a cancel (or an amend); only a resting order can be changed. */
    public KalshiWire.Order orderToCancel(@Body UpstreamResponse response) {
        KalshiWire.Order order = orderEnvelope(response).order();
        if (!"resting".equals(order.status())) {
            throw new GatewayException(ErrorCode.ORDER_NOT_FOUND, "order is no longer open");
        }
        return order;
    }

    public GatewayResult cancelledOrder(
            @Body UpstreamResponse response, @ExchangeProperty(KalshiState.ORDER_TO_CANCEL) KalshiWire.Order before) {
        KalshiWire.CancelOrderResponse cancelled = read(response, KalshiWire.CancelOrderResponse.class, true);
        if (cancelled.orderId() == null || cancelled.reducedBy() == null) {
            throw KalshiErrorTranslator.malformed(response);
        }
        Order prior = order(before);
        BigDecimal remaining = Decimals.normalize(
                prior.remaining().subtract(cancelled.reducedBy()).max(BigDecimal.ZERO));
        String updated = cancelled.tsMs() == null
                ? prior.updatedAt()
                : Instant.ofEpochMilli(cancelled.tsMs()).toString();
        return GatewayResult.ok(
                200,
                new Order(
                        prior.id(),
                        EXCHANGE,
                        prior.marketId(),
                        prior.outcome(),
                        prior.side(),
                        prior.price(),
                        prior.size(),
                        prior.filled(),
                        remaining,
                        "cancelled",
                        prior.orderType(),
                        prior.clientOrderId(),
                        prior.createdAt(),
                        updated,
                        null));
    }

    private static KalshiWire.OrderEnvelope orderEnvelope(UpstreamResponse response) {
        KalshiWire.OrderEnvelope envelope = read(response, KalshiWire.OrderEnvelope.class, true);
        if (envelope.order() == null || envelope.order().orderId() == null) {
            throw KalshiErrorTranslator.malformed(response);
        }
        return envelope;
    }

    static Order order(KalshiWire.Order o) {
        boolean yes = outcomeIsYes(o.outcomeSide(), o.bookSide());
        BigDecimal filled = Decimals.normalize(o.fillCountFp());
        BigDecimal remaining = Decimals.normalize(o.remainingCountFp());
        BigDecimal size = o.initialCountFp() != null
                ? Decimals.normalize(o.initialCountFp())
                : filled != null && remaining != null ? Decimals.normalize(filled.add(remaining)) : null;
        return new Order(
                o.orderId(),
                EXCHANGE,
                o.ticker(),
                yes ? "Yes" : "No",
                "buy",
                Decimals.normalize(yes ? o.yesPriceDollars() : o.noPriceDollars()),
                size,
                filled,
                remaining,
                status(o.status(), filled),
                orderType(o),
                o.clientOrderId(),
                iso(o.createdTime()),
                iso(o.lastUpdateTime()),
                null);
    }

    /** {@code outcome_side} is the exposure the order buys; {@code book_side} carries the same bit. */
    private static boolean outcomeIsYes(String outcomeSide, String bookSide) {
        if (outcomeSide != null) {
            return switch (outcomeSide) {
                case "yes" -> true;
                case "no" -> false;
                default -> throw unknown("outcome_side");
            };
        }
        if (bookSide != null) {
            return switch (bookSide) {
                case "bid" -> true;
                case "ask" -> false;
                default -> throw unknown("book_side");
            };
        }
        throw unknown("outcome_side");
    }

    private static String status(String status, BigDecimal filled) {
        if (status == null) {
            throw unknown("status");
        }
        return switch (status) {
            case "resting" -> filled != null && filled.signum() > 0 ? "partially_filled" : "open";
            case "canceled" -> "cancelled";
            case "executed" -> "filled";
            case "pending" -> "pending";
            default -> throw unknown("status");
        };
    }

    /** Kalshi's Order has no time-in-force; only an expiry or a resting order tells it. */
    private static String orderType(KalshiWire.Order o) {
        if (o.expirationTime() != null) {
            return "gtd";
        }
        return "resting".equals(o.status()) ? "gtc" : null;
    }

    private static GatewayException unknown(String field) {
        return GatewayException.upstream(ErrorCode.UPSTREAM_ERROR, "Kalshi sent an unknown " + field, EXCHANGE, null);
    }

    /** SPEC §8: average_price = market_exposure_dollars / |position_fp| (the position's cost per contract). */
    static Position position(KalshiWire.MarketPosition p, BigDecimal currentPrice) {
        BigDecimal size = p.positionFp().abs();
        BigDecimal average = p.marketExposureDollars() == null
                ? null
                : Decimals.normalize(p.marketExposureDollars().divide(size, 6, RoundingMode.HALF_EVEN));
        return new Position(
                EXCHANGE,
                p.ticker(),
                p.positionFp().signum() > 0 ? "Yes" : "No",
                Decimals.normalize(size),
                average,
                currentPrice,
                Decimals.normalize(p.realizedPnlDollars()));
    }

    public GatewayResult fills(@Body UpstreamResponse response) {
        KalshiWire.FillList list = read(response, KalshiWire.FillList.class, false);
        if (list.fills() == null) {
            throw KalshiErrorTranslator.malformed(response);
        }
        List<Fill> fills = list.fills().stream().map(KalshiNormalizer::fill).toList();
        return GatewayResult.ok(200, new FillPage(fills, emptyToNull(list.cursor())));
    }

    private static Fill fill(KalshiWire.Fill f) {
        boolean yes = outcomeIsYes(f.outcomeSide(), f.bookSide());
        return new Fill(
                f.fillId() != null ? f.fillId() : f.tradeId(),
                EXCHANGE,
                f.orderId(),
                f.ticker() != null ? f.ticker() : f.marketTicker(),
                yes ? "Yes" : "No",
                "buy",
                Decimals.normalize(yes ? f.yesPriceDollars() : f.noPriceDollars()),
                Decimals.normalize(f.countFp()),
                Decimals.normalize(f.feeCost()),
                f.isTaker(),
                iso(f.createdTime()));
    }

    public GatewayResult balance(@Body UpstreamResponse response) {
        KalshiWire.Balance balance = read(response, KalshiWire.Balance.class, true);
        BigDecimal available = balance.balanceDollars() != null
                ? balance.balanceDollars()
                : balance.balance() != null ? BigDecimal.valueOf(balance.balance(), 2) : null;
        if (available == null) {
            throw KalshiErrorTranslator.malformed(response);
        }
        BigDecimal total = balance.portfolioValue() == null
                ? null
                : available.add(BigDecimal.valueOf(balance.portfolioValue(), 2));
        // raw: Kalshi's balance object as received (balance, balance_dollars, portfolio_value, updated_ts)
        return GatewayResult.ok(
                200,
                new Balance(
                        EXCHANGE, "USD", Decimals.normalize(available), Decimals.normalize(total), response.json()));
    }

    /** Reads a 2xx body as {@code type}; a non-2xx becomes the translated SPEC error. */
    static <T> T read(UpstreamResponse response, Class<T> type, boolean orderOperation) {
        if (!response.is2xx()) {
            throw KalshiErrorTranslator.translate(response, orderOperation);
        }
        JsonNode tree = response.json();
        if (tree == null || !tree.isObject() || tree.has("error")) {
            throw KalshiErrorTranslator.malformed(response);
        }
        try {
            return Json.mapper().treeToValue(tree, type);
        } catch (Exception e) {
            throw KalshiErrorTranslator.malformed(response);
        }
    }

    private static String iso(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp).toString();
        } catch (RuntimeException e) {
            try {
                return java.time.OffsetDateTime.parse(timestamp).toInstant().toString();
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }

    static String emptyToNull(String cursor) {
        return cursor == null || cursor.isEmpty() ? null : cursor;
    }
}
