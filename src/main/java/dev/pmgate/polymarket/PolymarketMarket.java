package dev.pmgate.polymarket;

import java.math.BigDecimal;
import java.util.List;

/** Public market metadata (not a credential, so it may be cached): tokens, tick size, neg-risk. */
public record PolymarketMarket(
        String conditionId, List<Token> tokens, BigDecimal tickSize, boolean negRisk, boolean acceptingOrders) {

    public record Token(String tokenId, String outcome) {}
}
