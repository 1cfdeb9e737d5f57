package dev.pmgate.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.UpstreamError;
import dev.pmgate.pipeline.UpstreamStatus;
import dev.pmgate.upstream.UpstreamResponse;
import java.util.List;
import java.util.Locale;

/** Maps CLOB / Data API error answers ({@code {"error": "…"}}) to SPEC errors. */
final class PolymarketErrorTranslator {

    private static final String EXCHANGE = PolymarketModule.NAME.wireName();
    private static final String DISPLAY_NAME = "Polymarket";

    /** What a 404 is about: an order, a market, or anything else. */
    enum Context {
        ORDER,
        MARKET,
        OTHER
    }

    private PolymarketErrorTranslator() {}

    static GatewayException translate(UpstreamResponse response, Context context) {
        UpstreamError upstream = parse(response);
        String message = upstream.message() == null ? "" : upstream.message().toLowerCase(Locale.ROOT);
        int status = response.status();
        if (status == 429) {
            return UpstreamStatus.rateLimited(response, EXCHANGE, DISPLAY_NAME, upstream);
        }
        ErrorCode code;
        String text;
        boolean refusesCredentials = UpstreamStatus.refusesCredentials(status);
        if (status < 500 && !refusesCredentials && refusesOrderSignatureOrVersion(message)) {
            // SPEC §2.3: the request's L2 auth passed; the order body's own signature or version was refused
            return new GatewayException(
                    ErrorCode.VALIDATION_ERROR,
                    "Polymarket refused the order's signature or exchange version: " + upstream.message(),
                    List.of("order: " + upstream.message()),
                    EXCHANGE,
                    upstream,
                    false,
                    null);
        }
        GatewayException serverFailure;
        if (refusesCredentials
                || message.contains("unauthorized")
                || message.contains("invalid api key")
                || message.contains("l1 request headers")) {
            code = ErrorCode.AUTHENTICATION_FAILED;
            text = "Polymarket rejected the credentials or signature";
        } else if (message.contains("not enough balance") || message.contains("allowance")) {
            code = ErrorCode.INSUFFICIENT_FUNDS;
            text = "not enough balance or allowance on Polymarket";
        } else if (status == 404 || message.contains("not found")) {
            code = context == Context.ORDER
                    ? ErrorCode.ORDER_NOT_FOUND
                    : context == Context.MARKET ? ErrorCode.MARKET_NOT_FOUND : ErrorCode.NOT_FOUND;
            text = context == Context.ORDER
                    ? "order not found"
                    : context == Context.MARKET ? "market not found" : "not found";
        } else if ((serverFailure =
                        UpstreamStatus.serverFailure(status, status == 425, EXCHANGE, DISPLAY_NAME, upstream))
                != null) {
            // 425 is the CLOB's "too early" while it restarts: unavailable, as a 503
            return serverFailure;
        } else if (status >= 400 || !message.isEmpty()) {
            code = ErrorCode.VALIDATION_ERROR;
            text = "Polymarket rejected the request";
        } else {
            code = ErrorCode.UPSTREAM_ERROR;
            text = "unexpected answer from Polymarket";
        }
        return GatewayException.upstream(code, text, EXCHANGE, upstream);
    }

    /** {@code invalid signature} (order body), {@code order_version_mismatch}, {@code invalid order version…}. */
    private static boolean refusesOrderSignatureOrVersion(String message) {
        return message.contains("invalid signature")
                || message.contains("order_version_mismatch")
                || message.contains("order version")
                || message.contains("invalid poly_proxy signature");
    }

    /** A status word from the exchange, reduced to a safe token for messages. */
    static String safeStatus(String status) {
        return status == null || !status.matches("[a-z_]{1,32}") ? "unknown" : status;
    }

    static GatewayException malformed(UpstreamResponse response) {
        return GatewayException.upstream(
                ErrorCode.UPSTREAM_ERROR,
                "Polymarket answered without the expected object",
                EXCHANGE,
                new UpstreamError(response.status(), null, parse(response).message()));
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
