package dev.pmgate.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.api.BatchItemResult;
import dev.pmgate.api.BatchRequest;
import dev.pmgate.api.CancelAllResult;
import dev.pmgate.api.Decimals;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.Json;
import dev.pmgate.api.Order;
import dev.pmgate.pipeline.BatchCalls;
import dev.pmgate.pipeline.BatchRunner;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.upstream.UpstreamRequest;
import dev.pmgate.upstream.UpstreamResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Kalshi's batch operations (SPEC §10) on its V2 event-order endpoints: batched create and cancel,
 * cancel-all, amend and decrease (reference kalshi.md §4.2, §4.6–4.9). Every item is translated by the
 * single-order translator and every answer read by the single-order normalizer.
 */
class KalshiBatch {

    static final String BATCHED = KalshiRequestTranslator.EVENT_ORDERS + "/batched";
    /** Kalshi's list page size (1–1000); the snapshot of resting orders reads whole pages. */
    static final int PAGE = 1000;
    /** Batched cancel size used by cancel-all of one market: the batched-create size, 20. */
    static final int CANCEL_CHUNK = 20;
    /** Bound of the snapshot: Kalshi caps open orders at 200 000 per user, 200 pages of 1000. */
    static final int MAX_PAGES = 200;

    private final KalshiRequestTranslator translator;
    private final KalshiNormalizer normalizer;

    KalshiBatch(KalshiRequestTranslator translator, KalshiNormalizer normalizer) {
        this.translator = translator;
        this.normalizer = normalizer;
    }

