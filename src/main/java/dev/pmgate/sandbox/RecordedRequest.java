package dev.pmgate.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request as the fake received it: method, raw path, raw query, every header, body bytes.
 * Meant for canary scans (no secret may ever reach the exchange) and for routing assertions.
 */
public final class RecordedRequest {
    private final long sequence;
    private final Instant receivedAt;
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private volatile int responseStatus = -1;

    RecordedRequest(
            long sequence,
            Instant receivedAt,
            String method,
            String rawPath,
            String rawQuery,
            Map<String, List<String>> headers,
            byte[] body) {
        this.sequence = sequence;
        this.receivedAt = receivedAt;
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body.clone();
    }

    public long sequence() {
        return sequence;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String method() {
        return method;
    }

    /** Path exactly as received (percent-encoding kept), e.g. {@code /trade-api/v2/portfolio/balance}. */
    public String rawPath() {
        return rawPath;
    }

    /** Raw query string without {@code ?}, or {@code null} when the URI had none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Path plus {@code ?query} when present. */
    public String rawPathAndQuery() {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }

    /** All headers; the map's key lookup is case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** First value of a header (case-insensitive name). */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Status the fake answered with; -1 while still in flight or when the connection was dropped. */
    public int responseStatus() {
        return responseStatus;
    }

    void responseStatus(int status) {
        this.responseStatus = status;
    }

    /** Everything that was sent (request line, headers, body) as one string, for substring canary scans. */
    public String dump() {
        StringBuilder sb = new StringBuilder()
                .append(method)
                .append(' ')
                .append(rawPathAndQuery())
                .append('\n');
        headers.forEach(
                (k, vs) -> vs.forEach(v -> sb.append(k).append(": ").append(v).append('\n')));
        return sb.append('\n').append(bodyString()).toString();
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + method + " " + rawPathAndQuery() + " -> " + responseStatus;
    }
}
