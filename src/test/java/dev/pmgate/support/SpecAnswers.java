package dev.pmgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** What every answer to a hostile request must look like: a SPEC §2.3 error, never a 500 or an HTML page. */
public final class SpecAnswers {

    /** The machine codes of SPEC §2.3, plus the servlet-level ones pmgate adds in the same shape. */
    public static final Set<String> CODES = Set.of(
            "bad_request",
            "validation_error",
            "missing_parameter",
            "invalid_credentials",
            "exchange_not_found",
            "unauthorized",
            "insufficient_funds",
            "credentials_required",
            "authentication_failed",
            "order_not_found",
            "market_not_found",
            "not_found",
            "duplicate_order",
            "rate_limit_exceeded",
            "not_supported",
            "upstream_error",
            "service_unavailable",
            "upstream_timeout",
            "method_not_allowed",
            "payload_too_large",
            "header_too_large");

    private SpecAnswers() {}

    /**
     * Asserts the SPEC error shape and a status among {@code statuses} (any 4xx when none given);
     * returns the body.
     */
    public static JsonNode assertSpecError(HttpCall.Response r, int... statuses) {
        String what = "answer " + r.status() + " " + r.body();
        assertThat(r.status()).as(what).isNotEqualTo(500);
        if (statuses.length == 0) {
            assertThat(r.status()).as(what).isBetween(400, 499);
        } else {
            assertThat(r.status())
                    .as(what)
                    .isIn(java.util.Arrays.stream(statuses).boxed().toArray());
        }
        assertThat(r.header("Content-Type")).as(what).startsWith("application/json");
        assertThat(r.body())
                .as(what)
                .doesNotContainIgnoringCase("<html")
                .doesNotContain("Exception", "\tat ", "tomcat", "Whitelabel");
        JsonNode body = r.json();
        assertThat(body.isObject()).as(what).isTrue();
        assertThat(body.path("error").isTextual()).as(what).isTrue();
        assertThat(body.path("error").asText()).as(what).isNotBlank();
        assertThat(body.path("code").asText()).as(what).isIn(CODES);
        assertThat(body.path("retryable").isBoolean()).as(what).isTrue();
        if (body.has("validation_errors")) {
            assertThat(body.get("validation_errors").isArray()).as(what).isTrue();
            body.get("validation_errors")
                    .forEach(e -> assertThat(e.isTextual()).as(what).isTrue());
        }
        return body;
    }

    public static JsonNode assertSpecError(RawHttp.Response r, int... statuses) {
        return assertSpecError(r.asHttpCall(), statuses);
    }
}
