package dev.pmgate.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * The validated payload of a batch operation (SPEC §10): the orders of a batch create, the ids of a
 * cancel-many, the market of a cancel-all, or the new price and size of an amend.
 */
public record BatchRequest(
        List<CreateOrderRequest> orders, List<String> ids, String marketId, BigDecimal price, BigDecimal size) {

    /**
     * The idempotency key of item {@code index} of a batch whose key is {@code batchKey}: a pure
     * function of (key, index), so a retried batch signs every item exactly as before. The separator is
     * a space, which no caller key can contain (printable ASCII without space), so an item key never
     * equals the key of a single order.
     */
    public static String itemKey(String batchKey, int index) {
        return batchKey == null ? null : batchKey + " " + index;
    }

    /** Item {@code index} of a batch create as the single create request it is translated like. */
    public static GatewayRequest item(GatewayRequest batch, int index) {
        return new GatewayRequest(
                Operation.CREATE_ORDER,
                batch.exchange(),
                batch.batch().orders().get(index),
                null,
                null,
                itemKey(batch.idempotencyKey(), index),
                batch.raw());
    }
}
