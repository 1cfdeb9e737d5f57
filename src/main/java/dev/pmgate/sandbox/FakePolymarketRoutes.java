package dev.pmgate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.sandbox.FakePolymarket.ApiCreds;
import dev.pmgate.sandbox.FakePolymarket.Market;
import dev.pmgate.sandbox.FakePolymarket.Token;
import dev.pmgate.sandbox.FakePolymarketHttp.Call;
import dev.pmgate.sandbox.FakePolymarketHttp.Failure;
import dev.pmgate.sandbox.FakePolymarketHttp.Response;
import dev.pmgate.sandbox.FakePolymarketLedger.AccountState;
import dev.pmgate.sandbox.FakePolymarketLedger.KeyBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Routing of the fake: one table of {@code METHOD path} to handler, run under the ledger lock. */
final class FakePolymarketRoutes {

    private final FakePolymarketLedger ledger;
    private final FakePolymarketAuth auth;
    private final FakePolymarketOrders orders;
    private final FakePolymarketReads reads;
    private final FakePolymarketWallets wallets;
    final FakePolymarketPublic publicData;
    private final Map<String, Function<Call, Response>> exact;
    private final Map<String, Function<Call, Response>> prefixed;

    FakePolymarketRoutes(FakePolymarketLedger ledger, FakePolymarketAuth auth, FakePolymarketOrders orders) {
        this.ledger = ledger;
        this.auth = auth;
        this.orders = orders;
        this.reads = new FakePolymarketReads(ledger);
        this.wallets = new FakePolymarketWallets(ledger);
        this.publicData = new FakePolymarketPublic(ledger);
        this.exact = Map.ofEntries(
                Map.entry(
                        "GET /time", call -> Response.ok(ledger.clock.instant().getEpochSecond())),
                Map.entry("GET /ok", call -> Response.ok("OK")),
                Map.entry("GET /version", call -> Response.ok(Map.of("version", 2))),
                Map.entry(
                        "GET /tick-size",
                        call -> Response.ok(
                                Map.of("minimum_tick_size", marketOfToken(call).tickSize()))),
                Map.entry(
                        "GET /neg-risk",
                        call -> Response.ok(
                                Map.of("neg_risk", marketOfToken(call).negRisk()))),
                Map.entry("GET /auth/derive-api-key", this::deriveApiKey),
                Map.entry("POST /auth/api-key", this::createApiKey),
                Map.entry(
                        "POST /order",
                        call -> Response.ok(
                                orders.place(auth.verifyL2(call), call.json(FakePolymarketOrders.INVALID_PAYLOAD)))),
                Map.entry(
                        "POST /orders",
                        call -> Response.ok(orders.placeBatch(
                                auth.verifyL2(call), call.json(FakePolymarketOrders.INVALID_PAYLOAD)))),
                Map.entry("DELETE /order", this::cancelOne),
                Map.entry("DELETE /orders", this::cancelMany),
                Map.entry("DELETE /cancel-all", call -> {
                    KeyBinding key = auth.verifyL2(call);
                    return Response.ok(reads.cancel(key, reads.liveOrderIds(key, null, null)));
                }),
                Map.entry("DELETE /cancel-market-orders", this::cancelMarket),
                Map.entry("GET /data/orders", call -> Response.ok(reads.openOrders(auth.verifyL2(call), call.query()))),
                Map.entry("GET /data/trades", call -> Response.ok(reads.trades(auth.verifyL2(call), call.query()))),
                Map.entry(
                        "GET /balance-allowance",
                        call -> Response.ok(wallets.balanceAllowance(auth.verifyL2(call), call.query()))),
                Map.entry(
                        "GET /balance-allowance/update",
                        call -> Response.ok(wallets.balanceAllowance(auth.verifyL2(call), call.query()))),
                Map.entry(
                        "GET " + FakePolymarket.DATA_API_PREFIX + "/positions",
                        call -> Response.ok(wallets.positions(call.query()))),
                Map.entry(
                        "GET " + FakePolymarket.DATA_API_PREFIX + "/v2/positions",
                        call -> Response.ok(wallets.positionsV2(call.query()))));
        this.prefixed = Map.of(
                "GET /data/order/",
                        call -> Response.ok(
                                reads.order(auth.verifyL2(call), call.path().substring("/data/order/".length()))),
                "GET /clob-markets/", call -> Response.ok(compactMarket(market(call, "/clob-markets/"))),
                "GET /markets/", call -> Response.ok(classicMarket(market(call, "/markets/"))));
    }

    Response dispatch(Call call) {
        synchronized (ledger) {
            try {
                return handlerFor(call).apply(call);
            } catch (Failure failure) {
                return failure.response();
            } catch (NumberFormatException e) {
                ledger.reject("query: not a number");
                return Response.error(400, "invalid query parameter");
            } catch (RuntimeException e) {
                ledger.reject("fake bug: " + e);
                return Response.error(500, "internal error");
            }
        }
    }

    private Function<Call, Response> handlerFor(Call call) {
        String route = call.method() + " " + call.path();
        Function<Call, Response> handler = exact.get(route);
        if (handler != null) {
            return handler;
        }
        for (Map.Entry<String, Function<Call, Response>> entry : prefixed.entrySet()) {
            if (route.startsWith(entry.getKey())
                    && route.length() > entry.getKey().length()) {
                return entry.getValue();
            }
        }
        Function<Call, Response> publicHandler = publicData.handlerFor(call);
        if (publicHandler != null) {
            return publicHandler;
        }
        boolean knownPath = exact.keySet().stream().anyMatch(r -> r.endsWith(" " + call.path()));
        ledger.reject("route: " + route);
        return c -> Response.error(knownPath ? 405 : 404, knownPath ? "method not allowed" : "not found");
    }

