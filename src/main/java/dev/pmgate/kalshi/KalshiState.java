package dev.pmgate.kalshi;

import org.apache.camel.Exchange;

/**
 * The state Kalshi's multi-call operations carry between their steps: one named, typed exchange property each.
 * Routes set them by name ({@code setProperty}); Java reads them through the typed getters or
 * {@code @ExchangeProperty}.
 */
final class KalshiState {

    /** {@link KalshiWire.Order}: the order read before a cancel (kalshi-cancel_order). */
    static final String ORDER_TO_CANCEL = "kalshiOrderToCancel";
    /** {@link KalshiPositionPrices.Pricing}: the positions page being priced (kalshi-get_positions). */
    static final String POSITION_PRICING = "kalshiPositionPricing";

    private KalshiState() {
    }

    static KalshiWire.Order orderToCancel(Exchange exchange) {
        return exchange.getProperty(ORDER_TO_CANCEL, KalshiWire.Order.class);
    }

    static KalshiPositionPrices.Pricing positionPricing(Exchange exchange) {
        return exchange.getProperty(POSITION_PRICING, KalshiPositionPrices.Pricing.class);
    }
}
