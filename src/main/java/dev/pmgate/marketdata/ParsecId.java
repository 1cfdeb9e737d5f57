package dev.pmgate.marketdata;

import dev.pmgate.api.GatewayException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code "{exchange}:{market id}"}: the exchange (case-insensitive) and its market id, checked against the
 * exchange's own syntax ({@link PublicMarkets#marketId}) before any upstream call.
 */
record ParsecId(String exchange, String nativeId) {

    /** An event (group) id of any exchange. */
    static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    static ParsecId parse(String field, String value, PublicExchanges exchanges) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon <= 0) {
            throw GatewayException.validation(field, "must be {exchange}:{market id}");
        }
        PublicMarkets markets = exchanges.get(field, value.substring(0, colon).toLowerCase(Locale.ROOT));
        return new ParsecId(markets.exchange(), markets.marketId(field, value.substring(colon + 1)));
    }

    String value() {
        return exchange + ":" + nativeId;
    }
}
