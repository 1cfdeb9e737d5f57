package dev.pmgate.marketdata;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code "{exchange}:{native id}"}: a Kalshi market ticker or a Polymarket condition id (31- or 32-byte,
 * lower-cased). The native id is checked against the exchange's syntax before any upstream call.
 */
public record ParsecId(String exchange, String nativeId) {

    private static final Pattern KALSHI_TICKER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern CONDITION_ID = Pattern.compile("0x([0-9a-fA-F]{62}|[0-9a-fA-F]{64})");
    static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public static ParsecId parse(String field, String value) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon <= 0) {
            throw GatewayException.validation(field, "must be {exchange}:{market id}");
        }
        String exchange = value.substring(0, colon).toLowerCase(Locale.ROOT);
        String id = value.substring(colon + 1);
        switch (exchange) {
            case "kalshi" -> {
                if (!KALSHI_TICKER.matcher(id).matches()) {
                    throw GatewayException.validation(field, "not a Kalshi market ticker");
                }
                return new ParsecId(exchange, id);
            }
            case "polymarket" -> {
                if (!CONDITION_ID.matcher(id).matches()) {
                    throw GatewayException.validation(field, "not a Polymarket condition id (0x + 64 hex digits)");
                }
                return new ParsecId(exchange, id.toLowerCase(Locale.ROOT));
            }
            default -> throw new GatewayException(ErrorCode.EXCHANGE_NOT_FOUND, "unknown exchange",
                    List.of(field + ": exchange must be kalshi or polymarket"), null, null, null, null);
        }
    }

    public String value() {
        return exchange + ":" + nativeId;
    }

    static GatewayException notFound(String exchange) {
        return new GatewayException(ErrorCode.MARKET_NOT_FOUND, "market not found", List.of(), exchange, null,
                false, null);
    }
}
