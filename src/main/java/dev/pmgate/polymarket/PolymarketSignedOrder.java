package dev.pmgate.polymarket;

/** An order with its 65-byte signature (0x hex) and its order hash (the CLOB order id). */
public record PolymarketSignedOrder(PolymarketOrderV2 order, String signature, String orderHash) {

    public PolymarketSignedOrder {
        if (order == null || signature == null || orderHash == null) {
            throw new IllegalArgumentException("signed order: order, signature and orderHash are required");
        }
    }
}
