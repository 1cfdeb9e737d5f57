package dev.pmgate.pipeline;

/** Names of the exchange properties that carry state along the pipeline (never message headers). */
public final class Pipeline {

    /** {@link Operation} of the request, set by the entry route. */
    public static final String OPERATION = "pmgateOperation";
    /** {@link GatewayRequest} after validation. */
    public static final String REQUEST = "pmgateRequest";
    /** {@link dev.pmgate.credentials.TrackedSession}; closed on completion. */
    public static final String SESSION = "pmgateSession";
    /** Correlation id of the request (X-Request-Id or Kafka request_id). */
    public static final String REQUEST_ID = "pmgateRequestId";
    /** Entry point of the request: {@code rest} or {@code kafka}. */
    public static final String ENTRY = "pmgateEntry";
    /** Exchange name as given by the caller, set by the entry route. */
    public static final String EXCHANGE_PARAM = "pmgateExchangeParam";
    /** Scratch state of a multi-call operation (e.g. the order read before a cancel). */
    public static final String STASH = "pmgateStash";
    /** The SPEC §2.3 error code the request was answered with (absent on success); a metric tag. */
    public static final String OUTCOME = "pmgateOutcome";
    /** {@code true} once a non-idempotent upstream request (an order) has been handed to the HTTP client. */
    public static final String WRITE_SENT = "pmgateWriteSent";
    /** {@code Boolean}: the {@code x-should-retry} answer when it differs from the error's {@code retryable}. */
    public static final String SHOULD_RETRY = "pmgateShouldRetry";
    /** The REST request's query parameters ({@code Map<String,String>}) and path, for {@code Link: rel="next"}. */
    public static final String REST_QUERY = "pmgateRestQuery";
    public static final String REST_PATH = "pmgateRestPath";
    /** The exchange's wire name ({@code kalshi}): the gateway route hands over to {@code direct:<exchange>}. */
    public static final String EXCHANGE_ROUTE = "pmgateExchangeRoute";
    /**
     * The operation's wire name ({@code create_order}): an exchange's entry route hands over to
     * {@code direct:<exchange>-<operation>}.
     */
    public static final String OPERATION_ROUTE = "pmgateOperationRoute";

    private Pipeline() {
    }
}
