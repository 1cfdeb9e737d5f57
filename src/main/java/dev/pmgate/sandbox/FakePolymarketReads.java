package dev.pmgate.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.polymarket.PolymarketAmounts;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.sandbox.FakePolymarket.Market;
import dev.pmgate.sandbox.FakePolymarket.Trade;
import dev.pmgate.sandbox.FakePolymarketHttp.Failure;
import dev.pmgate.sandbox.FakePolymarketLedger.KeyBinding;
import dev.pmgate.sandbox.FakePolymarketLedger.OrderState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Cancels and read endpoints, rendered in the CLOB's and Data API's shapes. Callers hold the ledger lock. */
final class FakePolymarketReads {

    static final String INITIAL_CURSOR = "MA==";
    static final String END_CURSOR = "LTE=";

    private final FakePolymarketLedger ledger;

    FakePolymarketReads(FakePolymarketLedger ledger) {
        this.ledger = ledger;
    }

    // ---- cancels ----------------------------------------------------------------------------------

    /** {@code {canceled:[ids], not_canceled:{id: reason}}}; only the key's own live orders are cancelled. */
    ObjectNode cancel(KeyBinding key, Collection<String> ids) {
        ObjectNode result = FakePolymarketHttp.JSON.createObjectNode();
        ArrayNode canceled = result.putArray("canceled");
        ObjectNode notCanceled = result.putObject("not_canceled");
        for (String id : ids) {
            OrderState order = ledger.orders.get(id);
            if (order == null || !key.address().equalsIgnoreCase(order.owner)) {
                notCanceled.put(id, "order not found");
            } else if (!order.live()) {
                notCanceled.put(id, "order can't be canceled: already canceled or matched");
            } else {
                order.status = "CANCELED";
                canceled.add(id);
            }
        }
        return result;
    }

    List<String> liveOrderIds(KeyBinding key, String conditionId, String tokenId) {
        return ledger.orders.values().stream()
                .filter(o -> o.live() && key.address().equalsIgnoreCase(o.owner))
                .filter(o ->
                        conditionId == null || FakePolymarketLedger.sameCondition(o.market.conditionId(), conditionId))
                .filter(o -> tokenId == null || o.tokenId.equals(tokenId))
                .map(o -> o.id)
                .toList();
    }

    // ---- orders and trades ------------------------------------------------------------------------

    ObjectNode openOrders(KeyBinding key, Map<String, String> query) {
        List<ObjectNode> rows = ledger.orders.values().stream()
                .filter(o -> o.live() && key.address().equalsIgnoreCase(o.owner))
                .filter(o -> !query.containsKey("id") || o.id.equalsIgnoreCase(query.get("id")))
                .filter(o -> !query.containsKey("market")
                        || FakePolymarketLedger.sameCondition(o.market.conditionId(), query.get("market")))
                .filter(o -> !query.containsKey("asset_id") || o.tokenId.equals(query.get("asset_id")))
                .map(FakePolymarketReads::openOrder)
                .toList();
        return page(rows, query.get("next_cursor"));
    }

    ObjectNode order(KeyBinding key, String orderId) {
        OrderState order = ledger.orders.get(orderId);
        if (order == null || !key.address().equalsIgnoreCase(order.owner)) {
            ledger.reject("data/order: unknown order " + orderId);
            throw new Failure(404, "order not found");
        }
        return openOrder(order);
    }

    ObjectNode trades(KeyBinding key, Map<String, String> query) {
        long after = longParam(query, "after", Long.MIN_VALUE);
        long before = longParam(query, "before", Long.MAX_VALUE);
        List<ObjectNode> rows = new ArrayList<>();
        for (Trade trade : ledger.trades) {
            if (!trade.address().equalsIgnoreCase(key.address())) {
                continue;
            }
            ObjectNode row = trade(trade, key.creds().apiKey());
            boolean keep = (!query.containsKey("id") || trade.id().equals(query.get("id")))
                    && (!query.containsKey("market")
                            || row.get("market").asText().equalsIgnoreCase(query.get("market")))
                    && (!query.containsKey("asset_id") || trade.tokenId().equals(query.get("asset_id")))
                    && (!query.containsKey("maker_address")
                            || row.get("maker_address").asText().equalsIgnoreCase(query.get("maker_address")))
                    && trade.matchTimeSeconds() >= after
                    && trade.matchTimeSeconds() <= before;
            if (keep) {
                rows.add(row);
            }
        }
        return page(rows, query.get("next_cursor"));
    }

    private static ObjectNode openOrder(OrderState order) {
        ObjectNode node = FakePolymarketHttp.JSON.createObjectNode();
        node.put("id", order.id);
        node.put("status", order.status);
        node.put("owner", order.apiKey);
        node.put("maker_address", order.maker);
        node.put("market", order.market.conditionId());
        node.put("asset_id", order.tokenId);
        node.put("side", order.side.name());
        node.put(
                "original_size",
                PolymarketAmounts.fromBaseUnits(order.originalUnits).toPlainString());
        node.put(
                "size_matched",
                PolymarketAmounts.fromBaseUnits(order.matchedUnits).toPlainString());
        node.put("price", order.price.toPlainString());
        ArrayNode trades = node.putArray("associate_trades");
        order.tradeIds.forEach(trades::add);
        node.put("outcome", order.outcome);
        node.put("created_at", order.createdAt);
        node.put("expiration", Long.toString(order.expiration));
        node.put("order_type", order.orderType);
        return node;
    }

