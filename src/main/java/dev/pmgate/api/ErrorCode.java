package dev.pmgate.api;

/** The machine codes of SPEC §2.3 with their HTTP status and default retryability. */
public enum ErrorCode {
    BAD_REQUEST(400, "bad_request", false),
    VALIDATION_ERROR(400, "validation_error", false),
    MISSING_PARAMETER(400, "missing_parameter", false),
    INVALID_CREDENTIALS(400, "invalid_credentials", false),
    EXCHANGE_NOT_FOUND(400, "exchange_not_found", false),
    UNAUTHORIZED(401, "unauthorized", false),
    INSUFFICIENT_FUNDS(402, "insufficient_funds", false),
    CREDENTIALS_REQUIRED(403, "credentials_required", false),
    AUTHENTICATION_FAILED(403, "authentication_failed", false),
    ORDER_NOT_FOUND(404, "order_not_found", false),
    MARKET_NOT_FOUND(404, "market_not_found", false),
    NOT_FOUND(404, "not_found", false),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", false),
    DUPLICATE_ORDER(409, "duplicate_order", false),
    PAYLOAD_TOO_LARGE(413, "payload_too_large", false),
    RATE_LIMIT_EXCEEDED(429, "rate_limit_exceeded", true),
    HEADER_TOO_LARGE(431, "header_too_large", false),
    INTERNAL_ERROR(500, "internal_error", false),
    NOT_SUPPORTED(501, "not_supported", false),
    UPSTREAM_ERROR(502, "upstream_error", true),
    SERVICE_UNAVAILABLE(503, "service_unavailable", true),
    UPSTREAM_TIMEOUT(504, "upstream_timeout", true);

    private final int status;
    private final String code;
    private final boolean retryable;

    ErrorCode(int status, String code, boolean retryable) {
        this.status = status;
        this.code = code;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
