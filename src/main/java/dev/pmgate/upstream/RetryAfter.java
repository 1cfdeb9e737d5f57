package dev.pmgate.upstream;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Reads an exchange's Retry-After (seconds or HTTP date), or computes one when absent. */
public final class RetryAfter {

    private RetryAfter() {}

    public static long seconds(String header, long fallback) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        String value = header.trim();
        try {
            return Math.max(1, Math.min(3600, Long.parseLong(value)));
        } catch (NumberFormatException ignored) {
            // not delta-seconds; try an HTTP date
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            long secs =
                    Duration.between(ZonedDateTime.now(when.getZone()), when).toSeconds();
            return Math.max(1, Math.min(3600, secs));
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