    /** Builds the operation of the request (translating every item first: nothing is sent if one fails). */
    public void start(Exchange exchange) {
        GatewayRequest request = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class);
        BatchCalls calls = switch (request.operation()) {
            case CREATE_ORDERS -> new CreateOrders(request);
            case CANCEL_ORDERS -> new CancelOrders(request.batch().ids());
            case CANCEL_ALL -> new CancelAll(request.batch().marketId());
            case AMEND_ORDER -> new Amend(request);
            default -> throw new IllegalStateException("not a batch operation");
        };
        BatchRunner.begin(exchange, calls);
    }

    // ------------------------------------------------------------------ batch create

    private final class CreateOrders implements BatchCalls {
        private final List<GatewayRequest> items = new ArrayList<>();
        private final BatchItemResult[] results;
        private final String body;
        private boolean sent;
        /** Items Kalshi refused as duplicate client_order_ids, by market: one order lookup per market. */
        private final Map<String, List<Integer>> duplicates = new LinkedHashMap<>();

        private List<Integer> lookingUp;

        CreateOrders(GatewayRequest batch) {
            int n = batch.batch().orders().size();
            results = new BatchItemResult[n];
            ArrayNode orders = Json.mapper().createArrayNode();
            GatewayException failure = null;
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                GatewayRequest item = BatchRequest.item(batch, i);
                items.add(item);
                try {
                    orders.add(
                            Json.mapper().readTree(translator.createOrder(item).body()));
                } catch (GatewayException e) {
                    GatewayException named = BatchRunner.itemFailed("orders", i, e);
                    failure = failure == null ? named : failure;
                    problems.addAll(named.validationErrors());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (failure != null) {
                throw new GatewayException(
                        failure.code(),
                        failure.getMessage(),
                        problems,
                        failure.exchange(),
                        failure.upstream(),
                        null,
                        null);
            }
            ObjectNode root = Json.mapper().createObjectNode();
            root.set("orders", orders);
            body = root.toString();
        }

        @Override
        public UpstreamRequest next(Exchange exchange) {
            if (!sent) {
                sent = true;
                return UpstreamRequest.post(BATCHED, body);
            }
            if (duplicates.isEmpty()) {
                return null;
            }
            String market = duplicates.keySet().iterator().next();
            lookingUp = duplicates.remove(market);
            return translator.findByClientOrderId(items.get(lookingUp.get(0)));
        }

        @Override
        public void absorb(Exchange exchange, UpstreamResponse response) {
            if (lookingUp != null) {
                for (int i : lookingUp) {
                    try {
                        results[i] = BatchItemResult.ok(i, (Order) normalizer
                                .duplicateOrder(response, items.get(i))
                                .payload());
                    } catch (GatewayException e) {
                        results[i] = BatchItemResult.failed(i, e);
                    }
                }
                lookingUp = null;
                return;
            }
            if (response.status() >= 500) {
                throw KalshiErrorTranslator.translate(response, true); // unknown fate: see ErrorTranslator
            }
            JsonNode answers = itemsOf(response, true);
            if (answers.size() != results.length) {
                throw KalshiErrorTranslator.malformed(response);
            }
            for (int i = 0; i < results.length; i++) {
                try {
                    UpstreamResponse answer = itemResponse(answers.get(i), 201);
                    if (normalizer.isDuplicate(answer)) {
                        duplicates
                                .computeIfAbsent(items.get(i).order().marketId(), m -> new ArrayList<>())
                                .add(i);
                    } else {
                        results[i] = BatchItemResult.ok(i, (Order)
                                normalizer.createdOrder(answer, items.get(i)).payload());
                    }
                } catch (GatewayException e) {
                    results[i] = BatchItemResult.failed(i, e);
                }
            }
        }

        @Override
        public GatewayResult result() {
            return GatewayResult.ok(200, Arrays.asList(results));
        }
    }

    // ------------------------------------------------------------------ cancel many

    /** Reads the account's resting orders (all subaccounts), page by page, optionally of one market. */
    private abstract static class RestingSnapshot {
        final Map<String, KalshiWire.Order> resting = new LinkedHashMap<>();
        private final String market;
        private String cursor;
        private int pages;
        private boolean done;

        RestingSnapshot(String market) {
            this.market = market;
        }

        /** Whether the snapshot has read enough (every page, or what the operation needs). */
        boolean complete() {
            return done;
        }

        abstract boolean enough();

        UpstreamRequest nextPage() {
            return UpstreamRequest.get(
                    KalshiRequestTranslator.ORDERS,
                    UpstreamRequest.query("ticker", market, "status", "resting", "limit", PAGE, "cursor", cursor));
        }

        void absorbPage(UpstreamResponse response) {
            KalshiWire.OrderList list = KalshiNormalizer.read(response, KalshiWire.OrderList.class, false);
            if (list.orders() == null) {
                throw KalshiErrorTranslator.malformed(response);
            }
            for (KalshiWire.Order o : list.orders()) {
                if (o.orderId() != null && "resting".equals(o.status())) {
                    resting.put(o.orderId(), o);
                }
            }
            pages++;
            cursor = list.cursor() == null || list.cursor().isEmpty() ? null : list.cursor();
            done = cursor == null || enough() || pages >= MAX_PAGES;
        }
    }

    private final class CancelOrders extends RestingSnapshot implements BatchCalls {
        private final List<String> ids;
        private final Map<String, BatchItemResult> results = new HashMap<>();
        private List<String> sending;
        private boolean cancelled;

        CancelOrders(List<String> ids) {
            super(null);
            this.ids = ids;
        }

        @Override
        boolean enough() {
            return resting.keySet().containsAll(ids);
        }

        @Override
        public UpstreamRequest next(Exchange exchange) {
            if (!complete()) {
                return nextPage();
            }
            if (cancelled) {
                return null;
            }
            cancelled = true;
            sending = ids.stream().filter(resting::containsKey).toList();
            return sending.isEmpty() ? null : batchCancel(sending, resting);
        }

        @Override
        public void absorb(Exchange exchange, UpstreamResponse response) {
            if (!complete()) {
                absorbPage(response);
                return;
            }
            absorbCancel(response, sending, (id, answer) -> {
                try {
                    Order order = (Order) normalizer
                            .cancelledOrder(itemResponse(answer, 200), resting.get(id))
                            .payload();
                    results.put(id, BatchItemResult.ok(ids.indexOf(id), order));
                } catch (GatewayException e) {
                    results.put(id, BatchItemResult.failed(ids.indexOf(id), e));
                }
            });
        }

        @Override
        public GatewayResult result() {
            return GatewayResult.ok(200, BatchItemResult.cancelled(ids, results));
        }
    }

    private static UpstreamRequest batchCancel(List<String> ids, Map<String, KalshiWire.Order> resting) {
        ArrayNode orders = Json.mapper().createArrayNode();
        for (String id : ids) {
            KalshiWire.Order o = resting.get(id);
            ObjectNode item = orders.addObject();
            item.put("order_id", id);
            // routes each item to its market's exchange shard (changes-2026 A.8)
            item.put("market_ticker", o.ticker());
            if (o.subaccountNumber() != null && o.subaccountNumber() != 0) {
                item.put("subaccount", o.subaccountNumber());
            }
        }
        ObjectNode root = Json.mapper().createObjectNode();
        root.set("orders", orders);
        return UpstreamRequest.delete(BATCHED, Map.of(), root.toString());
    }

    /** Hands each answered item of a batched cancel to {@code each} (by its order id, else by position). */
    private static void absorbCancel(
            UpstreamResponse response, List<String> sent, java.util.function.BiConsumer<String, JsonNode> each) {
        JsonNode answers = itemsOf(response, true);
        if (answers.size() != sent.size()) {
            throw KalshiErrorTranslator.malformed(response);
        }
        for (int i = 0; i < answers.size(); i++) {
            JsonNode answer = answers.get(i);
            String id = answer.path("order_id").asText("");
            each.accept(sent.contains(id) ? id : sent.get(i), answer);
        }
    }

    // ------------------------------------------------------------------ cancel all

    private final class CancelAll extends RestingSnapshot implements BatchCalls {
        private final String market;
        private final List<String> cancelled = new ArrayList<>();
        private final List<CancelAllResult.NotCancelled> refused = new ArrayList<>();
        private List<String> remaining;
        private List<String> sending;
        private boolean cancelAllSent;

        CancelAll(String market) {
            super(market);
            this.market = market;
        }

        @Override
        boolean enough() {
            return false;
        }

        @Override
        public UpstreamRequest next(Exchange exchange) {
            if (!complete()) {
                return nextPage();
            }
            if (market == null) {
                // Kalshi's own cancel-all (all subaccounts): it also catches orders placed after the snapshot
                if (cancelAllSent) {
                    return null;
                }
                cancelAllSent = true;
                return UpstreamRequest.delete(KalshiRequestTranslator.EVENT_ORDERS, Map.of(), null);
            }
            if (remaining == null) {
                remaining = new ArrayList<>(resting.keySet());
            }
            if (remaining.isEmpty()) {
                return null;
            }
            List<String> chunk = remaining.subList(0, Math.min(CANCEL_CHUNK, remaining.size()));
            sending = List.copyOf(chunk);
            chunk.clear();
            return batchCancel(sending, resting);
        }

        @Override
        public void absorb(Exchange exchange, UpstreamResponse response) {
            if (!complete()) {
                absorbPage(response);
                return;
            }
            if (market == null) {
                if (!response.is2xx()) {
                    throw KalshiErrorTranslator.translate(response, false);
                }
                cancelled.addAll(resting.keySet());
                return;
            }
            absorbCancel(response, sending, (id, answer) -> {
                JsonNode error = answer.get("error");
                if (error != null && error.isObject()) {
                    GatewayException e = itemError(error);
                    refused.add(new CancelAllResult.NotCancelled(
                            id,
                            e.upstream() != null && e.upstream().message() != null
                                    ? e.upstream().message()
                                    : e.getMessage()));
                } else {
                    cancelled.add(id);
                }
            });
        }

        @Override
        public GatewayResult result() {
            return GatewayResult.ok(200, new CancelAllResult(cancelled, refused));
        }
    }

    // ------------------------------------------------------------------ amend / decrease

    /**
     * {@code PATCH /orders/{id}}: a size cut at the same price is Kalshi's decrease (the order keeps its
     * queue priority); a new price or a larger size is Kalshi's amend, whose {@code count} is the new total
     * (filled + resting). The order is read first: it names the market, book side and shard.
     */
    private final class Amend implements BatchCalls {
        private final GatewayRequest request;
        private KalshiWire.Order current;
        private Order before;
        private BigDecimal price;
        private BigDecimal size;
        private boolean decrease;
        private Order after;
        private boolean written;

        Amend(GatewayRequest request) {
            this.request = request;
        }

        @Override
        public UpstreamRequest next(Exchange exchange) {
            if (current == null) {
                return translator.getOrder(request);
            }
            if (written || after != null) {
                return null;
            }
            written = true;
            boolean bid = "bid".equals(current.bookSide())
                    || (current.bookSide() == null && "yes".equals(current.outcomeSide()));
            Integer subaccount = current.subaccountNumber() != null && current.subaccountNumber() != 0
                    ? current.subaccountNumber()
                    : null;
            ObjectNode body = Json.mapper().createObjectNode();
            String path = KalshiRequestTranslator.EVENT_ORDERS + "/" + current.orderId();
            if (decrease) {
                body.put(
                        "reduce_by",
                        KalshiRequestTranslator.countString(before.size().subtract(size)));
                body.put("market_ticker", current.ticker());
                path += "/decrease";
            } else {
                body.put("ticker", current.ticker());
                body.put("side", bid ? "bid" : "ask");
                body.put("price", KalshiRequestTranslator.priceString(bid ? price : BigDecimal.ONE.subtract(price)));
                body.put("count", KalshiRequestTranslator.countString(size));
                path += "/amend";
            }
            return new UpstreamRequest(
                    "POST", path, UpstreamRequest.query("subaccount", subaccount), body.toString(), false);
        }

        @Override
        public void absorb(Exchange exchange, UpstreamResponse response) {
            if (current == null) {
                current = normalizer.orderToCancel(response);
                before = KalshiNormalizer.order(current);
                price = request.batch().price() != null ? request.batch().price() : before.price();
                size = request.batch().size() != null ? request.batch().size() : before.size();
                if (before.price() == null || before.size() == null || before.filled() == null) {
                    throw KalshiErrorTranslator.malformed(response);
                }
                if (size.compareTo(before.filled()) <= 0) {
                    throw GatewayException.validation(
                            "size",
                            "must exceed what is already filled ("
                                    + before.filled().toPlainString() + "); cancel the order instead");
                }
                boolean samePrice = price.compareTo(before.price()) == 0;
                if (samePrice && size.compareTo(before.size()) == 0) {
                    after = before; // nothing to change: the order as it stands (a retried amend lands here)
                }
                decrease = samePrice && size.compareTo(before.size()) < 0;
                return;
            }
            if (!response.is2xx()) {
                throw KalshiErrorTranslator.translate(response, true);
            }
            JsonNode root = response.json();
            if (root == null || !root.isObject() || root.has("error")) {
                throw KalshiErrorTranslator.malformed(response);
            }
            BigDecimal remaining = decimal(root, "remaining_count");
            BigDecimal total;
            if (decrease) {
                if (remaining == null) {
                    throw KalshiErrorTranslator.malformed(response);
                }
                total = before.filled().add(remaining);
            } else {
                total = size;
                if (remaining == null) {
                    remaining = size.subtract(before.filled());
                }
            }
            BigDecimal filled = total.subtract(remaining).max(BigDecimal.ZERO);
            String status = remaining.signum() > 0 ? (filled.signum() > 0 ? "partially_filled" : "open") : "filled";
            String updated = root.hasNonNull("ts_ms")
                    ? Instant.ofEpochMilli(root.get("ts_ms").asLong()).toString()
                    : before.updatedAt();
            String id = root.hasNonNull("order_id") ? root.get("order_id").asText() : before.id();
            after = new Order(
                    id,
                    before.exchange(),
                    before.marketId(),
                    before.outcome(),
                    before.side(),
                    Decimals.normalize(price),
                    Decimals.normalize(total),
                    Decimals.normalize(filled),
                    Decimals.normalize(remaining),
                    status,
                    before.orderType(),
                    before.clientOrderId(),
                    before.createdAt(),
                    updated,
                    null);
        }

        @Override
        public GatewayResult result() {
            return GatewayResult.ok(200, after);
        }
    }

    // ------------------------------------------------------------------ wire helpers

    /** The {@code orders} array of a batched answer; a refused call as a whole is its translated error. */
    private static JsonNode itemsOf(UpstreamResponse response, boolean orderOperation) {
        if (!response.is2xx()) {
            throw KalshiErrorTranslator.translate(response, orderOperation);
        }
        JsonNode root = response.json();
        JsonNode orders = root == null || !root.isObject() ? null : root.get("orders");
        if (orders == null || !orders.isArray()) {
            throw KalshiErrorTranslator.malformed(response);
        }
        return orders;
    }

    /**
     * One item of a batched answer as the single call's answer would have been: a success body, or its
     * {@code error} object under the HTTP status the single call answers that code with.
     */
    static UpstreamResponse itemResponse(JsonNode item, int okStatus) {
        JsonNode error = item.get("error");
        if (error != null && error.isObject()) {
            ObjectNode wrapped = Json.mapper().createObjectNode();
            wrapped.set("error", error);
            return new UpstreamResponse(statusOf(error.path("code").asText("")), null, wrapped.toString());
        }
        JsonNode success = item.deepCopy();
        if (success.isObject()) {
            ((ObjectNode) success).remove("error"); // "error": null on a successful item
        }
        return new UpstreamResponse(okStatus, null, success.toString());
    }

    private static GatewayException itemError(JsonNode error) {
        return KalshiErrorTranslator.translate(
                itemResponse(Json.mapper().createObjectNode().set("error", error), 200), true);
    }

    /** Status of a per-item error code (Kalshi gives none per item): as its single endpoints answer it. */
    static int statusOf(String code) {
        String c = code.toLowerCase(Locale.ROOT);
        if (c.equals("order_already_exists")) {
            return 409;
        }
        if (c.contains("not_found")) {
            return 404;
        }
        if (c.contains("too_many") || c.contains("rate_limit")) {
            return 429;
        }
        if (c.contains("internal") || c.contains("unavailable")) {
            return c.contains("unavailable") ? 503 : 500;
        }
        if (c.contains("authentication") || c.contains("unauthorized")) {
            return 401;
        }
        return 400;
    }

    private static BigDecimal decimal(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return null;
        }
        try {
            return Decimals.normalize(new BigDecimal(v.asText().trim()));
        } catch (NumberFormatException e) {
            throw GatewayException.upstream(
                    ErrorCode.UPSTREAM_ERROR, "Kalshi sent a malformed number", KalshiErrorTranslator.EXCHANGE, null);
        }
    }
}
