package dev.pmgate.polymarket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.polymarket.PolymarketErrorTranslator.Context;
import dev.pmgate.upstream.UpstreamResponse;
import org.junit.jupiter.api.Test;

/** Each CLOB / Data API error shape → SPEC §2.3 error code, HTTP status and retryable. */
class PolymarketErrorTranslatorTest {

    private static GatewayException translate(int status, String retryAfter, String body, Context context) {
        return PolymarketErrorTranslator.translate(new UpstreamResponse(status, retryAfter, body), context);
    }

    private static void expect(GatewayException e, ErrorCode code, int status, boolean retryable) {
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.code().status()).isEqualTo(status);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.exchange()).isEqualTo("polymarket");
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        GatewayException e = translate(429, "7", "{\"error\":\"Too Many Requests\"}", Context.OTHER);
        expect(e, ErrorCode.RATE_LIMIT_EXCEEDED, 429, true);
        assertThat(e.retryAfterSeconds()).isEqualTo(7L);
        assertThat(translate(429, null, "", Context.OTHER).retryAfterSeconds()).isEqualTo(1L);
    }

    @Test
    void refusedCredentials() {
        expect(
                translate(401, null, "{\"error\":\"Unauthorized/Invalid api key\"}", Context.OTHER),
                ErrorCode.AUTHENTICATION_FAILED,
                403,
                false);
        expect(translate(403, null, "", Context.ORDER), ErrorCode.AUTHENTICATION_FAILED, 403, false);
        expect(
                translate(400, null, "{\"error\":\"Invalid L1 Request headers\"}", Context.OTHER),
                ErrorCode.AUTHENTICATION_FAILED,
                403,
                false);
    }

    @Test
    void orderSignatureOrVersionIsAValidationError() {
        GatewayException e = translate(400, null, "{\"error\":\"invalid signature\"}", Context.ORDER);
        expect(e, ErrorCode.VALIDATION_ERROR, 400, false);
        assertThat(e.validationErrors()).containsExactly("order: invalid signature");
        expect(
                translate(400, null, "{\"error\":\"order_version_mismatch\"}", Context.ORDER),
                ErrorCode.VALIDATION_ERROR,
                400,
                false);
        expect(
                translate(401, null, "{\"error\":\"invalid signature\"}", Context.ORDER),
                ErrorCode.AUTHENTICATION_FAILED,
                403,
                false);
    }

    @Test
    void fundsAndNotFoundByContext() {
        expect(
                translate(400, null, "{\"error\":\"not enough balance / allowance\"}", Context.ORDER),
                ErrorCode.INSUFFICIENT_FUNDS,
                ErrorCode.INSUFFICIENT_FUNDS.status(),
                false);
        expect(translate(404, null, "", Context.ORDER), ErrorCode.ORDER_NOT_FOUND, 404, false);
        expect(translate(404, null, "", Context.MARKET), ErrorCode.MARKET_NOT_FOUND, 404, false);
        expect(
                translate(400, null, "{\"error\":\"market not found\"}", Context.OTHER),
                ErrorCode.NOT_FOUND,
                404,
                false);
    }

    @Test
    void serverFailures() {
        expect(translate(503, null, "", Context.OTHER), ErrorCode.SERVICE_UNAVAILABLE, 503, true);
        expect(
                translate(425, null, "{\"error\":\"too early\"}", Context.OTHER),
                ErrorCode.SERVICE_UNAVAILABLE,
                503,
                true);
        expect(translate(500, null, "{\"error\":\"boom\"}", Context.OTHER), ErrorCode.UPSTREAM_ERROR, 502, true);
        expect(translate(502, null, "<html>", Context.OTHER), ErrorCode.UPSTREAM_ERROR, 502, true);
    }

    @Test
    void otherRefusalsAreValidationErrors() {
        GatewayException e = translate(400, null, "{\"error\":\"invalid tick size\"}", Context.ORDER);
        expect(e, ErrorCode.VALIDATION_ERROR, 400, false);
        assertThat(e.upstream().status()).isEqualTo(400);
        assertThat(e.upstream().message()).isEqualTo("invalid tick size");
        expect(
                translate(200, null, "{\"success\":false,\"errorMsg\":\"size too small\"}", Context.ORDER),
                ErrorCode.VALIDATION_ERROR,
                400,
                false);
        expect(translate(200, null, "", Context.OTHER), ErrorCode.UPSTREAM_ERROR, 502, true);
    }
}
