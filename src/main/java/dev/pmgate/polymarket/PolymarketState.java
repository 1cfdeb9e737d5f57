package dev.pmgate.polymarket;

import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.Order;
import dev.pmgate.credentials.TrackedSession;
import dev.pmgate.pipeline.Pipeline;
import org.apache.camel.Exchange;

/**
 * The exchange properties Polymarket's routes carry between steps: each one named here, with one type,
 * read through a typed getter. Nothing else of this package stores state on the exchange.
 */
final class PolymarketState {

    /** {@link Signing}: how the next CLOB call is signed (set by the call routes and the batch). */
    static final String SIGNING = "pmgatePolymarketSigning";
    /** {@link PolymarketMarket}: the market a create is signed for (cache or public lookup). */
    static final String MARKET = "pmgatePolymarketMarket";
    /** {@link PolymarketRequestTranslator.PreparedOrder}: what a create signed, kept for its answer. */
    static final String PREPARED_ORDER = "pmgatePolymarketPreparedOrder";
    /** {@link GatewayResult}: the order an earlier attempt of a keyed create placed (absent when none). */
    static final String EARLIER_ORDER = "pmgatePolymarketEarlierOrder";
    /** {@link GatewayResult}: the created order while its {@code created_at} is read back. */
    static final String CREATED_ORDER = "pmgatePolymarketCreatedOrder";
    /** {@link Order}: the order read before a cancel. */
    static final String ORDER_TO_CANCEL = "pmgatePolymarketOrderToCancel";
    /** {@link PolymarketOrderPages}: the open orders read so far for one list page. */
    static final String ORDER_PAGES = "pmgatePolymarketOrderPages";
    /** {@link PolymarketPositionPages}: the Data API positions pages read so far. */
    static final String POSITION_PAGES = "pmgatePolymarketPositionPages";

    /** How a CLOB call is signed: L2 HMAC (private calls), L1 EIP-712 (API-key endpoints), or not at all. */
    enum Signing {
        L2,
        L1,
        NONE
    }

    private PolymarketState() {}

    static Signing signing(Exchange exchange) {
        Object value = exchange.getProperty(SIGNING);
        return value instanceof Signing s ? s : value == null ? Signing.NONE : Signing.valueOf(value.toString());
    }

    static void signing(Exchange exchange, Signing signing) {
        exchange.setProperty(SIGNING, signing);
    }

    static PolymarketSession session(Exchange exchange) {
        return session(exchange.getProperty(Pipeline.SESSION, TrackedSession.class));
    }

    static PolymarketSession session(TrackedSession tracked) {
        return tracked.unwrap(PolymarketSession.class);
    }
}
