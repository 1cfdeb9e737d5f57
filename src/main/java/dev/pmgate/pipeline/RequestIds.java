package dev.pmgate.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.MDC;

/** Puts the request id on every log line of the request (MDC {@code request_id}) and clears it after. */
public final class RequestIds {

    public static final String MDC_KEY = "request_id";

    private RequestIds() {}

    public static void bind(Exchange exchange, String requestId) {
        exchange.setProperty(Pipeline.REQUEST_ID, requestId);
        MDC.put(MDC_KEY, requestId);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                MDC.remove(MDC_KEY);
            }
        });
    }
}
