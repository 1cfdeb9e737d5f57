package dev.pmgate.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/** Normalized fill (SPEC §2.2). */
@JsonPropertyOrder({
    "id",
    "exchange",
    "order_id",
    "market_id",
    "outcome",
    "side",
    "price",
    "size",
    "fee",
    "is_taker",
    "created_at"
})
public record Fill(
        String id,
        String exchange,
        String orderId,
        String marketId,
        String outcome,
        String side,
        BigDecimal price,
        BigDecimal size,
        BigDecimal fee,
        Boolean isTaker,
        String createdAt) {}
