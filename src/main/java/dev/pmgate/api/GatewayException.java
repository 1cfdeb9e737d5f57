package dev.pmgate.api;

import java.util.List;

/**
 * A failure that maps to one SPEC §2.3 error. Messages are written by pmgate and never contain
 * caller-supplied values, so they are safe to log and return.
 */
public class GatewayException extends RuntimeException {

    private final ErrorCode code;
    private final List<String> validationErrors;
    private final String exchange;
    private final UpstreamError upstream;
    private final Boolean retryable;
    private final Long retryAfterSeconds;

    public GatewayException(ErrorCode code, String message) {
        this(code, message, List.of(), null, null, null, null);
    }

    public GatewayException(
            ErrorCode code,
            String message,
            List<String> validationErrors,
            String exchange,
            UpstreamError upstream,
            Boolean retryable,
            Long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.validationErrors = validationErrors == null ? List.of() : List.copyOf(validationErrors);
        this.exchange = exchange;
        this.upstream = upstream;
        this.retryable = retryable;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static GatewayException validation(String field, String problem) {
        return new GatewayException(
                ErrorCode.VALIDATION_ERROR, "invalid request", List.of(field + ": " + problem), null, null, null, null);
    }

    public static GatewayException validation(List<String> problems) {
        return new GatewayException(ErrorCode.VALIDATION_ERROR, "invalid request", problems, null, null, null, null);
    }

    public static GatewayException invalidCredentials(String field, String problem) {
        return new GatewayException(
                ErrorCode.INVALID_CREDENTIALS,
                "invalid credentials",
                List.of(field + ": " + problem),
                null,
                null,
                null,
                null);
    }

    public static GatewayException upstream(ErrorCode code, String message, String exchange, UpstreamError upstream) {
        return new GatewayException(code, message, List.of(), exchange, upstream, null, null);
    }

    public GatewayException withExchange(String exchangeName) {
        return new GatewayException(
                code, getMessage(), validationErrors, exchangeName, upstream, retryable, retryAfterSeconds);
    }

    public GatewayException withMessage(String message) {
        return new GatewayException(code, message, validationErrors, exchange, upstream, retryable, retryAfterSeconds);
    }

    public GatewayException withRetryAfter(long seconds) {
        return new GatewayException(code, getMessage(), validationErrors, exchange, upstream, retryable, seconds);
    }

    public ErrorCode code() {
        return code;
    }

    public List<String> validationErrors() {
        return validationErrors;
    }

    public String exchange() {
        return exchange;
    }

    public UpstreamError upstream() {
        return upstream;
    }

    public boolean isRetryable() {
        return retryable != null ? retryable : code.retryable();
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
