package dev.pmgate.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.Json;
import dev.pmgate.api.Order;
import dev.pmgate.pipeline.Pipeline;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/** Writes the result envelope of SPEC §4, keyed by request_id, with no header but the request id. */
class KafkaResultWriter implements Processor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaResultWriter.class);

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        GatewayResult result = exchange.getIn().getBody(GatewayResult.class);
        String requestId = Pipeline.requestId(exchange);
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("request_id", requestId);
        envelope.put("op", exchange.getProperty(KafkaRequestReader.REQUEST_OP, String.class));
        envelope.put("exchange", Pipeline.exchangeParam(exchange));
        envelope.put("ok", result.isOk());
        envelope.put("status", result.status());
        if (result.isOk()) {
            if (result.payload() instanceof Order order && Boolean.TRUE.equals(order.duplicate())) {
                envelope.put("duplicate", true);
            }
            if (dev.pmgate.api.BatchItemResult.allDuplicates(result.payload())) {
                envelope.put("duplicate", true); // a redelivered create_orders: every item was already placed
            }
            envelope.putPOJO("result", result.payload()); // serialized once, with the envelope (no intermediate tree)
            if (result.payload() instanceof dev.pmgate.api.ListPage page) {
                // SPEC §2.2: the array is the result, the next page's cursor sits beside it (null on the last page)
                envelope.put("next_cursor", page.nextCursor());
            }
        } else {
            envelope.putPOJO("error", result.payload());
            if (result.retryAfterSeconds() != null) {
                envelope.put("retry_after", result.retryAfterSeconds());
            }
        }
        // DEBUG, like REST (which logs no line per request): at INFO this line and its redaction pass were 5–10 %
        // of a Kafka record's CPU (issue 13); pmgate.requests{entry="kafka",outcome} counts every answer
        LOG.debug(
                "kafka request {} op={} answered status={}",
                requestId,
                exchange.getProperty(KafkaRequestReader.REQUEST_OP, String.class),
                result.status());
        var in = exchange.getIn();
        in.removeHeaders("*");
        in.setHeader(KafkaConstants.KEY, requestId);
        in.setHeader("X-Request-Id", requestId);
        in.setBody(Json.mapper().writeValueAsString(envelope));
    }
}
