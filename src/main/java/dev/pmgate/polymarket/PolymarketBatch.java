package dev.pmgate.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pmgate.api.BatchItemResult;
import dev.pmgate.api.BatchRequest;
import dev.pmgate.api.CancelAllResult;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.Json;
import dev.pmgate.api.Order;
import dev.pmgate.api.UpstreamError;
import dev.pmgate.pipeline.BatchCalls;
import dev.pmgate.pipeline.BatchRunner;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.polymarket.PolymarketErrorTranslator.Context;
import dev.pmgate.polymarket.PolymarketRequestTranslator.PreparedOrder;
import dev.pmgate.upstream.UpstreamRequest;
import dev.pmgate.upstream.UpstreamResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Polymarket's batch operations (SPEC §10) on the CLOB: {@code POST /orders} (up to 15 signed orders),
 * {@code DELETE /orders}, {@code DELETE /cancel-all}, {@code DELETE /cancel-market-orders}
 * (reference polymarket.md §7.1). Each order is built and signed by the single-order translator
 * ({@link PolymarketRequestTranslator#createOrder}) and each answer read by the single-order normalizer,
 * so the batch signs exactly what a single order would.
 */
public class PolymarketBatch {

    /** Property naming the signing of the next CLOB call (as polymarket-clob-call / -public-call set it). */
    static final String SIGNING = "pmgateSigning";

    private final PolymarketRequestTranslator translator;
    private final PolymarketNormalizer normalizer;
    private final PolymarketMarkets markets;

    public PolymarketBatch(PolymarketRequestTranslator translator, PolymarketNormalizer normalizer,
                           PolymarketMarkets markets) {
        this.translator = translator;
        this.normalizer = normalizer;
        this.markets = markets;
    }

    public void start(Exchange exchange) {
        GatewayRequest request = exchange.getProperty(Pipeline.REQUEST, GatewayRequest.class);
        BatchCalls calls = switch (request.operation()) {
            case CREATE_ORDERS -> new CreateOrders(request);
            case CANCEL_ORDERS -> new CancelOrders(request.batch().ids());
            case CANCEL_ALL -> new CancelAll(request.batch().marketId());
            default -> throw new GatewayException(ErrorCode.NOT_SUPPORTED, "not supported on Polymarket");
        };
        BatchRunner.begin(exchange, calls);
    }

    private static UpstreamRequest signed(Exchange exchange, UpstreamRequest request) {
        exchange.setProperty(SIGNING, "L2");
        return request;
    }

    private static UpstreamRequest unsigned(Exchange exchange, UpstreamRequest request) {
        exchange.setProperty(SIGNING, "NONE");
        return request;
    }

    /**
     * Runs a single-order translator or normalizer step with the exchange set up as for that single
     * order (its request, stash and body), then puts the batch's own request back.
     */
    private static <T> T asSingle(Exchange exchange, GatewayRequest item, Object stash, Object body,
                                  java.util.function.Supplier<T> step) {
        Object batchRequest = exchange.getProperty(Pipeline.REQUEST);
        Object batchStash = exchange.getProperty(Pipeline.STASH);
        try {
            exchange.setProperty(Pipeline.REQUEST, item);
            exchange.setProperty(Pipeline.STASH, stash);
            exchange.getIn().setBody(body);
            return step.get();
        } finally {
            exchange.setProperty(Pipeline.REQUEST, batchRequest);
            exchange.setProperty(Pipeline.STASH, batchStash);
        }
    }

    // ------------------------------------------------------------------ batch create

    private final class CreateOrders implements BatchCalls {
        private final List<GatewayRequest> items = new ArrayList<>();
        private final BatchItemResult[] results;
        private final Map<String, PolymarketMarket> resolved = new HashMap<>();
        /** Market lookups still to send (as the single create's marketLookup built them), by market. */
        private final Map<String, Map.Entry<Integer, UpstreamRequest>> toLookUp = new LinkedHashMap<>();
        private boolean marketsQueued;
        private Integer lookingUpFor;
        /** The follow-up call a market answer asked for (the classic endpoint when the compact one is missing). */
        private UpstreamRequest marketFallback;
        private boolean classicFallback;
        private PreparedOrder[] prepared;
        private String[] envelopes;
        /** Items signed just after their key's window boundary: the earlier window's order is looked up first. */
        private final List<Integer> previousCandidates = new ArrayList<>();
        private Integer previousLookup;
        private List<Integer> posted;
        private boolean sent;
        private final Map<Integer, String> duplicates = new LinkedHashMap<>();
        private Integer duplicateLookup;

        CreateOrders(GatewayRequest batch) {
            int n = batch.batch().orders().size();
            results = new BatchItemResult[n];
            for (int i = 0; i < n; i++) {
                items.add(BatchRequest.item(batch, i));
            }
        }

        /** Each market once, through the single create's lookup (the cache, else the call that fetches it). */
        private void queueMarkets(Exchange exchange) {
            marketsQueued = true;
            for (int i = 0; i < items.size(); i++) {
                GatewayRequest item = items.get(i);
                String key = item.order().marketId().toLowerCase(Locale.ROOT);
                if (resolved.containsKey(key) || toLookUp.containsKey(key)) {
                    continue;
                }
                Object lookup = asSingle(exchange, item, null, null, () -> translator.marketLookup(exchange));
                if (lookup instanceof PolymarketMarket market) {
                    resolved.put(key, market);
                } else {
                    toLookUp.put(key, Map.entry(i, (UpstreamRequest) lookup));
                }
            }
        }

        @Override
        public UpstreamRequest next(Exchange exchange) {
            if (!marketsQueued) {
                queueMarkets(exchange);
            }
            if (marketFallback != null) {
                UpstreamRequest fallback = marketFallback;
                marketFallback = null;
                return unsigned(exchange, fallback);
            }
            if (!toLookUp.isEmpty()) {
                Iterator<Map.Entry<String, Map.Entry<Integer, UpstreamRequest>>> it = toLookUp.entrySet().iterator();
                Map.Entry<Integer, UpstreamRequest> lookup = it.next().getValue();
                it.remove();
                lookingUpFor = lookup.getKey();
                classicFallback = false;
                return unsigned(exchange, lookup.getValue());
            }
            if (envelopes == null) {
                sign(exchange);
            }
            if (!previousCandidates.isEmpty()) {
                previousLookup = previousCandidates.remove(0);
                return signed(exchange, UpstreamRequest.get("/data/order/" + prepared[previousLookup].previousOrderHash()));
            }
            if (!sent) {
                sent = true;
                posted = new ArrayList<>();
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    if (results[i] == null) {
                        posted.add(i);
                        bodies.add(envelopes[i]);
                    }
                }
                if (!posted.isEmpty()) {
                    // the exact bytes of each single order body, as a JSON array: what is HMAC-signed is what is sent
                    return signed(exchange, UpstreamRequest.post("/orders", "[" + String.join(",", bodies) + "]"));
                }
            }
            if (!duplicates.isEmpty()) {
                duplicateLookup = duplicates.keySet().iterator().next();
                String hash = duplicates.remove(duplicateLookup);
                return signed(exchange, UpstreamRequest.get("/data/order/" + hash));
            }
            return null;
        }

        /** Signs every order with the single-order translator; any failure fails the batch, nothing sent. */
        private void sign(Exchange exchange) {
            prepared = new PreparedOrder[items.size()];
            envelopes = new String[items.size()];
            GatewayException failure = null;
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                GatewayRequest item = items.get(i);
                PolymarketMarket market = resolved.get(item.order().marketId().toLowerCase(Locale.ROOT));
                try {
                    int index = i;
                    UpstreamRequest single = asSingle(exchange, item, null, market, () -> {
                        UpstreamRequest r = translator.createOrder(exchange);
                        prepared[index] = exchange.getProperty(Pipeline.STASH, PreparedOrder.class);
                        return r;
                    });
                    envelopes[i] = single.body();
                    if (prepared[i].previousOrderHash() != null) {
                        previousCandidates.add(i);
                    }
                } catch (GatewayException e) {
                    GatewayException named = BatchRunner.itemFailed("orders", i, e);
                    failure = failure == null ? named : failure;
                    problems.addAll(named.validationErrors());
                }
            }
            if (failure != null) {
                throw new GatewayException(failure.code(), failure.getMessage(), problems, failure.exchange(),
                        failure.upstream(), null, null);
            }
        }

        @Override
        public void absorb(Exchange exchange, UpstreamResponse response) {
            if (lookingUpFor != null) {
                absorbMarket(exchange, response);
                return;
            }
            if (previousLookup != null) {
                int i = previousLookup;
                previousLookup = null;
                // as the single create: the earlier attempt's order answers the item; not found, the item is posted
                UpstreamRequest notFound = UpstreamRequest.get("/orders");
                try {
                    Object found = asSingle(exchange, items.get(i), prepared[i], response, () -> {
                        exchange.setProperty(PolymarketNormalizer.PENDING_POST, notFound);
                        try {
                            return normalizer.previousCandidate(exchange);
                        } finally {
                            exchange.removeProperty(PolymarketNormalizer.PENDING_POST);
                        }
                    });
                    if (found != notFound) {
                        results[i] = BatchItemResult.ok(i, (Order) ((GatewayResult) found).payload());
                    }
                } catch (GatewayException e) {
                    // unknown whether the earlier attempt placed it: not posted again, the item answers the error
                    results[i] = BatchItemResult.failed(i, e);
                }
                return;
            }
            if (duplicateLookup != null) {
                int i = duplicateLookup;
                duplicateLookup = null;
                try {
                    results[i] = BatchItemResult.ok(i, (Order) asSingle(exchange, items.get(i), prepared[i], response,
                            () -> normalizer.duplicateOrder(exchange)).payload());
                } catch (GatewayException e) {
                    results[i] = BatchItemResult.failed(i, e);
                }
                return;
            }
            if (!response.is2xx()) {
                throw PolymarketErrorTranslator.translate(response, Context.ORDER); // 5xx: unknown fate, ErrorTranslator
            }
            JsonNode answers = response.json();
            if (answers == null || !answers.isArray() || answers.size() != posted.size()) {
                throw PolymarketErrorTranslator.malformed(response);
            }
            for (int k = 0; k < posted.size(); k++) {
                int i = posted.get(k);
                int index = i;
                try {
                    Object created = asSingle(exchange, items.get(i), prepared[i],
                            new UpstreamResponse(200, null, answers.get(k).toString()), () -> normalizer.createdOrder(exchange));
                    if (created instanceof PolymarketNormalizer.DuplicateOrder duplicate) {
                        duplicates.put(index, duplicate.orderHash());
                    } else {
                        results[i] = BatchItemResult.ok(i, (Order) ((GatewayResult) created).payload());
                    }
                } catch (GatewayException e) {
                    results[i] = BatchItemResult.failed(i, e);
                }
            }
        }

        private void absorbMarket(Exchange exchange, UpstreamResponse response) {
            GatewayRequest item = items.get(lookingUpFor);
            Object market;
            try {
                market = asSingle(exchange, item, null, response,
                        () -> classicFallback ? normalizer.classicMarket(exchange) : normalizer.market(exchange));
            } catch (GatewayException e) {
                throw BatchRunner.itemFailed("orders", lookingUpFor, e);
            }
            if (market instanceof PolymarketMarket m) {
                resolved.put(item.order().marketId().toLowerCase(Locale.ROOT), m);
                lookingUpFor = null;
            } else {
                classicFallback = true; // the compact endpoint is missing on this CLOB: the call the normalizer named
                marketFallback = (UpstreamRequest) market;
            }
        }

        @Override
        public GatewayResult result() {
            return GatewayResult.ok(200, Arrays.asList(results));
        }
    }

    // ------------------------------------------------------------------ cancel many

    private final class CancelOrders implements BatchCalls {
        private final List<String> ids;
        private final Set<String> wanted = new LinkedHashSet<>();
        private final Map<String, Order> live = new HashMap<>();
        private final Map<String, BatchItemResult> results = new HashMap<>();
        private String cursor = "MA==";
        private int pages;
        private boolean snapshotDone;
        private List<String> sending;
        private boolean cancelled;

        CancelOrders(List<String> ids) {
            this.ids = ids;
            ids.forEach(id -> wanted.add(id.toLowerCase(Locale.ROOT)));
        }

        @Override
        public UpstreamRequest next(Exchange exchange) {
            if (!snapshotDone) {
                return signed(exchange, UpstreamRequest.get("/data/orders", UpstreamRequest.query("next_cursor", cursor)));
            }
            if (cancelled) {
                return null;
            }
            cancelled = true;
            sending = ids.stream().filter(id -> live.containsKey(id.toLowerCase(Locale.ROOT))).toList();
            if (sending.isEmpty()) {
                return null;
            }
            ArrayNode body = Json.mapper().createArrayNode();
            sending.forEach(id -> body.add(live.get(id.toLowerCase(Locale.ROOT)).id()));
            return signed(exchange, UpstreamRequest.delete("/orders", Map.of(), body.toString()));
        }

        @Override
        public void absorb(Exchange exchange, UpstreamResponse response) {
            if (!snapshotDone) {
                // one page of GET /data/orders, read with the single-order normalizer's order reading
                if (!response.is2xx()) {
                    throw PolymarketErrorTranslator.translate(response, Context.OTHER);
                }
                JsonNode root = response.json();
                JsonNode data = root == null || !root.isObject() ? null : root.get("data");
                if (data == null || !data.isArray()) {
                    throw PolymarketErrorTranslator.malformed(response);
                }
                for (JsonNode node : data) {
                    Order o = PolymarketNormalizer.order(node, response);
                    String key = o.id().toLowerCase(Locale.ROOT);
                    if (wanted.contains(key) && ("open".equals(o.status()) || "partially_filled".equals(o.status()))) {
                        live.put(key, o);
                    }
                }
                pages++;
                String next = root.path("next_cursor").asText("");
                cursor = next.isEmpty() || PolymarketNormalizer.END_CURSOR.equals(next) ? null : next;
                snapshotDone = cursor == null || live.keySet().containsAll(wanted) || pages >= 200;
                return;
            }
            Outcome outcome = outcome(response);
            for (String id : sending) {
                Order before = live.get(id.toLowerCase(Locale.ROOT));
                int index = ids.indexOf(id);
                if (outcome.cancelled().contains(id.toLowerCase(Locale.ROOT))) {
                    results.put(id, BatchItemResult.ok(index, new Order(before.id(), before.exchange(), before.marketId(),
                            before.outcome(), before.side(), before.price(), before.size(), before.filled(),
                            BigDecimal.ZERO, "cancelled", before.orderType(), before.clientOrderId(),
                            before.createdAt(), before.updatedAt(), null)));
                } else {
                    String reason = outcome.refused().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(id))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    results.put(id, BatchItemResult.failed(index, new GatewayException(ErrorCode.ORDER_NOT_FOUND,
                            "order could not be cancelled (no longer open)", List.of(), "polymarket",
                            reason == null ? null : new UpstreamError(200, null, UpstreamError.clip(reason)), null, null)));
                }
            }
        }

        @Override
        public GatewayResult result() {
            List<BatchItemResult> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                BatchItemResult r = results.get(ids.get(i));
                out.add(r != null ? r : BatchItemResult.failed(i,
                        new GatewayException(ErrorCode.ORDER_NOT_FOUND, "order not found or no longer open")));
            }
            return GatewayResult.ok(200, out);
        }
    }

    // ------------------------------------------------------------------ cancel all

    private final class CancelAll implements BatchCalls {
        private final String market;
        private boolean sent;
        private CancelAllResult result;

        CancelAll(String market) {
            this.market = market;
        }

        @Override
        public UpstreamRequest next(Exchange exchange) {
            if (sent) {
                return null;
            }
            sent = true;
            if (market == null) {
                return signed(exchange, UpstreamRequest.delete("/cancel-all", Map.of(), null));
            }
            return signed(exchange, UpstreamRequest.delete("/cancel-market-orders", Map.of(),
                    Json.mapper().createObjectNode().put("market", market).toString()));
        }

        @Override
        public void absorb(Exchange exchange, UpstreamResponse response) {
            Outcome outcome = outcome(response);
            List<CancelAllResult.NotCancelled> refused = new ArrayList<>();
            outcome.refused().forEach((id, reason) -> refused.add(new CancelAllResult.NotCancelled(id, reason)));
            result = new CancelAllResult(List.copyOf(outcome.cancelledAsSent()), refused);
        }

        @Override
        public GatewayResult result() {
            return GatewayResult.ok(200, result);
        }
    }

    /** A CLOB cancel answer {@code {canceled:[ids], not_canceled:{id: reason}}}. */
    private record Outcome(List<String> cancelledAsSent, Set<String> cancelled, Map<String, String> refused) {
    }

    private static Outcome outcome(UpstreamResponse response) {
        if (!response.is2xx()) {
            throw PolymarketErrorTranslator.translate(response, Context.ORDER);
        }
        JsonNode root = response.json();
        JsonNode canceled = root == null || !root.isObject() ? null : root.get("canceled");
        if (canceled == null || !canceled.isArray() || root.hasNonNull("error")) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        List<String> asSent = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        canceled.forEach(id -> {
            asSent.add(id.asText());
            ids.add(id.asText().toLowerCase(Locale.ROOT));
        });
        Map<String, String> refused = new LinkedHashMap<>();
        JsonNode notCanceled = root.get("not_canceled");
        if (notCanceled != null && notCanceled.isObject()) {
            notCanceled.fields().forEachRemaining(e -> refused.put(e.getKey(), UpstreamError.clip(e.getValue().asText())));
        }
        return new Outcome(asSent, ids, refused);
    }
}
