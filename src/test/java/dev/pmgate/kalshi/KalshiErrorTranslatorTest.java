package dev.pmgate.kalshi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.upstream.UpstreamResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each recorded Kalshi error shape → SPEC error code, HTTP status and retryable (SPEC §2.3). */
class KalshiErrorTranslatorTest {

    @ParameterizedTest(name = "{0} (order operation {1}) → {2}")
    @CsvSource({
        // nested {"error":{code,message,details}}
        "auth__bad_signature,               false, AUTHENTICATION_FAILED, 403, false, authentication_error, authentication_error: INCORRECT_API_KEY_SIGNATURE",
        "auth__unknown_key_id,              false, AUTHENTICATION_FAILED, 403, false, authentication_error, authentication_error: NOT_FOUND",
        "auth__missing_signature_header,    false, AUTHENTICATION_FAILED, 403, false, signature_is_missing_from_headers, signature is missing from headers",
        "auth__skew_minus30s,               false, AUTHENTICATION_FAILED, 403, false, header_timestamp_expired, header timestamp expired",
        "orders__cancel_unknown_id,         true,  ORDER_NOT_FOUND,       404, false, not_found, not found",
        "orders__cancel_already_canceled,   true,  ORDER_NOT_FOUND,       404, false, not_found, not found",
        "orders__cancel_executed,           false, NOT_FOUND,             404, false, not_found, not found",
        "orders__insufficient_balance,      true,  INSUFFICIENT_FUNDS,    402, false, insufficient_balance, insufficient balance",
        "orders__invalid_price_structure,   true,  VALIDATION_ERROR,      400, false, invalid_price, invalid price",
        "orders__post_only_cross,           true,  VALIDATION_ERROR,      400, false, invalid_order, invalid order: post only cross",
        // flat {code,message,details}
        "orders__numeric_field_types,       true,  VALIDATION_ERROR,      400, false, bad_request, bad request: json: cannot unmarshal number into Go struct field CreateOrderV2Request.count of type string",
        // bare {"msg":…}
        "markets__limit_over_max,           false, VALIDATION_ERROR,      400, false, , Parameter validation failed for GetMarkets: Key: 'GetMarketsParams.Limit' Error:Field validation for 'Limit' failed on the 'lte' tag",
        // 409 outside a create (a create reads it as a duplicate first)
        "orders__duplicate_client_order_id, true,  UPSTREAM_ERROR,        502, true,  order_already_exists, order already exists",
    })
    void recordedErrors(
            String fixture,
            boolean orderOperation,
            ErrorCode code,
            int status,
            boolean retryable,
            String upstreamCode,
            String upstreamMessage) {
        UpstreamResponse answer = KalshiFixtures.answer(fixture);

        GatewayException e = KalshiErrorTranslator.translate(answer, orderOperation);

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.code().status()).isEqualTo(status);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.exchange()).isEqualTo("kalshi");
        assertThat(e.upstream().status()).isEqualTo(answer.status());
        assertThat(e.upstream().code()).isEqualTo(upstreamCode);
        assertThat(e.upstream().message()).isEqualTo(upstreamMessage);
    }

    @Test
    void rateLimitedIsRetryableAfterKalshisRetryAfter() {
        GatewayException e =
                KalshiErrorTranslator.translate(new UpstreamResponse(429, "7", "too many requests"), false);

        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMIT_EXCEEDED);
        assertThat(e.code().status()).isEqualTo(429);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.retryAfterSeconds()).isEqualTo(7L);
        assertThat(e.getMessage()).isEqualTo("Kalshi rate limit exceeded");
    }

    @Test
    void rateLimitedWithoutRetryAfterWaitsOneSecond() {
        GatewayException e = KalshiErrorTranslator.translate(
                new UpstreamResponse(429, null, "{\"error\":{\"code\":\"too_many_requests\"}}"), true);

        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMIT_EXCEEDED);
        assertThat(e.retryAfterSeconds()).isEqualTo(1L);
        assertThat(e.upstream().code()).isEqualTo("too_many_requests");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "500, UPSTREAM_ERROR,      502, true, Kalshi failed to process the request",
        "502, UPSTREAM_ERROR,      502, true, Kalshi failed to process the request",
        "503, SERVICE_UNAVAILABLE, 503, true, Kalshi is unavailable",
        "418, UPSTREAM_ERROR,      502, true, unexpected answer from Kalshi",
        "422, VALIDATION_ERROR,    400, false, Kalshi rejected the request",
    })
    void statusLadder(int upstreamStatus, ErrorCode code, int status, boolean retryable, String message) {
        GatewayException e = KalshiErrorTranslator.translate(
                new UpstreamResponse(upstreamStatus, null, "{\"error\":{\"code\":\"internal\",\"message\":\"boom\"}}"),
                true);

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.code().status()).isEqualTo(status);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void aMarketNotFoundIsMarketNotFound() {
        GatewayException e = KalshiErrorTranslator.translate(
                new UpstreamResponse(
                        404, null, "{\"error\":{\"code\":\"market_not_found\",\"message\":\"market not found\"}}"),
                true);

        assertThat(e.code()).isEqualTo(ErrorCode.MARKET_NOT_FOUND);
        assertThat(e.code().status()).isEqualTo(404);
    }

    @Test
    void aRetiredEndpointIsNamedInTheMalformedAnswer() {
        GatewayException e = KalshiErrorTranslator.malformed(
                new UpstreamResponse(200, null, "{\"error\":{\"code\":\"deprecated_v1_order_endpoint\"}}"));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(e.getMessage()).isEqualTo("Kalshi refused a retired endpoint");
    }
}
