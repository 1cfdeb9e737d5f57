package dev.pmgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The one error shape of SPEC §2.3, used for REST bodies and Kafka results alike. */
@JsonPropertyOrder({"error", "code", "retryable", "validation_errors", "exchange", "upstream"})
public record ErrorBody(
        String error,
        String code,
        boolean retryable,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> validationErrors,
        @JsonInclude(JsonInclude.Include.NON_NULL) String exchange,
        @JsonInclude(JsonInclude.Include.NON_NULL) UpstreamError upstream) {

    /** The response header of an error answer that the Parsec SDK (Stainless) reads to override its own retry decision. */
    public static final String SHOULD_RETRY_HEADER = "x-should-retry";

    public static ErrorBody of(GatewayException e) {
        return new ErrorBody(
                e.getMessage(), e.code().code(), e.isRetryable(), e.validationErrors(), e.exchange(), e.upstream());
    }
}
