package dev.pmgate.api;

/**
 * One private request after parsing and validation, whatever its entry point (REST or Kafka).
 * It carries no credential: those live only in the transient session.
 */
public record GatewayRequest(
        Operation operation,
        ExchangeName exchange,
        CreateOrderRequest order,
        String orderId,
        ListQuery query,
        String idempotencyKey,
        boolean raw,
        BatchRequest batch) {

    public GatewayRequest(
            Operation operation,
            ExchangeName exchange,
            CreateOrderRequest order,
            String orderId,
            ListQuery query,
            String idempotencyKey,
            boolean raw) {
        this(operation, exchange, order, orderId, query, idempotencyKey, raw, null);
    }
}
