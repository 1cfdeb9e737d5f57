package dev.pmgate.marketdata;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One unauthenticated public read: source, path (already path-encoded by the builder) and query
 * parameters, which may repeat (Gamma's keyset filters take {@code condition_ids=a&condition_ids=b}).
 */
public record PublicRequest(PublicSource source, String path, List<Map.Entry<String, String>> params) {

    public PublicRequest {
        params = List.copyOf(params);
    }

    public static Builder to(PublicSource source, String path) {
        return new Builder(source, path);
    }

    /** The query string, every name and value percent-encoded; empty when there is none. */
    public String rawQuery() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> p : params) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(encode(p.getKey())).append('=').append(encode(p.getValue()));
        }
        return out.toString();
    }

    public String cacheKey() {
        return source.exchange() + "/" + source.name() + " " + path + "?" + rawQuery();
    }

    /** A path segment percent-encoded (ids are validated before, this is the second line of defence). */
    public static String segment(String value) {
        return encode(value);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "PublicRequest[" + source + " " + path + "]";
    }

    public static final class Builder {
        private final PublicSource source;
        private final String path;
        private final List<Map.Entry<String, String>> params = new ArrayList<>();

        private Builder(PublicSource source, String path) {
            this.source = source;
            this.path = path;
        }

        public Builder param(String name, Object value) {
            if (value != null) {
                params.add(Map.entry(name, value.toString()));
            }
            return this;
        }

        public PublicRequest build() {
            return new PublicRequest(source, path, params);
        }
    }
}
