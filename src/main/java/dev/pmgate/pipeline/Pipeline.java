package dev.pmgate.pipeline;

import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.Operation;
import dev.pmgate.credentials.TrackedSession;
import dev.pmgate.resilience.UpstreamGuard;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Names of the exchange properties that carry state along the pipeline (never message headers), and typed
 * reads of them. The reads look at the stored value as it is ({@code instanceof}), never through Camel's type
 * converters: every property is stored with its own type by the step that sets it.
 */
public final class Pipeline {

    /** {@link Operation} of the request, set by the entry route. */
    public static final String OPERATION = "pmgateOperation";
    /** {@link GatewayRequest} after validation. */
    public static final String REQUEST = "pmgateRequest";
    /** {@link dev.pmgate.credentials.TrackedSession}; closed on completion. */
    public static final String SESSION = "pmgateSession";
    /** Correlation id of the request (X-Request-Id or Kafka request_id). */
    public static final String REQUEST_ID = "pmgateRequestId";
    /** {@link Entry}: the door the request came in by, set by its reader. */
    public static final String ENTRY = "pmgateEntry";
    /** Exchange name as given by the caller, set by the entry route. */
    public static final String EXCHANGE_PARAM = "pmgateExchangeParam";
    /** The SPEC §2.3 error code the request was answered with (absent on success); a metric tag. */
    public static final String OUTCOME = "pmgateOutcome";
    /** {@code true} once a non-idempotent upstream request (an order) has been handed to the HTTP client. */
    public static final String WRITE_SENT = UpstreamGuard.WRITE_SENT;
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

    private Pipeline() {}

    /** The request's {@link Operation}, or {@code null} outside a private request (JWKS, OpenAPI). */
    public static Operation operation(Exchange exchange) {
        return exchange.getProperty(OPERATION) instanceof Operation op ? op : null;
    }

    /** The validated request, or {@code null} before validation. */
    public static GatewayRequest request(Exchange exchange) {
        return exchange.getProperty(REQUEST) instanceof GatewayRequest request ? request : null;
    }

    /** The door the request came in by, or {@code null} when no reader ran. */
    public static Entry entry(Exchange exchange) {
        return exchange.getProperty(ENTRY) instanceof Entry entry ? entry : null;
    }

    public static boolean fromKafka(Exchange exchange) {
        return entry(exchange) == Entry.KAFKA;
    }

    public static String requestId(Exchange exchange) {
        return exchange.getProperty(REQUEST_ID) instanceof String id ? id : null;
    }

    /** The exchange name as the caller gave it (unvalidated). */
    public static String exchangeParam(Exchange exchange) {
        return exchange.getProperty(EXCHANGE_PARAM) instanceof String name ? name : null;
    }

    /** The request's transient session, or {@code null} before the credentials step. */
    public static TrackedSession session(Exchange exchange) {
        return exchange.getProperty(SESSION) instanceof TrackedSession session ? session : null;
    }

    public static String outcome(Exchange exchange) {
        return exchange.getProperty(OUTCOME) instanceof String outcome ? outcome : null;
    }

    public static boolean writeSent(Exchange exchange) {
        return Boolean.TRUE.equals(exchange.getProperty(WRITE_SENT));
    }

    /** The {@code x-should-retry} override, or {@code null} when the error's own {@code retryable} applies. */
    public static Boolean shouldRetry(Exchange exchange) {
        return exchange.getProperty(SHOULD_RETRY) instanceof Boolean retry ? retry : null;
    }

    public static String restPath(Exchange exchange) {
        return exchange.getProperty(REST_PATH) instanceof String path ? path : null;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, String> restQuery(Exchange exchange) {
        return exchange.getProperty(REST_QUERY) instanceof Map<?, ?> query ? (Map<String, String>) query : null;
    }
}