    // ---- L1 key management ------------------------------------------------------------------------

    private Response deriveApiKey(Call call) {
        FakePolymarketAuth.L1Identity identity = auth.verifyL1(call);
        AccountState account = ledger.accountState(identity.address());
        account.deriveCalls++;
        ApiCreds creds = account.keysByNonce.get(identity.nonce());
        if (creds == null) {
            ledger.reject("L1: derive without an existing key");
            throw new Failure(400, "Could not derive api key!");
        }
        return Response.ok(credsJson(creds));
    }

    private Response createApiKey(Call call) {
        FakePolymarketAuth.L1Identity identity = auth.verifyL1(call);
        AccountState account = ledger.accountState(identity.address());
        account.createCalls++;
        if (account.keysByNonce.containsKey(identity.nonce())) {
            ledger.reject("L1: create while a key exists");
            throw new Failure(400, "Could not create api key");
        }
        ApiCreds creds = ledger.deterministicCreds(identity.address(), identity.nonce());
        ledger.issueKey(identity.address(), identity.nonce(), creds);
        return Response.ok(credsJson(creds));
    }

    private static ObjectNode credsJson(ApiCreds creds) {
        ObjectNode node = FakePolymarketHttp.JSON.createObjectNode();
        node.put("apiKey", creds.apiKey());
        node.put("secret", creds.secret());
        node.put("passphrase", creds.passphrase());
        return node;
    }

    // ---- cancels ----------------------------------------------------------------------------------

    private Response cancelOne(Call call) {
        KeyBinding key = auth.verifyL2(call);
        JsonNode id = call.json("Invalid orderID").path("orderID");
        if (!id.isTextual() || id.asText().isEmpty()) {
            ledger.reject("cancel: no orderID");
            throw new Failure(400, "Invalid orderID");
        }
        return Response.ok(reads.cancel(key, List.of(id.asText())));
    }

    private Response cancelMany(Call call) {
        KeyBinding key = auth.verifyL2(call);
        JsonNode ids = call.json("Invalid orderID");
        List<String> list = new ArrayList<>();
        if (ids.isArray()) {
            ids.forEach(id -> list.add(id.isTextual() ? id.asText() : ""));
        }
        if (list.isEmpty() || list.contains("")) {
            ledger.reject("cancel: bad id list");
            throw new Failure(400, "Invalid orderID");
        }
        return Response.ok(reads.cancel(key, list));
    }

    private Response cancelMarket(Call call) {
        KeyBinding key = auth.verifyL2(call);
        JsonNode body = call.json("Invalid payload");
        String market = body.path("market").isTextual() ? body.get("market").asText() : null;
        String asset = body.path("asset_id").isTextual() ? body.get("asset_id").asText() : null;
        if (market == null && asset == null) {
            ledger.reject("cancel-market-orders: neither market nor asset_id");
            throw new Failure(400, "Invalid payload");
        }
        return Response.ok(reads.cancel(key, reads.liveOrderIds(key, market, asset)));
    }

    // ---- public market data -----------------------------------------------------------------------

    private Market marketOfToken(Call call) {
        Market market = ledger.marketsByToken.get(String.valueOf(call.query().get("token_id")));
        if (market == null) {
            ledger.reject("market: unknown token_id");
            throw new Failure(404, "market not found");
        }
        return market;
    }

    private Market market(Call call, String prefix) {
        String id = call.path().substring(prefix.length());
        Market market = dev.pmgate.polymarket.PolymarketProtocol.isConditionId(id)
                ? ledger.marketsByCondition.get(FakePolymarketLedger.conditionKey(id))
                : null;
        if (market == null) {
            ledger.reject("market: unknown condition id");
            throw new Failure(404, "market not found");
        }
        return market;
    }

    /** {@code GET /clob-markets/{id}} (clob-client-v2 {@code getClobMarketInfo}). */
    private static ObjectNode compactMarket(Market market) {
        ObjectNode node = FakePolymarketHttp.JSON.createObjectNode();
        node.put("c", market.conditionId());
        ArrayNode tokens = node.putArray("t");
        for (Token token : market.tokens()) {
            tokens.addObject().put("t", token.tokenId()).put("o", token.outcome());
        }
        node.put("mos", market.minOrderSize());
        node.put("mts", market.tickSize());
        node.put("nr", market.negRisk());
        node.put("ao", market.acceptingOrders());
        node.put("mbf", 0);
        node.put("tbf", 0);
        return node;
    }

    /** {@code GET /markets/{id}}, the long-standing CLOB market object. */
    private static ObjectNode classicMarket(Market market) {
        ObjectNode node = FakePolymarketHttp.JSON.createObjectNode();
        node.put("condition_id", market.conditionId());
        ArrayNode tokens = node.putArray("tokens");
        for (Token token : market.tokens()) {
            tokens.addObject()
                    .put("token_id", token.tokenId())
                    .put("outcome", token.outcome())
                    .put("winner", false);
        }
        node.put("minimum_tick_size", market.tickSize());
        node.put("minimum_order_size", market.minOrderSize());
        node.put("neg_risk", market.negRisk());
        node.put("accepting_orders", market.acceptingOrders());
        node.put("active", true);
        node.put("closed", false);
        return node;
    }
}
