package dev.pmgate.pipeline;

import dev.pmgate.api.BatchItemResult;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.upstream.UpstreamRequest;
import dev.pmgate.upstream.UpstreamResponse;
import org.apache.camel.Exchange;

/**
 * Drives a {@link BatchCalls} from a route's loop: {@code hasNext} (loop condition), {@code next}
 * (body = the call), {@code absorb} (body = the answer), {@code result}. Bounded, so a confused
 * exchange answer (a cursor that never ends) cannot loop forever.
 */
public class BatchRunner {

    private final io.micrometer.core.instrument.MeterRegistry meters;

    public BatchRunner(io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
    }

    /** Exchange property holding the request's {@link BatchCalls}. */
    public static final String STATE = "pmgateBatch";

    private static final String PENDING = "pmgateBatchPending";
    private static final String CALLS = "pmgateBatchCalls";
    private static final String SENT = "pmgateBatchSent";
    private static final String FAILED = "pmgateBatchFailed";
    static final int MAX_CALLS = 250;

    public static void begin(Exchange exchange, BatchCalls calls) {
        exchange.setProperty(STATE, calls);
        exchange.setProperty(CALLS, 0);
        exchange.removeProperty(PENDING);
        exchange.removeProperty(FAILED);
    }

    public boolean hasNext(Exchange exchange) {
        if (exchange.getException() != null || exchange.getProperty(FAILED) != null) {
            return false; // a failed step ends the operation (the loop may ask its condition once more)
        }
        if (exchange.getProperty(PENDING) != null) {
            return true;
        }
        UpstreamRequest next = state(exchange).next(exchange);
        if (next == null) {
            return false;
        }
        int calls = exchange.getProperty(CALLS, 0, Integer.class) + 1;
        if (calls > MAX_CALLS) {
            throw new GatewayException(
                    ErrorCode.UPSTREAM_ERROR, "the exchange's answers did not let the operation finish");
        }
        exchange.setProperty(CALLS, calls);
        exchange.setProperty(PENDING, next);
        return true;
    }

    public void next(Exchange exchange) {
        UpstreamRequest next = exchange.getProperty(PENDING, UpstreamRequest.class);
        exchange.removeProperty(PENDING);
        exchange.setProperty(SENT, next);
        exchange.getIn().setBody(next);
    }

    /**
     * A call that threw instead of answering (the route's doCatch): the operation ends and the failure is
     * passed on as it is. A batch create whose orders may have reached the exchange is answered by the
     * error translator like a single create of unknown fate (x-should-retry false, retry with the same key).
     */
    public void callFailed(Exchange exchange) {
        exchange.setProperty(FAILED, Boolean.TRUE);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (caught instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(caught);
    }

    public void absorb(Exchange exchange) {
        try {
            state(exchange).absorb(exchange, exchange.getIn().getBody(UpstreamResponse.class));
        } catch (RuntimeException e) {
            exchange.setProperty(FAILED, Boolean.TRUE);
            throw e;
        }
        exchange.getIn().setBody(null);
    }

    public GatewayResult result(Exchange exchange) {
        GatewayResult result = state(exchange).result();
        countItems(exchange, result);
        return result;
    }

    /**
     * {@code pmgate.batch.items{exchange, operation, outcome}}: one count per item of a batch answer, by the
     * item's SPEC error code or {@code ok} (a 200 batch answer can hide refused items from request metrics).
     */
    private void countItems(Exchange exchange, GatewayResult result) {
        GatewayRequest request = Pipeline.request(exchange);
        if (meters == null || request == null || !(result.payload() instanceof java.util.List<?> items)) {
            return;
        }
        for (Object item : items) {
            if (item instanceof BatchItemResult r) {
                meters.counter(
                                "pmgate.batch.items",
                                "exchange",
                                request.exchange().wireName(),
                                "operation",
                                request.operation().wireName(),
                                "outcome",
                                r.ok() ? "ok" : r.error().code())
                        .increment();
            }
        }
    }

    private static BatchCalls state(Exchange exchange) {
        BatchCalls calls = exchange.getProperty(STATE, BatchCalls.class);
        if (calls == null) {
            throw new IllegalStateException("no batch operation in progress");
        }
        return calls;
    }

    /**
     * A failure of item {@code index} while translating a batch (before anything is sent): the whole
     * request fails with that error, its problems named by the item's index.
     */
    public static GatewayException itemFailed(String field, int index, GatewayException e) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (String problem : e.validationErrors()) {
            problems.add(field + "[" + index + "]." + problem);
        }
        if (problems.isEmpty()) {
            problems.add(field + "[" + index + "]: " + e.getMessage());
        }
        String message = e.code() == ErrorCode.VALIDATION_ERROR
                ? "invalid batch: nothing was sent; the items named in validation_errors must be fixed"
                : e.getMessage() + " (" + field + "[" + index + "]; nothing was sent)";
        return new GatewayException(
                e.code(), message, problems, e.exchange(), e.upstream(), null, e.retryAfterSeconds());
    }
}
