package dev.pmgate.api;

/**
 * The outcome of one gateway request, independent of the entry point: an HTTP-like status and
 * either a normalized payload or an {@link ErrorBody}.
 */
public record GatewayResult(int status, Object payload, Long retryAfterSeconds) {

    public static GatewayResult ok(int status, Object payload) {
        return new GatewayResult(status, payload, null);
    }

    public static GatewayResult error(GatewayException e) {
        return new GatewayResult(e.code().status(), ErrorBody.of(e), e.retryAfterSeconds());
    }

    public boolean isOk() {
        return status < 400;
    }
}
