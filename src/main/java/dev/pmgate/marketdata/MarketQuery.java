package dev.pmgate.marketdata;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Query parameters of one market-data request, read strictly: a malformed value is a 400 naming the field. */
final class MarketQuery {

    private final Map<String, String> params;

    MarketQuery(Map<String, String> params) {
        this.params = Map.copyOf(params);
    }

    Map<String, String> params() {
        return params;
    }

    String text(String name) {
        String v = params.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    String required(String name) {
        String v = text(name);
        if (v == null) {
            throw new GatewayException(
                    ErrorCode.MISSING_PARAMETER,
                    "missing query parameter " + name,
                    List.of(name + ": required"),
                    null,
                    null,
                    null,
                    null);
        }
        return v;
    }

    /** An integer clamped into [min, max] (Parsec clamps limit and depth); not a number → 400. */
    int clamped(String name, int dflt, int min, int max) {
        String v = text(name);
        if (v == null) {
            return dflt;
        }
        if (!v.matches("-?[0-9]{1,9}")) {
            throw GatewayException.validation(name, "must be an integer");
        }
        return Math.max(min, Math.min(max, Integer.parseInt(v)));
    }

    Long epochSeconds(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        if (!v.matches("[0-9]{1,13}")) {
            throw GatewayException.validation(name, "must be a Unix timestamp in seconds");
        }
        long n = Long.parseLong(v);
        return n > 100_000_000_000L ? n / 1000 : n; // a millisecond value is accepted too
    }

    BigDecimal decimal(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        if (v.length() > 40 || !v.matches("[0-9]+(\\.[0-9]+)?")) {
            throw GatewayException.validation(name, "must be a non-negative decimal number");
        }
        return new BigDecimal(v);
    }

    Boolean bool(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw GatewayException.validation(name, "must be true or false");
        };
    }

    List<String> csv(String name) {
        String v = text(name);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (String part : v.split(",")) {
            if (!part.isBlank() && !out.contains(part.trim())) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** The {@code exchanges} filter: known names only, lower-case, in the given order. */
    List<String> exchanges(PublicExchanges known) {
        List<String> out = new ArrayList<>();
        for (String e : csv("exchanges")) {
            String lower = e.toLowerCase(Locale.ROOT);
            if (!known.contains(lower)) {
                throw known.unknown("exchanges:");
            }
            if (!out.contains(lower)) {
                out.add(lower);
            }
        }
        return out;
    }
}
