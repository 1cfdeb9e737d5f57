package dev.pmgate.kalshi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the three {@code KALSHI-ACCESS-*} headers: the signature covers
 * {@code timestamp_ms + METHOD + path}, where the path includes the API prefix and excludes the query.
 */
public final class KalshiSigner {

    public static final String ACCESS_KEY = "KALSHI-ACCESS-KEY";
    public static final String ACCESS_SIGNATURE = "KALSHI-ACCESS-SIGNATURE";
    public static final String ACCESS_TIMESTAMP = "KALSHI-ACCESS-TIMESTAMP";

    private KalshiSigner() {}

    public static String preSignText(long timestampMs, String method, String pathWithoutQuery) {
        return timestampMs + method.toUpperCase(java.util.Locale.ROOT) + pathWithoutQuery;
    }

    public static Map<String, String> headers(KalshiSession session, long timestampMs, String method, String path) {
        int query = path.indexOf('?');
        String signedPath = query >= 0 ? path.substring(0, query) : path;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ACCESS_KEY, session.apiKeyId());
        headers.put(ACCESS_SIGNATURE, session.key().sign(preSignText(timestampMs, method, signedPath)));
        headers.put(ACCESS_TIMESTAMP, Long.toString(timestampMs));
        return headers;
    }
}
