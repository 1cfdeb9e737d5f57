package dev.pmgate.kalshi;

/**
 * The state Kalshi's multi-call operations carry between their steps: one named, typed exchange property each.
 * Routes set them by name ({@code setProperty}); the beans read them typed, with
 * {@code @ExchangeProperty(KalshiState.…)}.
 */
final class KalshiState {

    /** {@link KalshiWire.Order}: the order read before a cancel (kalshi-cancel_order). */
    static final String ORDER_TO_CANCEL = "kalshiOrderToCancel";
    /** {@link KalshiPositionPrices.Pricing}: the positions page being priced (kalshi-get_positions). */
    static final String POSITION_PRICING = "kalshiPositionPricing";

    private KalshiState() {}
}
