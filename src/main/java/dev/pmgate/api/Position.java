package dev.pmgate.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/** Normalized position (SPEC §2.2). */
@JsonPropertyOrder({"exchange", "market_id", "outcome", "size", "average_price", "current_price", "realized_pnl"})
public record Position(
        String exchange,
        String marketId,
        String outcome,
        BigDecimal size,
        BigDecimal averagePrice,
        BigDecimal currentPrice,
        BigDecimal realizedPnl) {}
