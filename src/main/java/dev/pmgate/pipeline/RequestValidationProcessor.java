package dev.pmgate.pipeline;

import dev.pmgate.api.EntryRequest;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.Operation;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Validates the {@link EntryRequest} in the body into a {@link GatewayRequest} (body and property). */
class RequestValidationProcessor implements Processor {

    private final RequestValidator validator;

    RequestValidationProcessor(RequestValidator validator) {
        this.validator = validator;
    }

    @Override
    public void process(Exchange exchange) {
        EntryRequest entry = exchange.getIn().getBody(EntryRequest.class);
        Operation op = Pipeline.operation(exchange);
        GatewayRequest request = validator.build(
                op, entry.exchange(), entry.order(), entry.orderId(), entry.query(), entry.idempotencyKey());
        exchange.setProperty(Pipeline.REQUEST, request);
        exchange.setProperty(Pipeline.EXCHANGE_ROUTE, request.exchange().wireName());
        exchange.setProperty(Pipeline.OPERATION_ROUTE, request.operation().wireName());
        exchange.getIn().setBody(request);
    }
}
