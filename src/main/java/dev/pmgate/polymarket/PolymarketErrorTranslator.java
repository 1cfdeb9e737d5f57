package dev.pmgate.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.UpstreamError;
import dev.pmgate.upstream.RetryAfter;
import dev.pmgate.upstream.UpstreamResponse;
import java.util.List;
import java.util.Locale;

/** Maps CLOB / Data API error answers ({@code {"error": "…"}}) to SPEC errors. */
public final class PolymarketErrorTranslator {

    static final String EXCHANGE = "polymarket";

    public enum Context { ORDER, MARKET, OTHER }

    private PolymarketErrorTranslator() {
    }

    public static GatewayException translate(UpstreamResponse response, Context context) {
        UpstreamError upstream = parse(response);
        String message = upstream.message() == null ? "" : upstream.message().toLowerCase(Locale.ROOT);
        int status = response.status();
        if (status == 429) {
            return new GatewayException(ErrorCode.RATE_LIMIT_EXCEEDED, "Polymarket rate limit exceeded", List.of(),
                    EXCHANGE, upstream, true, RetryAfter.seconds(response.retryAfter(), 1));
        }
        ErrorCode code;
        String text;
        if (status == 401 || status == 403 || message.contains("unauthorized") || message.contains("invalid api key")
                || message.contains("invalid signature") || message.contains("l1 request headers")) {
            code = ErrorCode.AUTHENTICATION_FAILED;
            text = "Polymarket rejected the credentials or signature";
        } else if (message.contains("not enough balance") || message.contains("allowance")) {
            code = ErrorCode.INSUFFICIENT_FUNDS;
            text = "not enough balance or allowance on Polymarket";
        } else if (status == 404 || message.contains("not found")) {
            code = context == Context.ORDER ? ErrorCode.ORDER_NOT_FOUND
                    : context == Context.MARKET ? ErrorCode.MARKET_NOT_FOUND : ErrorCode.NOT_FOUND;
            text = context == Context.ORDER ? "order not found" : context == Context.MARKET ? "market not found" : "not found";
        } else if (message.contains("order_version_mismatch") || message.contains("order version")) {
            code = ErrorCode.UPSTREAM_ERROR;
            text = "Polymarket refused the order version";
        } else if (status == 425 || status == 503) {
            code = ErrorCode.SERVICE_UNAVAILABLE;
            text = "Polymarket is unavailable";
        } else if (status >= 500) {
            code = ErrorCode.UPSTREAM_ERROR;
            text = "Polymarket failed to process the request";
        } else if (status >= 400 || !message.isEmpty()) {
            code = ErrorCode.VALIDATION_ERROR;
            text = "Polymarket rejected the request";
        } else {
            code = ErrorCode.UPSTREAM_ERROR;
            text = "unexpected answer from Polymarket";
        }
        return GatewayException.upstream(code, text, EXCHANGE, upstream);
    }

    public static GatewayException malformed(UpstreamResponse response) {
        return GatewayException.upstream(ErrorCode.UPSTREAM_ERROR, "Polymarket answered without the expected object",
                EXCHANGE, new UpstreamError(response.status(), null, parse(response).message()));
    }

    static UpstreamError parse(UpstreamResponse response) {
        JsonNode root = response.json();
        if (root != null && root.isObject()) {
            JsonNode error = root.path("error").isTextual() ? root.get("error") : root.get("errorMsg");
            if (error != null && error.isTextual()) {
                return new UpstreamError(response.status(), null, UpstreamError.clip(error.textValue()));
            }
        }
        return new UpstreamError(response.status(), null, null);
    }

}
