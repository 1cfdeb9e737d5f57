package dev.pmgate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Writes a {@link GatewayResult} as the REST response: JSON body, status, and only our own headers. */
public class HttpResponseWriter implements Processor {

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        GatewayResult result = exchange.getIn().getBody(GatewayResult.class);
        var in = exchange.getIn();
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, result.status());
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        String requestId = exchange.getProperty(Pipeline.REQUEST_ID, String.class);
        if (requestId != null) {
            in.setHeader("X-Request-Id", requestId);
        }
        if (result.retryAfterSeconds() != null) {
            in.setHeader("Retry-After", Long.toString(result.retryAfterSeconds()));
        }
        in.setBody(Json.mapper().writeValueAsBytes(result.payload()));
    }
}
