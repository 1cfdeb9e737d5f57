package dev.pmgate.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.Json;
import dev.pmgate.api.Operation;

/**
 * The batch operations on the request topic (SPEC §10): {@code create_orders} carries {@code orders},
 * {@code cancel_orders} {@code ids}, {@code amend_order} {@code order_id} and {@code order}
 * ({@code {price?, size?}}), {@code cancel_all} {@code query.market_id}. Turned into the body the REST
 * endpoint would have received, so both entries share one validation.
 */
final class KafkaBatchEnvelope {

    private KafkaBatchEnvelope() {}

    static JsonNode body(Operation operation, JsonNode envelope) {
        return switch (operation) {
            case CREATE_ORDERS -> wrap("orders", envelope.get("orders"));
            case CANCEL_ORDERS -> wrap("ids", envelope.get("ids"));
            case AMEND_ORDER -> {
                JsonNode order = envelope.get("order");
                if (order == null || order.isNull()) {
                    throw GatewayException.validation("order", "required for amend_order ({\"price\"?, \"size\"?})");
                }
                yield order;
            }
            default -> null;
        };
    }

    private static JsonNode wrap(String field, JsonNode items) {
        if (items == null || items.isNull()) {
            throw GatewayException.validation(field, "required");
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.set(field, items);
        return body;
    }
}
