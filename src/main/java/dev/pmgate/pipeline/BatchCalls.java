package dev.pmgate.pipeline;

import dev.pmgate.api.GatewayResult;
import dev.pmgate.upstream.UpstreamRequest;
import dev.pmgate.upstream.UpstreamResponse;
import org.apache.camel.Exchange;

/**
 * One batch operation (SPEC §10) as a sequence of upstream calls: the route asks for the next call,
 * sends it through the exchange's guarded, signed call route, and hands the answer back, until the
 * operation has nothing more to send; then it asks for the result. Kept in an exchange property for the
 * one request, never shared.
 */
public interface BatchCalls {

    /** The next upstream call, or {@code null} when the operation is complete. */
    UpstreamRequest next(Exchange exchange);

    /** The exchange's answer to the call {@link #next} returned last. */
    void absorb(Exchange exchange, UpstreamResponse response);

    /** The answer to the caller. */
    GatewayResult result();
}
