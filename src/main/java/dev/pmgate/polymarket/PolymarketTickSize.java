package dev.pmgate.polymarket;

import java.math.BigDecimal;

/**
 * A market's minimum price increment and the decimals the official client rounds to for it
 * ({@code ROUNDING_CONFIG}): price, size (shares) and amount (pUSD = price × size).
 */
public enum PolymarketTickSize {
    TICK_0_1("0.1", 1, 2, 3),
    TICK_0_01("0.01", 2, 2, 4),
    TICK_0_001("0.001", 3, 2, 5),
    TICK_0_0001("0.0001", 4, 2, 6),
    /** Added for CLOB V2 on 2026-07-01. */
    TICK_0_005("0.005", 3, 2, 5),
    /** Added for CLOB V2 on 2026-07-01. */
    TICK_0_0025("0.0025", 4, 2, 6);

    private final BigDecimal value;
    private final int priceDecimals;
    private final int sizeDecimals;
    private final int amountDecimals;

    PolymarketTickSize(String value, int priceDecimals, int sizeDecimals, int amountDecimals) {
        this.value = new BigDecimal(value);
        this.priceDecimals = priceDecimals;
        this.sizeDecimals = sizeDecimals;
        this.amountDecimals = amountDecimals;
    }

    public BigDecimal value() {
        return value;
    }

    public int priceDecimals() {
        return priceDecimals;
    }

    public int sizeDecimals() {
        return sizeDecimals;
    }

    public int amountDecimals() {
        return amountDecimals;
    }

    /** True when {@code price} is a whole multiple of the tick inside {@code [tick, 1 - tick]}. */
    public boolean isValidPrice(BigDecimal price) {
        return price.remainder(value).signum() == 0
                && price.compareTo(value) >= 0
                && price.compareTo(BigDecimal.ONE.subtract(value)) <= 0;
    }

    /** Matches by numeric value, so {@code 0.010} is {@link #TICK_0_01}. */
    public static PolymarketTickSize of(BigDecimal tick) {
        if (tick != null) {
            for (PolymarketTickSize candidate : values()) {
                if (candidate.value.compareTo(tick) == 0) {
                    return candidate;
                }
            }
        }
        throw new IllegalArgumentException("tick_size: unsupported tick size");
    }
}
