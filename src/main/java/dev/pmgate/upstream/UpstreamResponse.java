package dev.pmgate.upstream;

/** What the exchange answered: status, the Retry-After header if any, and the body text. */
public record UpstreamResponse(int status, String retryAfter, String body) {

    public boolean is2xx() {
        return status >= 200 && status < 300;
    }

    /** Never the body: it can hold secrets (CLOB credentials from a derive), and Camel logs beans at TRACE. */
    @Override
    public String toString() {
        return "UpstreamResponse[status=" + status + ", body=" + (body == null ? 0 : body.length()) + " chars]";
    }
}
