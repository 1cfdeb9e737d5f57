package dev.pmgate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.BatchRequest;
import dev.pmgate.api.CreateOrderRequest;
import dev.pmgate.api.Decimals;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.ListQuery;
import dev.pmgate.api.Operation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation of the batch operations of SPEC §10. Every item is checked before anything is sent: one
 * invalid item fails the whole request with 400, its problems named by index ({@code orders[3].price: …}).
 */
final class BatchRequests {

    private BatchRequests() {}

    static int maxItems(ExchangeModule exchange) {
        return exchange.rules().maxBatchItems();
    }

    static GatewayRequest build(
            RequestValidator validator,
            Operation op,
            ExchangeModule exchange,
            JsonNode body,
            String orderId,
            Map<String, String> query,
            String idempotencyKey,
            boolean raw) {
        return switch (op) {
            case CREATE_ORDERS ->
                new GatewayRequest(
                        op,
                        exchange.name(),
                        null,
                        null,
                        null,
                        idempotencyKey,
                        raw,
                        new BatchRequest(orders(validator, exchange, body), null, null, null, null));
            case CANCEL_ORDERS ->
                new GatewayRequest(
                        op,
                        exchange.name(),
                        null,
                        null,
                        null,
                        null,
                        raw,
                        new BatchRequest(null, ids(exchange, body), null, null, null));
            case CANCEL_ALL -> {
                ListQuery q = validator.parseQuery(exchange, op, query);
                yield new GatewayRequest(
                        op,
                        exchange.name(),
                        null,
                        null,
                        q,
                        null,
                        raw,
                        new BatchRequest(null, null, q.marketId(), null, null));
            }
            case AMEND_ORDER -> amend(op, exchange, body, orderId, raw);
            default -> throw new IllegalArgumentException("not a batch operation");
        };
    }

    private static JsonNode object(JsonNode body, String what) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw GatewayException.validation("body", "a JSON object " + what + " is required");
        }
        if (!body.isObject()) {
            throw GatewayException.validation("body", "must be a JSON object");
        }
        RequestValidator.refuseCredentialFields(body, "");
        return body;
    }

    private static JsonNode array(JsonNode body, String field, ExchangeModule exchange) {
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals(field)) {
                unknown.add(RequestValidator.safeName(name) + ": unknown field");
            }
        });
        if (!unknown.isEmpty()) {
            throw GatewayException.validation(unknown);
        }
        JsonNode items = body.get(field);
        if (items == null || items.isNull()) {
            throw GatewayException.validation(field, "required");
        }
        if (!items.isArray()) {
            throw GatewayException.validation(field, "must be an array");
        }
        int max = maxItems(exchange);
        if (items.isEmpty() || items.size() > max) {
            throw GatewayException.validation(
                    field, "1 to " + max + " items on " + exchange.name().wireName() + " (got " + items.size() + ")");
        }
        return items;
    }

    private static List<CreateOrderRequest> orders(RequestValidator validator, ExchangeModule exchange, JsonNode body) {
        JsonNode items = array(object(body, "{\"orders\":[…]}"), "orders", exchange);
        List<CreateOrderRequest> orders = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, Integer> clientIds = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                CreateOrderRequest order = validator.parseOrder(exchange.rules(), items.get(i));
                orders.add(order);
                if (order.clientOrderId() != null) {
                    Integer first = clientIds.putIfAbsent(order.clientOrderId(), i);
                    if (first != null) {
                        errors.add("orders[" + i + "].client_order_id: repeats orders[" + first + "]");
                    }
                }
            } catch (GatewayException e) {
                if (e.code() != ErrorCode.VALIDATION_ERROR) {
                    throw e; // credentials in an item: refused as a whole, as for a single order
                }
                for (String problem : e.validationErrors()) {
                    errors.add("orders[" + i + "]." + problem);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw itemsInvalid(errors);
        }
        return List.copyOf(orders);
    }

    static GatewayException itemsInvalid(List<String> errors) {
        return new GatewayException(
                ErrorCode.VALIDATION_ERROR,
                "invalid batch: nothing was sent; the items named in validation_errors must be fixed",
                errors,
                null,
                null,
                null,
                null);
    }

    private static List<String> ids(ExchangeModule exchange, JsonNode body) {
        JsonNode items = array(object(body, "{\"ids\":[…]}"), "ids", exchange);
        List<String> ids = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isTextual()) {
                errors.add("ids[" + i + "]: must be a string");
                continue;
            }
            try {
                String id = RequestValidator.validOrderId(exchange.rules(), item.textValue());
                if (!seen.add(id.toLowerCase(java.util.Locale.ROOT))) {
                    errors.add("ids[" + i + "]: given more than once");
                }
                ids.add(id);
            } catch (GatewayException e) {
                for (String problem : e.validationErrors()) {
                    errors.add("ids[" + i + "]" + problem.substring("id".length()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw itemsInvalid(errors);
        }
        return List.copyOf(ids);
    }

    private static GatewayRequest amend(
            Operation op, ExchangeModule exchange, JsonNode body, String orderId, boolean raw) {
        String id = RequestValidator.validOrderId(exchange.rules(), orderId);
        JsonNode amend = object(body, "{\"price\"?,\"size\"?}");
        List<String> errors = new ArrayList<>();
        amend.fieldNames().forEachRemaining(name -> {
            if (!name.equals("price") && !name.equals("size")) {
                errors.add(RequestValidator.safeName(name) + ": unknown field");
            }
        });
        BigDecimal price = optionalDecimal(amend, "price", errors);
        if (price != null && (price.signum() <= 0 || price.compareTo(BigDecimal.ONE) >= 0)) {
            errors.add("price: must be between 0 and 1 (exclusive)");
        }
        BigDecimal size = optionalDecimal(amend, "size", errors);
        if (size != null && size.signum() <= 0) {
            errors.add("size: must be greater than 0 (cancel the order to remove it)");
        }
        if (size != null && size.compareTo(new BigDecimal("1000000000")) > 0) {
            errors.add("size: too large");
        }
        if (errors.isEmpty() && price == null && size == null) {
            errors.add("body: give price, size or both");
        }
        if (!errors.isEmpty()) {
            throw GatewayException.validation(errors);
        }
        String refusal = exchange.rules().amendRefusal();
        if (refusal != null) {
            throw new GatewayException(
                    ErrorCode.NOT_SUPPORTED, refusal, List.of(), exchange.name().wireName(), null, null, null);
        }
        return new GatewayRequest(
                op,
                exchange.name(),
                null,
                id,
                null,
                null,
                raw,
                new BatchRequest(null, null, null, Decimals.normalize(price), Decimals.normalize(size)));
    }

    private static BigDecimal optionalDecimal(JsonNode node, String field, List<String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return RequestValidator.decimal(node, field, errors);
    }
}
