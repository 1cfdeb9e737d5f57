package dev.pmgate.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.Json;

/** What the exchange answered: status, the Retry-After header if any, and the body text. */
public record UpstreamResponse(int status, String retryAfter, String body) {

    public boolean is2xx() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON, or {@code null} when it is not JSON. */
    public JsonNode json() {
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    /** Never the body: it can hold secrets (CLOB credentials from a derive), and Camel logs beans at TRACE. */
    @Override
    public String toString() {
        return "UpstreamResponse[status=" + status + ", body=" + (body == null ? 0 : body.length()) + " chars]";
    }
}
