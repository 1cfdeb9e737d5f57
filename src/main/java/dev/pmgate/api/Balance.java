package dev.pmgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Normalized cash balance in dollars (SPEC §2.2); {@code raw} only behind {@code ?raw=true}. */
@JsonPropertyOrder({"exchange", "currency", "available", "total", "raw"})
public record Balance(
        String exchange,
        String currency,
        BigDecimal available,
        BigDecimal total,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode raw) {

    public Balance withRaw(JsonNode rawBody) {
        return new Balance(exchange, currency, available, total, rawBody);
    }
}
