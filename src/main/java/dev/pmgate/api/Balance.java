package dev.pmgate.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Normalized cash balance in dollars (SPEC §2.2) with {@code raw}, the exchange's balance object exactly as
 * received (always present since 2026-12-04: the Parsec SDK's balance model requires it).
 */
@JsonPropertyOrder({"exchange", "currency", "available", "total", "raw"})
public record Balance(String exchange, String currency, BigDecimal available, BigDecimal total, JsonNode raw) {}
