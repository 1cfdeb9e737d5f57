package dev.pmgate.api;

import java.math.BigDecimal;

/**
 * A validated create-order body (SPEC §2.1). Exchange-specific limits (tick grids, decimals on the
 * wire) are checked by each exchange's request translator.
 */
public record CreateOrderRequest(
        String marketId,
        String outcome,
        Side side,
        BigDecimal price,
        BigDecimal size,
        String clientOrderId,
        OrderType orderType,
        Long expiration,
        boolean postOnly,
        boolean reduceOnly,
        String tokenId) {

    public enum Side {
        BUY,
        SELL;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum OrderType {
        GTC,
        GTD,
        IOC,
        FOK;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code true} for the binary outcome "Yes" (case-insensitive). */
    public boolean isYes() {
        return "yes".equalsIgnoreCase(outcome);
    }

    /** {@code true} for the binary outcome "No" (case-insensitive). */
    public boolean isNo() {
        return "no".equalsIgnoreCase(outcome);
    }

    /** Outcome as shown back to the caller: {@code Yes}/{@code No} for binary outcomes, else as given. */
    public String displayOutcome() {
        if (isYes()) {
            return "Yes";
        }
        if (isNo()) {
            return "No";
        }
        return outcome;
    }
}
