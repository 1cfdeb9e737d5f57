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
class PolymarketBatch {

    private final PolymarketRequestTranslator translator;
    private final PolymarketNormalizer normalizer;
    private final PolymarketMarkets markets;

    PolymarketBatch(
            PolymarketRequestTranslator translator, PolymarketNormalizer normalizer, PolymarketMarkets markets) {
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
        PolymarketState.signing(exchange, PolymarketState.Signing.L2);
        return request;
    }

    private static UpstreamRequest unsigned(Exchange exchange, UpstreamRequest request) {
        PolymarketState.signing(exchange, PolymarketState.Signing.NONE);
        return request;
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
                PolymarketMarket market = translator.cachedMarket(item.order().marketId());
                if (market != null) {
                    resolved.put(key, market);
                } else {
                    toLookUp.put(
                            key,
                            Map.entry(
                                    i,
                                    PolymarketRequestTranslator.marketRequest(
                                            item.order().marketId())));
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
                Iterator<Map.Entry<String, Map.Entry<Integer, UpstreamRequest>>> it =
                        toLookUp.entrySet().iterator();
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
                return signed(
                        exchange, PolymarketRequestTranslator.order(prepared[previousLookup].previousOrderHash()));
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
                return signed(exchange, PolymarketRequestTranslator.order(hash));
            }
            return null;
        }

        /** Signs every order with the single-order translator; any failure fails the batch, nothing sent. */
        private void sign(Exchange exchange) {
            PolymarketSession session = PolymarketState.session(exchange);
            prepared = new PreparedOrder[items.size()];
            envelopes = new String[items.size()];
            GatewayException failure = null;
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                GatewayRequest item = items.get(i);
                PolymarketMarket market = resolved.get(item.order().marketId().toLowerCase(Locale.ROOT));
                try {
                    prepared[i] = translator.prepareOrder(item, market, session);
                    envelopes[i] = prepared[i].envelope();
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
                throw new GatewayException(
                        failure.code(),
                        failure.getMessage(),
                        problems,
                        failure.exchange(),
                        failure.upstream(),
                        null,
                        null);
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
                try {
                    GatewayResult found = normalizer.earlierAttempt(response, items.get(i));
                    if (found != null) {
                        results[i] = BatchItemResult.ok(i, (Order) found.payload());
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
                    results[i] = BatchItemResult.ok(i, (Order)
                            normalizer.duplicateOrder(response, items.get(i)).payload());
                } catch (GatewayException e) {
                    results[i] = BatchItemResult.failed(i, e);
                }
                return;
            }
            if (!response.is2xx()) {
                throw PolymarketErrorTranslator.translate(
                        response, Context.ORDER); // 5xx: unknown fate, ErrorTranslator
            }
            JsonNode answers = response.json();
            if (answers == null || !answers.isArray() || answers.size() != posted.size()) {
                throw PolymarketErrorTranslator.malformed(response);
            }
            for (int k = 0; k < posted.size(); k++) {
                int i = posted.get(k);
                try {
                    Object created = normalizer.createdOrder(
                            new UpstreamResponse(200, null, answers.get(k).toString()), prepared[i], items.get(i));
                    if (created instanceof PolymarketNormalizer.DuplicateOrder duplicate) {
                        duplicates.put(i, duplicate.orderHash());
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
            PolymarketMarket market;
            try {
                market = classicFallback ? normalizer.classicMarket(response) : normalizer.market(response);
            } catch (GatewayException e) {
                throw BatchRunner.itemFailed("orders", lookingUpFor, e);
            }
            if (market != null) {
                resolved.put(item.order().marketId().toLowerCase(Locale.ROOT), market);
                lookingUpFor = null;
            } else {
                classicFallback = true; // the compact endpoint is missing on this CLOB: its classic market object
                marketFallback = PolymarketRequestTranslator.classicMarketRequest(
                        item.order().marketId());
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
                return signed(
                        exchange, UpstreamRequest.get("/data/orders", UpstreamRequest.query("next_cursor", cursor)));
            }
            if (cancelled) {
                return null;
            }
            cancelled = true;
            sending = ids.stream()
                    .filter(id -> live.containsKey(id.toLowerCase(Locale.ROOT)))
                    .toList();
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
                PolymarketWire.OrderPage page = PolymarketNormalizer.orderPage(response);
                for (PolymarketWire.OpenOrder node : page.data()) {
                    Order o = PolymarketNormalizer.order(node, response);
                    String key = o.id().toLowerCase(Locale.ROOT);
                    if (wanted.contains(key) && PolymarketNormalizer.isLive(o)) {
                        live.put(key, o);
                    }
                }
                pages++;
                cursor = PolymarketNormalizer.cursor(page.nextCursor());
                snapshotDone = cursor == null || live.keySet().containsAll(wanted) || pages >= 200;
                return;
            }
            Outcome outcome = outcome(response);
            for (String id : sending) {
                Order before = live.get(id.toLowerCase(Locale.ROOT));
                int index = ids.indexOf(id);
                if (outcome.cancelled().contains(id.toLowerCase(Locale.ROOT))) {
                    results.put(id, BatchItemResult.ok(index, PolymarketNormalizer.cancelled(before)));
                } else {
                    String reason = outcome.refused().entrySet().stream()
                            .filter(e -> e.getKey().equalsIgnoreCase(id))
                            .map(Map.Entry::getValue)
                            .findFirst()
                            .orElse(null);
                    results.put(
                            id,
                            BatchItemResult.failed(
                                    index,
                                    new GatewayException(
                                            ErrorCode.ORDER_NOT_FOUND,
                                            "order could not be cancelled (no longer open)",
                                            List.of(),
                                            PolymarketModule.NAME.wireName(),
                                            reason == null
                                                    ? null
                                                    : new UpstreamError(200, null, UpstreamError.clip(reason)),
                                            null,
                                            null)));
                }
            }
        }

        @Override
        public GatewayResult result() {
            return GatewayResult.ok(200, BatchItemResult.cancelled(ids, results));
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
            return signed(
                    exchange,
                    UpstreamRequest.delete(
                            "/cancel-market-orders",
                            Map.of(),
                            Json.mapper()
                                    .createObjectNode()
                                    .put("market", market)
                                    .toString()));
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
    private record Outcome(List<String> cancelledAsSent, Set<String> cancelled, Map<String, String> refused) {}

    private static Outcome outcome(UpstreamResponse response) {
        PolymarketWire.CancelResponse root =
                PolymarketNormalizer.read(response, Context.ORDER, PolymarketWire.CancelResponse.class);
        if (root.canceled() == null) {
            throw PolymarketErrorTranslator.malformed(response);
        }
        List<String> asSent = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        root.canceled().stream().filter(java.util.Objects::nonNull).forEach(id -> {
            asSent.add(id);
            ids.add(id.toLowerCase(Locale.ROOT));
        });
        Map<String, String> refused = new LinkedHashMap<>();
        if (root.notCanceled() != null && root.notCanceled().isObject()) {
            root.notCanceled()
                    .fields()
                    .forEachRemaining(e -> refused.put(
                            e.getKey(), UpstreamError.clip(e.getValue().asText())));
        }
        return new Outcome(asSent, ids, refused);
    }
}
