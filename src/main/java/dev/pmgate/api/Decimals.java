package dev.pmgate.api;

import java.math.BigDecimal;

/** Small exact-decimal helpers shared by the normalizers. */
public final class Decimals {

    private Decimals() {}

    /** Parses an exchange decimal string exactly; {@code null} stays {@code null}. */
    public static BigDecimal parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return normalize(new BigDecimal(value.trim()));
    }

    /** Drops trailing zeros without ever producing exponent notation (scale never below 0). */
    public static BigDecimal normalize(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static int decimalPlaces(BigDecimal value) {
        return Math.max(0, normalize(value).scale());
    }
}
