package dev.pmgate.kalshi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.api.CreateOrderRequest;
import dev.pmgate.api.CreateOrderRequest.OrderType;
import dev.pmgate.api.Decimals;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.Json;
import dev.pmgate.api.ListQuery;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.upstream.UpstreamRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.camel.ExchangeProperty;

/**
 * Message translator from pmgate requests to Kalshi Trade API v2 calls (V2 event orders for writes,
 * {@code /portfolio/orders} for reads). Buy/sell × Yes/No map onto the single YES book:
 * buy Yes → bid p, sell Yes → ask p, buy No → ask 1−q, sell No → bid 1−q.
 */
public class KalshiRequestTranslator {

    static final String ORDERS = "/portfolio/orders";
    static final String EVENT_ORDERS = "/portfolio/events/orders";

    public UpstreamRequest createOrder(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        CreateOrderRequest order = request.order();
        checkSupported(order);
        boolean yesBook = order.isYes() == (order.side() == CreateOrderRequest.Side.BUY);
        BigDecimal yesPrice = order.isYes() ? order.price() : BigDecimal.ONE.subtract(order.price());
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("ticker", order.marketId());
        body.put("client_order_id", clientOrderId(request));
        body.put("side", yesBook ? "bid" : "ask");
        body.put("price", priceString(yesPrice));
        body.put("count", countString(order.size()));
        body.put("time_in_force", timeInForce(order.orderType()));
        body.put("self_trade_prevention_type", "taker_at_cross");
        if (order.orderType() == OrderType.GTD) {
            body.put("expiration_time", order.expiration());
        }
        if (order.postOnly()) {
            body.put("post_only", true);
        }
        if (order.reduceOnly()) {
            body.put("reduce_only", true);
        }
        return UpstreamRequest.post(EVENT_ORDERS, body.toString());
    }

    /** The caller's id, else one derived from the idempotency key (so a retry collides), else random. */
    static String clientOrderId(GatewayRequest request) {
        if (request.order().clientOrderId() != null) {
            return request.order().clientOrderId();
        }
        if (request.idempotencyKey() != null) {
            return UUID.nameUUIDFromBytes(
                            ("pmgate:kalshi:" + request.idempotencyKey()).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
        return UUID.randomUUID().toString();
    }

    private static void checkSupported(CreateOrderRequest order) {
        boolean immediate = order.orderType() == OrderType.IOC || order.orderType() == OrderType.FOK;
        if (order.postOnly() && immediate) {
            throw new GatewayException(ErrorCode.NOT_SUPPORTED, "post_only cannot be combined with ioc or fok");
        }
        if (order.reduceOnly() && order.orderType() != OrderType.IOC) {
            throw new GatewayException(ErrorCode.NOT_SUPPORTED, "Kalshi accepts reduce_only only with ioc orders");
        }
    }

    static String priceString(BigDecimal yesPrice) {
        BigDecimal p = Decimals.normalize(yesPrice);
        if (p.scale() > 4) {
            throw GatewayException.validation("price", "Kalshi prices have at most 4 decimals");
        }
        return p.setScale(Math.max(2, p.scale())).toPlainString();
    }

    static String countString(BigDecimal size) {
        BigDecimal s = Decimals.normalize(size);
        if (s.scale() > 2) {
            throw GatewayException.validation("size", "Kalshi counts have at most 2 decimals");
        }
        return s.toPlainString();
    }

    private static String timeInForce(OrderType type) {
        return switch (type) {
            case GTC, GTD -> "good_till_canceled";
            case IOC -> "immediate_or_cancel";
            case FOK -> "fill_or_kill";
        };
    }

    public UpstreamRequest listOrders(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        ListQuery q = request.query();
        return UpstreamRequest.get(
                ORDERS,
                UpstreamRequest.query(
                        "ticker",
                        q.marketId(),
                        "status",
                        q.openOnly() ? "resting" : null,
                        "limit",
                        q.limit(),
                        "cursor",
                        q.cursor()));
    }

    public UpstreamRequest getOrder(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        return UpstreamRequest.get(ORDERS + "/" + request.orderId());
    }

    /** Finds the order a duplicate {@code client_order_id} refers to, among the market's orders. */
    public UpstreamRequest findByClientOrderId(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        return UpstreamRequest.get(
                ORDERS, UpstreamRequest.query("ticker", request.order().marketId(), "limit", 1000));
    }

    /** Cancel routes by the order's own market and subaccount, so sharded markets are reached. */
    public UpstreamRequest cancelOrder(@ExchangeProperty(KalshiState.ORDER_TO_CANCEL) KalshiWire.Order order) {
        Integer subaccount =
                order.subaccountNumber() != null && order.subaccountNumber() != 0 ? order.subaccountNumber() : null;
        return UpstreamRequest.delete(
                EVENT_ORDERS + "/" + order.orderId(),
                UpstreamRequest.query("market_ticker", order.ticker(), "subaccount", subaccount),
                null);
    }

    public UpstreamRequest positions(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        ListQuery q = request.query();
        return UpstreamRequest.get(
                "/portfolio/positions",
                UpstreamRequest.query(
                        "ticker",
                        q.marketId(),
                        "count_filter",
                        "position",
                        "limit",
                        q.limit() == null ? 1000 : q.limit(),
                        "cursor",
                        q.cursor()));
    }

    public UpstreamRequest fills(@ExchangeProperty(Pipeline.REQUEST) GatewayRequest request) {
        ListQuery q = request.query();
        return UpstreamRequest.get(
                "/portfolio/fills",
                UpstreamRequest.query(
                        "ticker", q.marketId(), "order_id", q.orderId(), "limit", q.limit(), "cursor", q.cursor()));
    }

    public UpstreamRequest balance() {
        return UpstreamRequest.get("/portfolio/balance");
    }
}
