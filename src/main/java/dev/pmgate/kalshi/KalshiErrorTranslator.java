package dev.pmgate.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.UpstreamError;
import dev.pmgate.pipeline.UpstreamStatus;
import dev.pmgate.upstream.UpstreamResponse;
import java.util.Locale;

/**
 * Maps Kalshi's error answers — nested {@code {"error":{code,message,details}}}, flat
 * {@code {code,message,details}}, bare {@code {"msg":…}} and the 429 string — to SPEC errors.
 */
final class KalshiErrorTranslator {

    static final String EXCHANGE = KalshiModule.NAME.wireName();
    private static final String DISPLAY = KalshiModule.DISPLAY_NAME;

    private KalshiErrorTranslator() {}

    /**
     * A non-2xx answer as its SPEC error: the shared status ladder ({@link UpstreamStatus}) for 429, 401/403 and
     * 5xx, Kalshi's error codes for funds and unknown markets; a 404 of an order operation is
     * {@code order_not_found}.
     */
    static GatewayException translate(UpstreamResponse response, boolean orderOperation) {
        UpstreamError upstream = parse(response);
        String code = upstream.code() == null ? "" : upstream.code().toLowerCase(Locale.ROOT);
        int status = response.status();
        if (status == 429) {
            return UpstreamStatus.rateLimited(response, EXCHANGE, DISPLAY, upstream);
        }
        if (UpstreamStatus.refusesCredentials(status)) {
            return GatewayException.upstream(
                    ErrorCode.AUTHENTICATION_FAILED, "Kalshi rejected the API key or signature", EXCHANGE, upstream);
        }
        if (code.contains("insufficient_balance") || code.contains("balance_too_low")) {
            return GatewayException.upstream(
                    ErrorCode.INSUFFICIENT_FUNDS, "insufficient funds on Kalshi", EXCHANGE, upstream);
        }
        if (code.contains("market") && (code.contains("not_found") || status == 404)) {
            return GatewayException.upstream(
                    ErrorCode.MARKET_NOT_FOUND, "market not found on Kalshi", EXCHANGE, upstream);
        }
        if (status == 404) {
            return orderOperation
                    ? GatewayException.upstream(ErrorCode.ORDER_NOT_FOUND, "order not found", EXCHANGE, upstream)
                    : GatewayException.upstream(ErrorCode.NOT_FOUND, "not found on Kalshi", EXCHANGE, upstream);
        }
        GatewayException serverFailure = UpstreamStatus.serverFailure(status, false, EXCHANGE, DISPLAY, upstream);
        if (serverFailure != null) {
            return serverFailure;
        }
        if (status == 400 || status == 422) {
            return GatewayException.upstream(
                    ErrorCode.VALIDATION_ERROR, "Kalshi rejected the request", EXCHANGE, upstream);
        }
        return GatewayException.upstream(ErrorCode.UPSTREAM_ERROR, "unexpected answer from Kalshi", EXCHANGE, upstream);
    }

    /** A 2xx whose body does not hold what the operation promised. */
    static GatewayException malformed(UpstreamResponse response) {
        UpstreamError upstream = parse(response);
        if (upstream.code() != null && upstream.code().contains("deprecated_v1_order_endpoint")) {
            return GatewayException.upstream(
                    ErrorCode.UPSTREAM_ERROR, "Kalshi refused a retired endpoint", EXCHANGE, upstream);
        }
        return GatewayException.upstream(
                ErrorCode.UPSTREAM_ERROR,
                "Kalshi answered without the expected object",
                EXCHANGE,
                new UpstreamError(response.status(), upstream.code(), upstream.message()));
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
            return new UpstreamError(
                    response.status(), null, UpstreamError.clip(root.get("msg").asText()));
        }
        return new UpstreamError(response.status(), null, null);
    }

    private static UpstreamError fromObject(int status, JsonNode error) {
        String code =
                error.hasNonNull("code") ? UpstreamError.clip(error.get("code").asText()) : null;
        String message = error.hasNonNull("message") ? error.get("message").asText() : null;
        String details = error.hasNonNull("details") ? error.get("details").asText() : null;
        String text = message == null ? details : details == null ? message : message + ": " + details;
        return new UpstreamError(status, code, UpstreamError.clip(text));
    }
}
