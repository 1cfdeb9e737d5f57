package dev.pmgate.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.Decimals;
import dev.pmgate.api.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;

/** Reading exchange JSON leniently but exactly: decimals from strings or numbers, dates in several forms. */
public final class Wire {

    private static final DateTimeFormatter SPACE_OFFSET = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .appendPattern("X")
            .toFormatter();

    private Wire() {}

    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    /** A decimal from a JSON string or number, exactly; absent, empty or malformed → null. */
    public static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return decimal(v);
    }

    public static BigDecimal decimal(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            if (v.isNumber()) {
                return Decimals.normalize(v.decimalValue());
            }
            return Decimals.parse(v.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static boolean bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && (v.isBoolean() ? v.booleanValue() : "true".equalsIgnoreCase(v.asText()));
    }

    /** Gamma's JSON-encoded string arrays ({@code "[\"Yes\", \"No\"]"}), or a real array. */
    public static List<String> stringArray(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        JsonNode array = v;
        if (v.isTextual()) {
            try {
                array = Json.mapper().readTree(v.asText());
            } catch (Exception e) {
                return out;
            }
        }
        if (array != null && array.isArray()) {
            array.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    /** An ISO-8601 UTC instant from RFC 3339, "yyyy-MM-dd HH:mm:ss+00" or a date; unparseable → null. */
    public static String iso(String value) {
        Instant i = instant(value);
        return i == null ? null : i.toString();
    }

    public static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (Exception ignored) {
            // other forms below
        }
        try {
            return OffsetDateTime.parse(value, SPACE_OFFSET).toInstant();
        } catch (Exception ignored) {
            // other forms below
        }
        try {
            return java.time.LocalDate.parse(value)
                    .atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant();
        } catch (Exception ignored) {
            return null;
        }
    }
}
