package dev.pmgate.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.CredentialsHeader;
import dev.pmgate.api.EntryRequest;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.Json;
import dev.pmgate.api.Operation;
import dev.pmgate.pipeline.Entry;
import dev.pmgate.pipeline.Headers;
import dev.pmgate.pipeline.Pipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Reads a request record (SPEC §4) into an {@link EntryRequest}. Records that cannot be answered —
 * not JSON, no usable request_id — become dead letters; anything else wrong is answered on the
 * result topic by the pipeline's normal error path.
 */
class KafkaRequestReader implements Processor {

    static final String REQUEST_OP = "pmgateKafkaOp";
    static final String COMMIT = "pmgateKafkaCommit";
    /** Whether this is its partition's last record of the poll (Camel's header; absent: treat as last). */
    static final String LAST_OF_POLL = "pmgateKafkaLastOfPoll";

    static final String ORIGINAL_VALUE = "pmgateKafkaOriginalValue";
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public void process(Exchange exchange) {
        var in = exchange.getIn();
        exchange.setProperty(Pipeline.ENTRY, Entry.KAFKA);
        exchange.setProperty(COMMIT, in.getHeader(KafkaConstants.MANUAL_COMMIT));
        exchange.setProperty(LAST_OF_POLL, in.getHeader(KafkaConstants.LAST_RECORD_BEFORE_COMMIT));
        byte[] value = in.getBody(byte[].class);
        exchange.setProperty(ORIGINAL_VALUE, value);
        Headers.keepOnly(in, CredentialsHeader.API_KEY, CredentialsHeader.NAME);
        JsonNode envelope = parse(value);
        JsonNode requestId = envelope.get("request_id");
        if (requestId == null
                || !requestId.isTextual()
                || !REQUEST_ID.matcher(requestId.textValue()).matches()) {
            throw new UnparseableRecordException(
                    "missing_request_id", "request_id is missing or not 1-128 characters of letters, digits and ._:-");
        }
        dev.pmgate.pipeline.RequestIds.bind(exchange, requestId.textValue());
        String op = text(envelope, "op");
        exchange.setProperty(REQUEST_OP, op);
        String exchangeName = text(envelope, "exchange");
        exchange.setProperty(Pipeline.EXCHANGE_PARAM, exchangeName);
        Operation operation = Operation.fromWireName(op)
                .orElseThrow(() -> new GatewayException(
                        ErrorCode.BAD_REQUEST,
                        "unknown op",
                        List.of("op: must be one of create_order, list_orders, get_order, "
                                + "cancel_order, get_positions, get_fills, get_balance, create_orders, cancel_orders, cancel_all, "
                                + "amend_order"),
                        null,
                        null,
                        null,
                        null));
        exchange.setProperty(Pipeline.OPERATION, operation);
        JsonNode order = envelope.get("order");
        if (operation == Operation.CREATE_ORDER && (order == null || order.isNull())) {
            throw GatewayException.validation("order", "required for create_order");
        }
        JsonNode body = operation == Operation.CREATE_ORDER
                ? order
                : operation.isBatch() ? KafkaBatchEnvelope.body(operation, envelope) : null;
        in.setBody(new EntryRequest(
                exchangeName, body, text(envelope, "order_id"), query(envelope.get("query")), requestId.textValue()));
    }

    private static JsonNode parse(byte[] value) {
        if (value == null || value.length == 0) {
            throw new UnparseableRecordException("not_json", "record value is empty");
        }
        try {
            JsonNode node = Json.mapper().readTree(value);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (Exception e) {
            // fall through to the dead letter below
        }
        throw new UnparseableRecordException("not_json", "record value is not a JSON object");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw GatewayException.validation(field, "must be a string");
        }
        return value.textValue();
    }

    private static Map<String, String> query(JsonNode query) {
        Map<String, String> map = new LinkedHashMap<>();
        if (query == null || query.isNull()) {
            return map;
        }
        if (!query.isObject()) {
            throw GatewayException.validation("query", "must be an object");
        }
        query.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                map.put(e.getKey(), v.asText());
            } else if (!v.isNull()) {
                throw GatewayException.validation("query", "values must be strings, numbers or booleans");
            }
        });
        return map;
    }
}
