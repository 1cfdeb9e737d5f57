package dev.pmgate.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.UpstreamError;
import dev.pmgate.upstream.RetryAfter;
import dev.pmgate.upstream.UpstreamResponse;
import java.util.List;
import java.util.Locale;

/**
 * Maps Kalshi's error answers — nested {@code {"error":{code,message,details}}}, flat
 * {@code {code,message,details}}, bare {@code {"msg":…}} and the 429 string — to SPEC errors.
 */
public final class KalshiErrorTranslator {

    static final String EXCHANGE = "kalshi";

    private KalshiErrorTranslator() {
    }

    public static GatewayException translate(UpstreamResponse response, boolean orderOperation) {
        UpstreamError upstream = parse(response);
        String code = upstream.code() == null ? "" : upstream.code().toLowerCase(Locale.ROOT);
        int status = response.status();
        ErrorCode mapped;
        String message;
        if (status == 429) {
            long retryAfter = RetryAfter.seconds(response.retryAfter(), 1);
            return new GatewayException(ErrorCode.RATE_LIMIT_EXCEEDED, "Kalshi rate limit exceeded", List.of(),
                    EXCHANGE, upstream, true, retryAfter);
        } else if (status == 401 || status == 403) {
            mapped = ErrorCode.AUTHENTICATION_FAILED;
            message = "Kalshi rejected the API key or signature";
        } else if (code.contains("insufficient_balance") || code.contains("balance_too_low")) {
            mapped = ErrorCode.INSUFFICIENT_FUNDS;
            message = "insufficient funds on Kalshi";
        } else if (code.contains("market") && (code.contains("not_found") || status == 404)) {
            mapped = ErrorCode.MARKET_NOT_FOUND;
            message = "market not found on Kalshi";
        } else if (status == 404) {
            mapped = orderOperation ? ErrorCode.ORDER_NOT_FOUND : ErrorCode.NOT_FOUND;
            message = orderOperation ? "order not found" : "not found on Kalshi";
        } else if (status == 503) {
            mapped = ErrorCode.SERVICE_UNAVAILABLE;
            message = "Kalshi is unavailable";
        } else if (status >= 500) {
            mapped = ErrorCode.UPSTREAM_ERROR;
            message = "Kalshi failed to process the request";
        } else if (status == 400 || status == 422) {
            mapped = ErrorCode.VALIDATION_ERROR;
            message = "Kalshi rejected the request";
        } else {
            mapped = ErrorCode.UPSTREAM_ERROR;
            message = "unexpected answer from Kalshi";
        }
        return GatewayException.upstream(mapped, message, EXCHANGE, upstream);
    }

    /** A 2xx whose body does not hold what the operation promised. */
    public static GatewayException malformed(UpstreamResponse response) {
        UpstreamError upstream = parse(response);
        if (upstream.code() != null && upstream.code().contains("deprecated_v1_order_endpoint")) {
            return GatewayException.upstream(ErrorCode.UPSTREAM_ERROR, "Kalshi refused a retired endpoint",
                    EXCHANGE, upstream);
        }
        return GatewayException.upstream(ErrorCode.UPSTREAM_ERROR, "Kalshi answered without the expected object",
                EXCHANGE, new UpstreamError(response.status(), upstream.code(), upstream.message()));
    }

    static UpstreamError parse(UpstreamResponse response) {
        JsonNode root = response.json();
        if (root == null || !root.isObject()) {
            return new UpstreamError(response.status(), null, null);
        }
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) {
            return fromObject(response.status(), error);
        }
        if (error != null && error.isTextual()) {
            return new UpstreamError(response.status(), null, UpstreamError.clip(error.textValue()));
        }
        if (root.has("code")) {
            return fromObject(response.status(), root);
        }
        if (root.has("msg")) {
            return new UpstreamError(response.status(), null, UpstreamError.clip(root.get("msg").asText()));
        }
        return new UpstreamError(response.status(), null, null);
    }

    private static UpstreamError fromObject(int status, JsonNode error) {
        String code = error.hasNonNull("code") ? UpstreamError.clip(error.get("code").asText()) : null;
        String message = error.hasNonNull("message") ? error.get("message").asText() : null;
        String details = error.hasNonNull("details") ? error.get("details").asText() : null;
        String text = message == null ? details : details == null ? message : message + ": " + details;
        return new UpstreamError(status, code, UpstreamError.clip(text));
    }

}
