package dev.pmgate.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One market as its exchange resolved it for the single-market endpoints: the exchange's own market object
 * (read back only by the same exchange, e.g. for its fee), the outcome labels in order, the token each outcome
 * trades as (same order; an exchange without tokens names the market), and when the market opened (null when
 * unknown), which bounds a price history's default window.
 */
public record ResolvedMarket(JsonNode market, List<String> outcomes, List<String> tokenIds, Instant opened) {

    public ResolvedMarket {
        outcomes = List.copyOf(outcomes);
        tokenIds = List.copyOf(tokenIds);
    }
}
