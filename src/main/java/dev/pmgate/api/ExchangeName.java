package dev.pmgate.api;

import java.util.Locale;

/** The exchanges pmgate fronts. */
public enum ExchangeName {
    KALSHI, POLYMARKET;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExchangeName parse(String value) {
        if (value == null || value.isBlank()) {
            throw new GatewayException(ErrorCode.MISSING_PARAMETER, "query parameter exchange is required",
                    java.util.List.of("exchange: required (kalshi or polymarket)"), null, null, null, null);
        }
        for (ExchangeName e : values()) {
            if (e.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new GatewayException(ErrorCode.EXCHANGE_NOT_FOUND, "unknown exchange",
                java.util.List.of("exchange: must be kalshi or polymarket"), null, null, null, null);
    }
}
