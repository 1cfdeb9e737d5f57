package dev.pmgate.marketdata;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The market and outcome a single-market endpoint ({@code /orderbook}, {@code /trades}, {@code /price-history},
 * {@code /execution-price}) is about: the exchange's market id, the chosen outcome (index, label, token) and the
 * market as the exchange resolved it.
 */
public record MarketTarget(
        String exchange, String marketId, int outcome, String outcomeName, String tokenId, ResolvedMarket resolved) {

    /** {@code "{exchange}:{market id}"}. */
    public String parsecId() {
        return exchange + ":" + marketId;
    }

    /** The exchange's own market object. */
    public JsonNode market() {
        return resolved.market();
    }
}
