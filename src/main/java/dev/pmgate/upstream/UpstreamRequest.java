package dev.pmgate.upstream;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One call to an exchange, before signing: method, path below the configured base URL, query
 * parameters and the exact body bytes that will be sent (and, where the exchange signs the body,
 * signed).
 */
public record UpstreamRequest(String method, String path, Map<String, String> query, String body, boolean idempotent) {

    public static UpstreamRequest get(String path, Map<String, String> query) {
        return new UpstreamRequest("GET", path, query, null, true);
    }

    public static UpstreamRequest get(String path) {
        return get(path, Map.of());
    }

    public static UpstreamRequest post(String path, String body) {
        return new UpstreamRequest("POST", path, Map.of(), body, false);
    }

    public static UpstreamRequest delete(String path, Map<String, String> query, String body) {
        return new UpstreamRequest("DELETE", path, query, body, false);
    }

    /** Method and path only: bodies and query values stay out of any log that prints this object. */
    @Override
    public String toString() {
        return "UpstreamRequest[" + method + " " + path + "]";
    }

    /** Query string with every value percent-encoded; {@code null} when there is none. */
    public String encodedQuery() {
        if (query == null || query.isEmpty()) {
            return null;
        }
        return query.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Builder for query maps that keeps insertion order and skips nulls. */
    public static Map<String, String> query(Object... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put(pairs[i].toString(), pairs[i + 1].toString());
            }
        }
        return map;
    }
}