    /**
     * The CLOB Trade object. Top-level side/size/price describe the taker; for a MAKER trade the account's
     * own order appears in {@code maker_orders} and the taker is a synthetic counterparty.
     */
    private ObjectNode trade(Trade trade, String apiKey) {
        OrderState order = ledger.orders.get(trade.orderId());
        Market market = ledger.marketsByToken.get(trade.tokenId());
        String outcome = market == null ? null : ledger.outcomeOf(market, trade.tokenId());
        String makerAddress = order != null ? order.maker : trade.address();
        boolean maker = "MAKER".equals(trade.traderSide());
        ObjectNode node = FakePolymarketHttp.JSON.createObjectNode();
        node.put("id", trade.id());
        node.put("taker_order_id", maker ? syntheticId("taker-of-" + trade.id()) : trade.orderId());
        node.put("market", market == null ? null : market.conditionId());
        node.put("asset_id", trade.tokenId());
        node.put("side", (maker ? opposite(trade.side()) : trade.side()).name());
        node.put("size", trade.size().toPlainString());
        node.put("fee_rate_bps", "0");
        node.put("price", trade.price().toPlainString());
        node.put("status", trade.status());
        node.put("match_time", Long.toString(trade.matchTimeSeconds()));
        node.put("last_update", Long.toString(trade.matchTimeSeconds()));
        node.put("outcome", outcome);
        node.put("bucket_index", 0);
        node.put("owner", maker ? "counterparty-api-key" : apiKey);
        node.put("maker_address", maker ? "0x0000000000000000000000000000000000000001" : makerAddress);
        node.put("transaction_hash", syntheticId("tx-of-" + trade.id()));
        ArrayNode makerOrders = node.putArray("maker_orders");
        if (maker) {
            ObjectNode own = makerOrders.addObject();
            own.put("order_id", trade.orderId());
            own.put("owner", apiKey);
            own.put("maker_address", makerAddress);
            own.put("matched_amount", trade.size().toPlainString());
            own.put("price", trade.price().toPlainString());
            own.put("fee_rate_bps", "0");
            own.put("asset_id", trade.tokenId());
            own.put("outcome", outcome);
            own.put("side", trade.side().name());
        }
        node.put("trader_side", trade.traderSide());
        return node;
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** {@code {data, next_cursor, limit, count}}; the cursor is base64 of the offset, {@code LTE=} at the end. */
    private ObjectNode page(List<ObjectNode> rows, String cursor) {
        int offset = decodeCursor(cursor);
        int pageSize = ledger.pageSize;
        List<ObjectNode> slice =
                offset >= rows.size() ? List.of() : rows.subList(offset, Math.min(rows.size(), offset + pageSize));
        int next = offset + slice.size();
        ObjectNode node = FakePolymarketHttp.JSON.createObjectNode();
        node.putArray("data").addAll(slice);
        node.put(
                "next_cursor",
                next >= rows.size()
                        ? END_CURSOR
                        : Base64.getEncoder()
                                .encodeToString(Integer.toString(next).getBytes(StandardCharsets.US_ASCII)));
        node.put("limit", pageSize);
        node.put("count", slice.size());
        return node;
    }

    private int decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty() || INITIAL_CURSOR.equals(cursor)) {
            return 0;
        }
        if (END_CURSOR.equals(cursor)) {
            return Integer.MAX_VALUE;
        }
        try {
            int offset = Integer.parseInt(new String(Base64.getDecoder().decode(cursor), StandardCharsets.US_ASCII));
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            ledger.reject("paging: bad next_cursor");
            throw new Failure(400, "invalid next_cursor");
        }
    }

    private long longParam(Map<String, String> query, String name, long fallback) {
        try {
            return query.containsKey(name) ? Long.parseLong(query.get(name)) : fallback;
        } catch (NumberFormatException e) {
            ledger.reject("trades: bad " + name);
            throw new Failure(400, "invalid " + name);
        }
    }

    private static PolymarketSide opposite(PolymarketSide side) {
        return side == PolymarketSide.BUY ? PolymarketSide.SELL : PolymarketSide.BUY;
    }

    private static String syntheticId(String seed) {
        UUID a = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
        UUID b = UUID.nameUUIDFromBytes((seed + "/2").getBytes(StandardCharsets.UTF_8));
        return "0x"
                + String.format(
                        "%016x%016x%016x%016x",
                        a.getMostSignificantBits(),
                        a.getLeastSignificantBits(),
                        b.getMostSignificantBits(),
                        b.getLeastSignificantBits());
    }
}
