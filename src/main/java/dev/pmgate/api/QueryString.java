package dev.pmgate.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes a raw URL query string the way every REST endpoint reads it. */
public final class QueryString {

    private QueryString() {}

    /** Decodes a raw query string; a malformed one is 400, a parameter given twice 400 naming it. */
    public static Map<String, String> parse(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (query.putIfAbsent(name, value) != null) {
                throw GatewayException.validation(safe(name), "given more than once");
            }
        }
        return query;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new GatewayException(ErrorCode.BAD_REQUEST, "malformed query string");
        }
    }

    private static String safe(String name) {
        return name.matches("[A-Za-z0-9_-]{1,64}") ? name : "<parameter>";
    }
}
