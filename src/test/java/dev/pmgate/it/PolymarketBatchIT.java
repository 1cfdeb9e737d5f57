package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.polymarket.PolymarketIdempotency;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.PolymarketAccount;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Batch trading on Polymarket (SPEC §10) through the running gateway against the strict fake CLOB. */
class PolymarketBatchIT extends GatewayIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static FakePolymarket.Market market(boolean negRisk) {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        FakePolymarket.Market m = FakePolymarket.Market.binary(
                "0x" + HexFormat.of().formatHex(id),
                new java.math.BigInteger(120, RANDOM).toString(),
                new java.math.BigInteger(120, RANDOM).toString(),
                "0.01",
                negRisk);
        POLYMARKET.addMarket(m);
        return m;
    }

    private static PolymarketAccount account(boolean withClob, String collateral) {
        PolymarketAccount a =
                withClob ? PolymarketAccount.withClobCredentials(POLYMARKET) : PolymarketAccount.keyOnly(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), new BigDecimal(collateral));
        return a;
    }

    private static String order(String market, String outcome, String side, String price, String size) {
        return "{\"market_id\":\"" + market + "\",\"outcome\":\"" + outcome + "\",\"side\":\"" + side + "\",\"price\":"
                + price + ",\"size\":" + size + "}";
    }

    private static String batch(List<String> orders) {
        return "{\"orders\":[" + String.join(",", orders) + "]}";
    }

    private HttpCall.Response post(PolymarketAccount a, String path, String body, String idempotencyKey) {
        HttpCall call = api("POST", path + "?exchange=polymarket")
                .header("X-Exchange-Credentials", a.header())
                .body(body);
        if (idempotencyKey != null) {
            call.header("Idempotency-Key", idempotencyKey);
        }
        return call.send();
    }

    private static String randomOrderId() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        return "0x" + HexFormat.of().formatHex(id);
    }

    @Test
    void aFullBatchOfFifteenIsOnePostOrdersWithEveryOrderSigned() {
        PolymarketAccount a = account(false, "1000");
        List<FakePolymarket.Market> markets = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            FakePolymarket.Market m = market(i % 3 == 0);
            markets.add(m);
            orders.add(order(m.conditionId(), i % 2 == 0 ? "Yes" : "No", "buy", "0." + (20 + i), "" + (5 + i)));
        }
        int before = POLYMARKET.requests("POST", "/orders").size();
        int derives = POLYMARKET.deriveCalls(a.address());
        HttpCall.Response r = post(a, "/orders/batch", batch(orders), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(POLYMARKET.requests("POST", "/orders").size() - before).isEqualTo(1);
        assertThat(POLYMARKET.deriveCalls(a.address()) - derives)
                .as("one derive for the whole batch")
                .isEqualTo(1);
        JsonNode items = r.json();
        assertThat(items).hasSize(15);
        for (int i = 0; i < 15; i++) {
            JsonNode item = items.get(i);
            assertThat(item.get("index").asInt()).isEqualTo(i);
            assertThat(item.get("ok").asBoolean()).as(item.toString()).isTrue();
            JsonNode o = item.get("order");
            assertThat(o.get("market_id").asText()).isEqualTo(markets.get(i).conditionId());
            assertThat(o.get("outcome").asText()).isEqualTo(i % 2 == 0 ? "Yes" : "No");
            assertThat(o.get("price").decimalValue()).isEqualByComparingTo("0." + (20 + i));
            assertThat(o.get("status").asText()).isEqualTo("open");
            // the fake recovered each order's EIP-712 signer (standard and neg-risk exchange) before accepting it
            FakePolymarket.PlacedOrder placed =
                    POLYMARKET.order(o.get("id").asText()).orElseThrow();
            assertThat(placed.signer()).isEqualToIgnoringCase(a.address());
            assertThat(placed.tokenId())
                    .isEqualTo(markets.get(i).tokens().get(i % 2).tokenId());
        }
    }

    @Test
    void marketsLookedUpOnceEachWithTheClassicEndpointWhenTheCompactOneIsMissing() {
        PolymarketAccount a = account(true, "1000");
        FakePolymarket.Market m1 = market(false);
        FakePolymarket.Market m2 = market(true);
        POLYMARKET.injectFault(FakePolymarket.Fault.respond(404, "{\"error\":\"not found\"}")
                .on("GET", "/clob-markets/")
                .times(1));
        HttpCall.Response r = post(
                a,
                "/orders/batch",
                batch(List.of(
                        order(m1.conditionId(), "Yes", "buy", "0.10", "5"),
                        order(m2.conditionId(), "No", "buy", "0.10", "5"),
                        order(m1.conditionId(), "No", "buy", "0.10", "5"))),
                null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json())
                .allSatisfy(item -> assertThat(item.get("ok").asBoolean()).isTrue());
        long lookups = POLYMARKET.requests().stream()
                .filter(q -> q.method().equals("GET")
                        && (q.path().endsWith(m1.conditionId()) || q.path().endsWith(m2.conditionId())))
                .count();
        assertThat(lookups)
                .as("one compact lookup per market, plus the classic fallback once")
                .isEqualTo(3);
        assertThat(POLYMARKET
                        .order(r.json().get(1).get("order").get("id").asText())
                        .orElseThrow()
                        .tokenId())
                .isEqualTo(m2.tokens().get(1).tokenId());
    }

    @Test
    void anUnknownMarketFailsTheBatchNamingTheItem() {
        PolymarketAccount a = account(true, "1000");
        FakePolymarket.Market m = market(false);
        int posts = POLYMARKET.requests("POST", "/orders").size();
        HttpCall.Response r = post(
                a,
                "/orders/batch",
                batch(List.of(
                        order(m.conditionId(), "Yes", "buy", "0.10", "5"),
                        order(randomOrderId(), "Yes", "buy", "0.10", "5"))),
                null);
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("market_not_found");
        assertThat(r.json().get("validation_errors").toString()).contains("orders[1]");
        assertThat(POLYMARKET.requests("POST", "/orders").size()).isEqualTo(posts);
    }

    @Test
    void sixteenIsRefusedAndNothingIsSent() {
        PolymarketAccount a = account(true, "1000");
        FakePolymarket.Market m = market(false);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            orders.add(order(m.conditionId(), "Yes", "buy", "0.10", "5"));
        }
        int before = POLYMARKET.requests().size();
        HttpCall.Response r = post(a, "/orders/batch", batch(orders), null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("validation_errors").toString())
                .contains("orders: 1 to 15 items on polymarket (got 16)");
        assertThat(POLYMARKET.requests().size()).isEqualTo(before);
    }

    @Test
    void anItemOffTheTickGridFailsTheWholeBatchBeforeAnythingIsPosted() {
        PolymarketAccount a = account(true, "1000");
        FakePolymarket.Market m = market(false);
        int before = POLYMARKET.requests("POST", "/orders").size();
        HttpCall.Response r = post(
                a,
                "/orders/batch",
                batch(List.of(
                        order(m.conditionId(), "Yes", "buy", "0.10", "5"),
                        order(m.conditionId(), "Yes", "buy", "0.105", "5"))),
                null);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("validation_errors").toString()).contains("orders[1]");
        assertThat(POLYMARKET.requests("POST", "/orders").size()).isEqualTo(before);
        assertThat(POLYMARKET.orders()).noneMatch(o -> o.conditionId().equalsIgnoreCase(m.conditionId()));
    }

    @Test
    void mixedValidAndRefusedItemsAnswer200WithPerItemErrors() {
        PolymarketAccount a = account(true, "10");
        FakePolymarket.Market m = market(false);
        HttpCall.Response r = post(
                a,
                "/orders/batch",
                batch(List.of(
                        order(m.conditionId(), "Yes", "buy", "0.10", "5"),
                        order(m.conditionId(), "Yes", "buy", "0.50", "100"), // more than the collateral
                        order(m.conditionId(), "No", "buy", "0.20", "5"))),
                null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode items = r.json();
        assertThat(items.get(0).get("ok").asBoolean()).isTrue();
        assertThat(items.get(1).get("ok").asBoolean()).isFalse();
        assertThat(items.get(1).get("error").get("code").asText()).isEqualTo("insufficient_funds");
        assertThat(items.get(1).get("error").get("exchange").asText()).isEqualTo("polymarket");
        assertThat(items.get(2).get("ok").asBoolean()).isTrue();
        assertThat(POLYMARKET.orders())
                .filteredOn(o -> o.conditionId().equalsIgnoreCase(m.conditionId()))
                .hasSize(2);
    }

    @Test
    void aRetriedBatchWithTheSameKeyPlacesNothingTwice() {
        PolymarketAccount a = account(true, "1000");
        FakePolymarket.Market m1 = market(false);
        FakePolymarket.Market m2 = market(true);
        String body = batch(List.of(
                order(m1.conditionId(), "Yes", "buy", "0.10", "5"),
                order(m2.conditionId(), "No", "buy", "0.30", "6"),
                order(m1.conditionId(), "Yes", "buy", "0.10", "5")));
        String key = "pbatch-" + UUID.randomUUID();
        HttpCall.Response first = post(a, "/orders/batch", body, key);
        HttpCall.Response second = post(a, "/orders/batch", body, key);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThat(first.json().get(i).get("ok").asBoolean())
                    .as(first.body())
                    .isTrue();
            JsonNode again = second.json().get(i);
            assertThat(again.get("ok").asBoolean()).as(again.toString()).isTrue();
            assertThat(again.get("order").get("duplicate").asBoolean()).isTrue();
            assertThat(again.get("order").get("id").asText())
                    .isEqualTo(first.json().get(i).get("order").get("id").asText());
            ids.add(again.get("order").get("id").asText());
        }
        // two identical items of one batch are still two orders: each item's salt comes from (key, index)
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(POLYMARKET.orders()).filteredOn(o -> ids.contains(o.id())).hasSize(3);
    }

    @Test
    void anItemSignedJustAfterItsKeysWindowBoundaryFindsTheEarlierAttemptAndIsNotPostedAgain() {
        PolymarketAccount a = account(true, "1000");
        FakePolymarket.Market m = market(false);
        // a batch key whose item 0 moved to a new timestamp window less than an hour ago (1 in 24), so pmgate
        // also checks the order an attempt in the previous window would have placed
        String key = null;
        for (int i = 0; key == null && i < 5000; i++) {
            String candidate = "pboundary-" + UUID.randomUUID();
            String item0 = dev.pmgate.api.BatchRequest.itemKey(candidate, 0);
            if (PolymarketIdempotency.fromKey(item0, Clock.systemUTC()).previous() != null
                    && PolymarketIdempotency.fromKey(item0, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)))
                                    .previous()
                            != null) {
                key = candidate;
            }
        }
        assertThat(key).isNotNull();
        PolymarketIdempotency.OrderIdentity earlier = PolymarketIdempotency.fromKey(
                        dev.pmgate.api.BatchRequest.itemKey(key, 0), Clock.systemUTC())
                .previous();
        String earlierId = placeDirectly(a, m.tokens().get(0).tokenId(), earlier);
        int posts = POLYMARKET.requests("POST", "/orders").size();

        HttpCall.Response r = post(
                a,
                "/orders/batch",
                batch(List.of(
                        order(m.conditionId(), "Yes", "buy", "0.20", "5"),
                        order(m.conditionId(), "Yes", "buy", "0.21", "5"))),
                key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get(0).get("order").get("id").asText()).isEqualTo(earlierId);
        assertThat(r.json().get(0).get("order").get("duplicate").asBoolean()).isTrue();
        assertThat(r.json().get(1).get("ok").asBoolean()).isTrue();
        assertThat(r.json().get(1).get("order").has("duplicate")).isFalse();
        List<FakePolymarket.RecordedRequest> sent = POLYMARKET.requests("POST", "/orders");
        assertThat(sent.size() - posts).isEqualTo(1);
        assertThat(sent.get(sent.size() - 1).bodyText())
                .as("only item 1 posted")
                .contains("\"salt\":")
                .satisfies(body -> assertThat(body.split("\"salt\":", -1)).hasSize(2));
        assertThat(POLYMARKET.orders())
                .filteredOn(o -> o.conditionId().equalsIgnoreCase(m.conditionId()))
                .hasSize(2);
    }

    /** Places a GTC buy of 5 at 0.20 straight at the fake CLOB, as an earlier gateway attempt would have. */
    private static String placeDirectly(
            PolymarketAccount a, String tokenId, PolymarketIdempotency.OrderIdentity identity) {
        var key = dev.pmgate.polymarket.PolymarketKeys.keyPair(a.privateKeyHex.toCharArray());
        var amounts = dev.pmgate.polymarket.PolymarketAmounts.limitOrder(
                dev.pmgate.polymarket.PolymarketSide.BUY,
                new BigDecimal("0.20"),
                new BigDecimal("5"),
                new BigDecimal("0.01"));
        var order = dev.pmgate.polymarket.PolymarketOrderV2.limit(
                dev.pmgate.polymarket.PolymarketWallet.eoa(key),
                new java.math.BigInteger(tokenId),
                dev.pmgate.polymarket.PolymarketSide.BUY,
                amounts,
                identity,
                0);
        var signed = dev.pmgate.polymarket.PolymarketOrderSigner.v2(137, false).sign(order, key);
        byte[] body = dev.pmgate.polymarket.PolymarketOrderBody.json(
                signed, a.creds.apiKey(), dev.pmgate.polymarket.PolymarketOrderType.GTC, false, false);
        try (var l2 = new dev.pmgate.polymarket.PolymarketL2Auth(
                a.address(),
                a.creds.apiKey(),
                a.creds.secret().toCharArray(),
                a.creds.passphrase().toCharArray())) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(POLYMARKET.clobUrl() + "/order"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
            l2.headers(Instant.now().getEpochSecond(), "POST", "/order", body).forEach(request::header);
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return signed.orderHash();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void cancelManyByIdAnswersPerItem() {
        PolymarketAccount a = account(true, "1000");
        FakePolymarket.Market m = market(false);
        HttpCall.Response created = post(
                a,
                "/orders/batch",
                batch(List.of(
                        order(m.conditionId(), "Yes", "buy", "0.10", "5"),
                        order(m.conditionId(), "No", "buy", "0.20", "5"),
                        order(m.conditionId(), "Yes", "buy", "0.11", "5"))),
                null);
        String id0 = created.json().get(0).get("order").get("id").asText();
        String id1 = created.json().get(1).get("order").get("id").asText();
        String id2 = created.json().get(2).get("order").get("id").asText();
        assertThat(polymarket("DELETE", "/orders/" + id2, a.header(), null).status())
                .isEqualTo(200);
        String unknown = randomOrderId();
        int deletes = POLYMARKET.requests("DELETE", "/orders").size();

        HttpCall.Response r = post(
                a,
                "/orders/cancel",
                "{\"ids\":[\"" + id0 + "\",\"" + unknown + "\",\"" + id1 + "\",\"" + id2 + "\"]}",
                null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode items = r.json();
        assertThat(items.get(0).get("ok").asBoolean()).isTrue();
        assertThat(items.get(0).get("order").get("status").asText()).isEqualTo("cancelled");
        assertThat(items.get(0).get("order").get("size").decimalValue()).isEqualByComparingTo("5");
        assertThat(items.get(1).get("error").get("code").asText()).isEqualTo("order_not_found");
        assertThat(items.get(2).get("ok").asBoolean()).isTrue();
        assertThat(items.get(3).get("error").get("code").asText()).isEqualTo("order_not_found");
        assertThat(POLYMARKET.requests("DELETE", "/orders").size() - deletes).isEqualTo(1);
        assertThat(POLYMARKET.order(id0).orElseThrow().status()).isEqualTo("CANCELED");
        assertThat(POLYMARKET.order(id1).orElseThrow().status()).isEqualTo("CANCELED");
    }

    @Test
    void cancelAllWithAndWithoutAMarket() {
        PolymarketAccount a = account(true, "1000");
        FakePolymarket.Market m1 = market(false);
        FakePolymarket.Market m2 = market(false);
        HttpCall.Response created = post(
                a,
                "/orders/batch",
                batch(List.of(
                        order(m1.conditionId(), "Yes", "buy", "0.10", "5"),
                        order(m1.conditionId(), "No", "buy", "0.10", "5"),
                        order(m2.conditionId(), "Yes", "buy", "0.10", "5"))),
                null);
        String inM2 = created.json().get(2).get("order").get("id").asText();

        HttpCall.Response one = polymarket("DELETE", "/orders?market_id=" + m1.conditionId(), a.header(), null);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().get("cancelled")).hasSize(2);
        assertThat(one.json().get("not_cancelled")).isEmpty();
        assertThat(POLYMARKET.requests("DELETE", "/cancel-market-orders")).isNotEmpty();
        assertThat(POLYMARKET.order(inM2).orElseThrow().status()).isEqualTo("LIVE");

        HttpCall.Response all = polymarket("DELETE", "/orders", a.header(), null);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().get("cancelled")).extracting(JsonNode::asText).containsExactly(inM2);
        assertThat(POLYMARKET.order(inM2).orElseThrow().status()).isEqualTo("CANCELED");
    }

    @Test
    void amendIsNotSupportedAndNothingIsSent() {
        PolymarketAccount a = account(false, "1000");
        int before = POLYMARKET.requests().size();
        HttpCall.Response r = api("PATCH", "/orders/" + randomOrderId() + "?exchange=polymarket")
                .header("X-Exchange-Credentials", a.header())
                .body("{\"price\":0.4}")
                .send();
        assertThat(r.status()).isEqualTo(501);
        assertThat(r.json().get("code").asText()).isEqualTo("not_supported");
        assertThat(r.json().get("exchange").asText()).isEqualTo("polymarket");
        assertThat(POLYMARKET.requests().size())
                .as("no cancel, no new order, no derive")
                .isEqualTo(before);
    }
}
