package dev.pmgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/** Normalized order (SPEC §2.2). {@code duplicate} is present only when an idempotent retry found it. */
@JsonPropertyOrder({
    "id",
    "exchange",
    "market_id",
    "outcome",
    "side",
    "price",
    "size",
    "filled",
    "remaining",
    "status",
    "order_type",
    "client_order_id",
    "created_at",
    "updated_at",
    "duplicate"
})
public record Order(
        String id,
        String exchange,
        String marketId,
        String outcome,
        String side,
        BigDecimal price,
        BigDecimal size,
        BigDecimal filled,
        BigDecimal remaining,
        String status,
        String orderType,
        String clientOrderId,
        String createdAt,
        String updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean duplicate) {

    public Order asDuplicate() {
        return new Order(
                id,
                exchange,
                marketId,
                outcome,
                side,
                price,
                size,
                filled,
                remaining,
                status,
                orderType,
                clientOrderId,
                createdAt,
                updatedAt,
                Boolean.TRUE);
    }

    public Order withClientOrderId(String id) {
        return new Order(
                this.id, exchange, marketId, outcome, side, price, size, filled, remaining, status, orderType, id,
                createdAt, updatedAt, duplicate);
    }
}
