package dev.pmgate.pipeline;

import dev.pmgate.api.Causes;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.Operation;
import dev.pmgate.upstream.TransportFailure;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where any failure becomes a SPEC §2.3 error result. Unexpected exceptions are
 * logged by class and route only: library messages may quote input, so they are never logged or
 * returned.
 */
public class ErrorTranslator implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorTranslator.class);

    @Override
    public void process(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GatewayException error = translate(caught);
        // exchange answers already name their exchange (GatewayException.upstream); a transport failure
        // (timeout, reset) is named here from the validated request
        GatewayRequest request = Pipeline.request(exchange);
        if (error.exchange() == null
                && request != null
                && request.exchange() != null
                && TransportFailure.of(caught) != null) {
            error = error.withExchange(request.exchange().wireName()); // a timeout or reset talking to this exchange
        }
        if (orderFateUnknown(exchange, caught, error)) {
            // SPEC §2.3: the exchange may have placed the order. A blind retry (the Parsec SDK retries every
            // 5xx, without an idempotency key) could place it twice: x-should-retry false, and say why.
            // retryable stays as the table says (the failure itself is transient): retrying is safe with the key.
            boolean kafka = Pipeline.fromKafka(exchange);
            error = error.withMessage(
                    error.getMessage() + "; the order may or may not have been placed at the exchange."
                            + (kafka
                                    ? " Retry only with the same request_id (the same order identity), or look it up first."
                                    : " Do not retry blindly: retry only with the same Idempotency-Key (or client_order_id), "
                                            + "which returns the existing order instead of placing a second one, or look it up first."));
            exchange.setProperty(Pipeline.SHOULD_RETRY, Boolean.FALSE);
        }
        exchange.setProperty(Pipeline.OUTCOME, error.code().code());
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(GatewayResult.error(error));
    }

    /**
     * A create whose request reached the exchange (or may have) and then failed without a definite answer:
     * timeout, reset, exchange 5xx, an answer we could not read, or a bug after sending. A refused
     * connection or a call the gateway never made (breaker open, overload) leaves no doubt.
     */
    static boolean orderFateUnknown(Exchange exchange, Throwable caught, GatewayException error) {
        Operation op = Pipeline.operation(exchange);
        return (op == Operation.CREATE_ORDER || op == Operation.CREATE_ORDERS) // a batch create: its orders likewise
                && Pipeline.writeSent(exchange)
                && error.code().status() >= 500
                && TransportFailure.of(caught) != TransportFailure.UNREACHABLE;
    }

    /** Exception classes and stack frames, but never exception messages (they may quote input). */
    static String describe(Throwable caught) {
        if (caught == null) {
            return "unknown";
        }
        StringBuilder out = new StringBuilder();
        Throwable t = caught;
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            out.append(depth == 0 ? "" : " caused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(8, frames.length); i++) {
                out.append("\n\tat ").append(frames[i]);
            }
        }
        return out.toString();
    }

    public static GatewayException translate(Throwable caught) {
        GatewayException known = Causes.find(caught, GatewayException.class);
        if (known != null) {
            return known;
        }
        TransportFailure failure = TransportFailure.of(caught);
        if (failure != null) {
            return switch (failure) {
                case TIMEOUT -> new GatewayException(ErrorCode.UPSTREAM_TIMEOUT, "the exchange did not answer in time");
                case UNREACHABLE -> new GatewayException(ErrorCode.SERVICE_UNAVAILABLE, "the exchange is unreachable");
                case RESET -> new GatewayException(ErrorCode.UPSTREAM_ERROR, "the connection to the exchange failed");
            };
        }
        LOG.error("internal error: {}", describe(caught));
        return new GatewayException(ErrorCode.INTERNAL_ERROR, "internal error");
    }
}
