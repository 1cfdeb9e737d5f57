package dev.pmgate.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Wire formatting the way Kalshi writes numbers and times. All amounts are BigDecimal. */
final class KalshiFormat {
    private static final DateTimeFormatter RFC3339_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private KalshiFormat() {}

    /** Contract counts: always 2 decimals ({@code "1.00"}). */
    static String count(BigDecimal v) {
        return v.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Prices: 4 decimals ({@code "0.5200"}). */
    static String price(BigDecimal v) {
        return v.setScale(4, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Costs and fees: 6 decimals ({@code "0.520000"}). */
    static String dollars6(BigDecimal v) {
        return v.setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Averages (average_fill_price, average_fee_paid): at least 4, at most 6 decimals. */
    static String average(BigDecimal v) {
        BigDecimal six = v.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return six.setScale(Math.max(4, six.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Balances: centi-cent (4 decimals), more only if the exact value needs them. */
    static String balance(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return v.setScale(Math.max(4, s.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Whole cents, sub-cent truncated (the int {@code balance} field). */
    static long cents(BigDecimal dollars) {
        return dollars.movePointRight(2).setScale(0, RoundingMode.DOWN).longValueExact();
    }

    /** RFC 3339 with microseconds, UTC ({@code 2026-06-11T06:29:20.866753Z}). */
    static String time(Instant t) {
        return RFC3339_MICROS.format(t.truncatedTo(ChronoUnit.MICROS));
    }
}
