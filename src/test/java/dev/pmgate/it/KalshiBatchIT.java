package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.sandbox.BookSide;
import dev.pmgate.sandbox.FakeKalshi;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.sandbox.RecordedRequest;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Batch trading on Kalshi (SPEC §10) through the running gateway against the strict fake. */
class KalshiBatchIT extends GatewayIT {

    private KalshiAccount account() {
        KalshiAccount account = new KalshiAccount(KeyFormat.ED25519);
        KALSHI.registerKey(account.keyId, account.keyPair.getPublic());
        KALSHI.setBalance(account.keyId, new BigDecimal("10000"));
        return account;
    }

    private static String market() {
        String ticker =
                "KXBATCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        KALSHI.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
        return ticker;
    }

    private static String order(String market, String outcome, String side, String price, String size) {
        return "{\"market_id\":\"" + market + "\",\"outcome\":\"" + outcome + "\",\"side\":\"" + side + "\",\"price\":"
                + price + ",\"size\":" + size + "}";
    }

    private static String batch(List<String> orders) {
        return "{\"orders\":[" + String.join(",", orders) + "]}";
    }

    private HttpCall.Response post(KalshiAccount a, String path, String body, String idempotencyKey) {
        HttpCall call = api("POST", path + "?exchange=kalshi")
                .header("X-Exchange-Credentials", a.header())
                .body(body);
        if (idempotencyKey != null) {
            call.header("Idempotency-Key", idempotencyKey);
        }
        return call.send();
    }

    private static long calls(String method, String pathSuffix) {
        return KALSHI.requests().stream()
                .filter(r -> r.method().equals(method) && r.rawPath().endsWith(pathSuffix))
                .count();
    }

    @Test
    void aFullBatchOfTwentyIsOneSignedCallWithResultsInRequestOrder() {
        KalshiAccount a = account();
        List<String> markets = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String m = market();
            markets.add(m);
            orders.add(order(m, i % 2 == 0 ? "Yes" : "No", "buy", "0." + (10 + i), "" + (i + 1)));
        }
        long before = calls("POST", "/portfolio/events/orders/batched");
        long singles = calls("POST", "/portfolio/events/orders");
        HttpCall.Response r = post(a, "/orders/batch", batch(orders), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(calls("POST", "/portfolio/events/orders/batched") - before).isEqualTo(1);
        assertThat(calls("POST", "/portfolio/events/orders"))
                .as("no single creates")
                .isEqualTo(singles);
        JsonNode items = r.json();
        assertThat(items).hasSize(20);
        for (int i = 0; i < 20; i++) {
            JsonNode item = items.get(i);
            assertThat(item.get("index").asInt()).isEqualTo(i);
            assertThat(item.get("ok").asBoolean()).as(item.toString()).isTrue();
            JsonNode o = item.get("order");
            assertThat(o.get("market_id").asText()).isEqualTo(markets.get(i));
            assertThat(o.get("outcome").asText()).isEqualTo(i % 2 == 0 ? "Yes" : "No");
            assertThat(o.get("price").decimalValue()).isEqualByComparingTo("0." + (10 + i));
            assertThat(o.get("size").decimalValue()).isEqualByComparingTo("" + (i + 1));
            assertThat(o.get("status").asText()).isEqualTo("open");
            assertThat(o.get("filled").decimalValue()).isZero();
            assertThat(o.has("duplicate")).isFalse();
        }
        assertThat(KALSHI.orders(a.keyId)).hasSize(20);
        RecordedRequest sent = KALSHI.requests().stream()
                .filter(q -> q.method().equals("POST") && q.rawPath().endsWith("/batched"))
                .reduce((x, y) -> y)
                .orElseThrow();
        // buy No at 0.11 is an ask at 0.89 on the YES book, like a single order
        assertThat(sent.bodyString()).contains("\"side\":\"ask\"", "\"price\":\"0.89\"", "\"count\":\"2\"");
    }

    @Test
    void oneOverTheLimitIsRefusedAndNothingIsSent() {
        KalshiAccount a = account();
        String m = market();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            orders.add(order(m, "Yes", "buy", "0.10", "1"));
        }
        long before = KALSHI.requests().size();
        HttpCall.Response r = post(a, "/orders/batch", batch(orders), null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("validation_error");
        assertThat(r.json().get("validation_errors").toString()).contains("orders: 1 to 20 items on kalshi (got 21)");
        assertThat(r.header("x-should-retry")).isEqualTo("false");
        assertThat(KALSHI.requests().size()).isEqualTo(before);
    }

    @Test
    void anInvalidItemFailsTheWholeBatchNamingItsIndexBeforeAnythingIsSent() {
        KalshiAccount a = account();
        String m = market();
        long before = KALSHI.requests().size();
        HttpCall.Response r = post(
                a,
                "/orders/batch",
                batch(List.of(
                        order(m, "Yes", "buy", "0.10", "1"),
                        order(m, "Yes", "buy", "1.5", "1"),
                        order(m, "Yes", "buy", "0.12345", "1"))),
                null);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("validation_error");
        assertThat(r.json().get("validation_errors").toString()).contains("orders[1].price");
        assertThat(r.json().get("validation_errors").toString()).doesNotContain("orders[0]");
        assertThat(KALSHI.requests().size()).as("nothing sent").isEqualTo(before);

        // an item only Kalshi's translation refuses (5 decimals on the wire) is named too, still nothing sent
        HttpCall.Response wire = post(
                a,
                "/orders/batch",
                batch(List.of(order(m, "Yes", "buy", "0.10", "1"), order(m, "Yes", "buy", "0.12345", "1"))),
                null);
        assertThat(wire.status()).as(wire.body()).isEqualTo(400);
        assertThat(wire.json().get("validation_errors").toString()).contains("orders[1].price");
        assertThat(KALSHI.requests().size()).as("nothing sent").isEqualTo(before);
        assertThat(KALSHI.orders(a.keyId)).isEmpty();
    }

    @Test
    void mixedValidAndRefusedItemsAnswer200WithPerItemErrors() {
        KalshiAccount a = account();
        String m = market();
        KALSHI.setBalance(a.keyId, new BigDecimal("5"));
        HttpCall.Response r = post(
                a,
                "/orders/batch",
                batch(List.of(
                        order(m, "Yes", "buy", "0.10", "1"),
                        order(m, "Yes", "buy", "0.505", "1"), // off Kalshi's cent grid
                        order(
                                "KXNOSUCH-"
                                        + UUID.randomUUID()
                                                .toString()
                                                .substring(0, 6)
                                                .toUpperCase(),
                                "Yes",
                                "buy",
                                "0.10",
                                "1"),
                        order(m, "Yes", "buy", "0.50", "100"), // more than the balance
                        order(m, "No", "buy", "0.20", "2"))),
                null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode items = r.json();
        assertThat(items).hasSize(5);
        assertThat(items.get(0).get("ok").asBoolean()).isTrue();
        assertThat(items.get(1).get("ok").asBoolean()).isFalse();
        assertThat(items.get(1).get("error").get("code").asText()).isEqualTo("validation_error");
        assertThat(items.get(1).get("error").get("upstream").get("code").asText())
                .isEqualTo("invalid_price");
        assertThat(items.get(2).get("error").get("code").asText()).isEqualTo("market_not_found");
        assertThat(items.get(3).get("error").get("code").asText()).isEqualTo("insufficient_funds");
        assertThat(items.get(3).get("error").get("exchange").asText()).isEqualTo("kalshi");
        assertThat(items.get(4).get("ok").asBoolean()).isTrue();
        assertThat(items.get(4).get("order").get("outcome").asText()).isEqualTo("No");
        for (JsonNode item : items) {
            assertThat(item.get("index").asInt())
                    .isEqualTo(items.findValues("index").indexOf(item.get("index")));
        }
        assertThat(KALSHI.orders(a.keyId)).hasSize(2);
        // refused items are visible to operations although the answer is a 200
        String metrics = HttpCall.to("GET", "http://127.0.0.1:" + port + "/actuator/prometheus")
                .send()
                .body();
        assertThat(metrics)
                .contains("pmgate_batch_items_total{exchange=\"kalshi\",operation=\"create_orders\","
                        + "outcome=\"insufficient_funds\"}");
    }

    @Test
    void aRetriedBatchWithTheSameKeyPlacesNothingTwice() {
        KalshiAccount a = account();
        String m1 = market();
        String m2 = market();
        String body = batch(List.of(
                order(m1, "Yes", "buy", "0.10", "1"),
                order(m2, "No", "buy", "0.30", "2"),
                order(m1, "Yes", "buy", "0.11", "3")));
        String key = "batch-" + UUID.randomUUID();
        HttpCall.Response first = post(a, "/orders/batch", body, key);
        HttpCall.Response second = post(a, "/orders/batch", body, key);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(KALSHI.orders(a.keyId)).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode again = second.json().get(i);
            assertThat(again.get("ok").asBoolean()).as(again.toString()).isTrue();
            assertThat(again.get("order").get("duplicate").asBoolean()).isTrue();
            assertThat(again.get("order").get("id").asText())
                    .isEqualTo(first.json().get(i).get("order").get("id").asText());
        }
        // each item got its own identity: three distinct client_order_ids, none equal to a single order's
        assertThat(KALSHI.orders(a.keyId).stream()
                        .map(FakeKalshi.OrderSnapshot::clientOrderId)
                        .distinct())
                .hasSize(3);

        // the same key with a different item at that index is not that order
        HttpCall.Response changed = post(a, "/orders/batch", batch(List.of(order(m1, "Yes", "buy", "0.12", "1"))), key);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get(0).get("error").get("code").asText()).isEqualTo("duplicate_order");
        assertThat(KALSHI.orders(a.keyId)).hasSize(3);
    }

    @Test
    void aFailedBatchCallFailsTheRequestAndIsNeverRetried() {
        KalshiAccount a = account();
        String m = market();
        long before = calls("POST", "/portfolio/events/orders/batched");
        KALSHI.failNext(
                500, "{\"error\":{\"code\":\"internal_server_error\",\"message\":\"boom\"}}", java.util.Map.of());
        HttpCall.Response failed = post(a, "/orders/batch", batch(List.of(order(m, "Yes", "buy", "0.10", "1"))), null);
        assertThat(failed.status()).as(failed.body()).isEqualTo(502);
        assertThat(failed.json().get("code").asText()).isEqualTo("upstream_error");
        assertThat(calls("POST", "/portfolio/events/orders/batched") - before)
                .as("never retried")
                .isEqualTo(1);

        KALSHI.failNext(429, "{\"error\": \"too many requests\"}", java.util.Map.of());
        HttpCall.Response limited = post(a, "/orders/batch", batch(List.of(order(m, "Yes", "buy", "0.10", "1"))), null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(KALSHI.orders(a.keyId)).isEmpty();
    }

    @Test
    void aBatchWhoseAnswerTimesOutSaysItsFateIsUnknownAndItsRetryPlacesNothingTwice() {
        KalshiAccount a = account();
        String m = market();
        String body = batch(List.of(order(m, "Yes", "buy", "0.10", "1"), order(m, "No", "buy", "0.20", "1")));
        String key = "slow-" + UUID.randomUUID();
        // Kalshi places the orders but its answer comes after the gateway's 3 s upstream timeout
        KALSHI.injectNext(
                r -> r.method().equals("POST") && r.rawPath().endsWith("/batched"),
                dev.pmgate.sandbox.FakeFault.delayResponse(java.time.Duration.ofMillis(4500)));
        long before = calls("POST", "/portfolio/events/orders/batched");
        HttpCall.Response slow = post(a, "/orders/batch", body, key);
        assertThat(slow.status()).as(slow.body()).isEqualTo(504);
        assertThat(slow.json().get("code").asText()).isEqualTo("upstream_timeout");
        assertThat(slow.json().get("exchange").asText()).isEqualTo("kalshi");
        assertThat(slow.json().get("error").asText()).contains("may or may not have been placed", "Idempotency-Key");
        assertThat(slow.header("x-should-retry"))
                .as("a blind retry could place the batch twice")
                .isEqualTo("false");
        assertThat(calls("POST", "/portfolio/events/orders/batched") - before)
                .as("never retried")
                .isEqualTo(1);
        assertThat(KALSHI.orders(a.keyId)).hasSize(2);

        HttpCall.Response retried = post(a, "/orders/batch", body, key);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json())
                .allSatisfy(
                        item -> assertThat(item.get("order").get("duplicate").asBoolean())
                                .isTrue());
        assertThat(KALSHI.orders(a.keyId)).hasSize(2);
    }

    @Test
    void cancelManyByIdAnswersPerItem() {
        KalshiAccount a = account();
        String m = market();
        String sharded =
                "KXBSHARD-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        KALSHI.addMarket(sharded, PriceLevelStructure.LINEAR_CENT, 3);
        KALSHI.setBalance(a.keyId, 3, new BigDecimal("100"));
        HttpCall.Response created = post(
                a,
                "/orders/batch",
                batch(List.of(
                        order(m, "Yes", "buy", "0.10", "4"),
                        order(sharded, "No", "buy", "0.20", "1"),
                        order(m, "Yes", "buy", "0.12", "1"))),
                null);
        String id0 = created.json().get(0).get("order").get("id").asText();
        String id1 = created.json().get(1).get("order").get("id").asText();
        String id2 = created.json().get(2).get("order").get("id").asText();
        assertThat(kalshi("DELETE", "/orders/" + id2, a.header(), null).status())
                .isEqualTo(200);
        String unknown = UUID.randomUUID().toString();

        HttpCall.Response r = post(
                a,
                "/orders/cancel",
                "{\"ids\":[\"" + id0 + "\",\"" + unknown + "\",\"" + id1 + "\",\"" + id2 + "\"]}",
                null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode items = r.json();
        assertThat(items.get(0).get("ok").asBoolean()).isTrue();
        assertThat(items.get(0).get("order").get("id").asText()).isEqualTo(id0);
        assertThat(items.get(0).get("order").get("status").asText()).isEqualTo("cancelled");
        assertThat(items.get(0).get("order").get("remaining").decimalValue()).isZero();
        assertThat(items.get(0).get("order").get("size").decimalValue()).isEqualByComparingTo("4");
        assertThat(items.get(1).get("ok").asBoolean()).isFalse();
        assertThat(items.get(1).get("error").get("code").asText()).isEqualTo("order_not_found");
        assertThat(items.get(2).get("ok").asBoolean())
                .as("the shard-3 order is routed by its ticker")
                .isTrue();
        assertThat(items.get(3).get("error").get("code").asText()).isEqualTo("order_not_found");
        assertThat(KALSHI.orders(a.keyId)).allMatch(o -> o.status().equals("canceled"));
        RecordedRequest sent = KALSHI.requests().stream()
                .filter(q -> q.method().equals("DELETE") && q.rawPath().endsWith("/batched"))
                .reduce((x, y) -> y)
                .orElseThrow();
        assertThat(sent.bodyString())
                .contains("\"market_ticker\":\"" + sharded + "\"")
                .doesNotContain(unknown);
    }

    @Test
    void cancelAllOfOneMarketLeavesTheOthers() {
        KalshiAccount a = account();
        String m1 = market();
        String m2 = market();
        post(
                a,
                "/orders/batch",
                batch(List.of(
                        order(m1, "Yes", "buy", "0.10", "1"),
                        order(m1, "No", "buy", "0.10", "1"),
                        order(m2, "Yes", "buy", "0.10", "1"))),
                null);
        long accountWide = calls("DELETE", "/portfolio/events/orders");
        HttpCall.Response r = kalshi("DELETE", "/orders?market_id=" + m1, a.header(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("cancelled")).hasSize(2);
        assertThat(r.json().get("not_cancelled")).isEmpty();
        assertThat(KALSHI.orders(a.keyId))
                .filteredOn(o -> o.ticker().equals(m1))
                .allMatch(o -> o.status().equals("canceled"));
        assertThat(KALSHI.orders(a.keyId))
                .filteredOn(o -> o.ticker().equals(m2))
                .allMatch(o -> o.status().equals("resting"));
        assertThat(calls("DELETE", "/portfolio/events/orders"))
                .as("not Kalshi's account-wide cancel-all")
                .isEqualTo(accountWide);
    }

    @Test
    void cancelAllWithoutAMarketIsKalshisCancelAll() {
        KalshiAccount a = account();
        String m1 = market();
        String m2 = market();
        HttpCall.Response created = post(
                a,
                "/orders/batch",
                batch(List.of(order(m1, "Yes", "buy", "0.10", "1"), order(m2, "Yes", "buy", "0.10", "1"))),
                null);
        List<String> ids = List.of(
                created.json().get(0).get("order").get("id").asText(),
                created.json().get(1).get("order").get("id").asText());
        long before = calls("DELETE", "/portfolio/events/orders");
        HttpCall.Response r = kalshi("DELETE", "/orders", a.header(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(calls("DELETE", "/portfolio/events/orders") - before).isEqualTo(1);
        List<String> cancelled = new ArrayList<>();
        r.json().get("cancelled").forEach(id -> cancelled.add(id.asText()));
        assertThat(cancelled).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(KALSHI.orders(a.keyId)).allMatch(o -> o.status().equals("canceled"));

        HttpCall.Response nothing = kalshi("DELETE", "/orders", a.header(), null);
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.json().get("cancelled")).isEmpty();
    }

    @Test
    void amendUpAndDown() {
        KalshiAccount a = account();
        String m = market();
        String id = kalshi("POST", "/orders", a.header(), order(m, "No", "buy", "0.40", "10"))
                .json()
                .get("id")
                .asText();

        // size down at the same price: Kalshi's decrease (keeps queue priority)
        HttpCall.Response down = api("PATCH", "/orders/" + id + "?exchange=kalshi")
                .header("X-Exchange-Credentials", a.header())
                .body("{\"size\":6}")
                .send();
        assertThat(down.status()).as(down.body()).isEqualTo(200);
        assertThat(down.json().get("size").decimalValue()).isEqualByComparingTo("6");
        assertThat(down.json().get("remaining").decimalValue()).isEqualByComparingTo("6");
        assertThat(down.json().get("price").decimalValue()).isEqualByComparingTo("0.40");
        RecordedRequest decrease = KALSHI.requests().stream()
                .filter(q -> q.rawPath().endsWith("/" + id + "/decrease"))
                .reduce((x, y) -> y)
                .orElseThrow();
        assertThat(decrease.bodyString()).contains("\"reduce_by\":\"4\"");

        // a new price and a larger size: Kalshi's amend, count = the new total, price on the YES book
        HttpCall.Response up = api("PATCH", "/orders/" + id + "?exchange=kalshi")
                .header("X-Exchange-Credentials", a.header())
                .body("{\"price\":0.45,\"size\":12}")
                .send();
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().get("price").decimalValue()).isEqualByComparingTo("0.45");
        assertThat(up.json().get("size").decimalValue()).isEqualByComparingTo("12");
        assertThat(up.json().get("status").asText()).isEqualTo("open");
        RecordedRequest amend = KALSHI.requests().stream()
                .filter(q -> q.rawPath().endsWith("/" + id + "/amend"))
                .reduce((x, y) -> y)
                .orElseThrow();
        assertThat(amend.bodyString()).contains("\"side\":\"ask\"", "\"price\":\"0.55\"", "\"count\":\"12\"");
        FakeKalshi.OrderSnapshot now = KALSHI.orders(a.keyId).get(0);
        assertThat(now.price()).isEqualByComparingTo("0.55");
        assertThat(now.remainingCount()).isEqualByComparingTo("12");
        JsonNode read = kalshi("GET", "/orders/" + id, a.header(), null).json();
        assertThat(read.get("price").decimalValue()).isEqualByComparingTo("0.45");
        assertThat(read.get("size").decimalValue()).isEqualByComparingTo("12");

        // an amend that crosses the book trades at once
        KALSHI.addLiquidity(m, BookSide.BID, new BigDecimal("0.50"), new BigDecimal("5"));
        HttpCall.Response crossing = api("PATCH", "/orders/" + id + "?exchange=kalshi")
                .header("X-Exchange-Credentials", a.header())
                .body("{\"price\":0.50}")
                .send();
        assertThat(crossing.status()).as(crossing.body()).isEqualTo(200);
        assertThat(crossing.json().get("filled").decimalValue()).isEqualByComparingTo("5");
        assertThat(crossing.json().get("remaining").decimalValue()).isEqualByComparingTo("7");
        assertThat(crossing.json().get("status").asText()).isEqualTo("partially_filled");

        HttpCall.Response belowFilled = api("PATCH", "/orders/" + id + "?exchange=kalshi")
                .header("X-Exchange-Credentials", a.header())
                .body("{\"size\":5}")
                .send();
        assertThat(belowFilled.status()).isEqualTo(400);
        assertThat(belowFilled.json().get("validation_errors").toString()).contains("size");

        assertThat(kalshi("DELETE", "/orders/" + id, a.header(), null).status()).isEqualTo(200);
        HttpCall.Response gone = api("PATCH", "/orders/" + id + "?exchange=kalshi")
                .header("X-Exchange-Credentials", a.header())
                .body("{\"size\":9}")
                .send();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asText()).isEqualTo("order_not_found");
    }

    @Test
    void amendBodiesAreValidated() {
        KalshiAccount a = account();
        for (String body : List.of("{}", "{\"price\":1.2}", "{\"size\":0}", "{\"price\":0.5,\"count\":3}", "[]")) {
            HttpCall.Response r = api("PATCH", "/orders/" + UUID.randomUUID() + "?exchange=kalshi")
                    .header("X-Exchange-Credentials", a.header())
                    .body(body)
                    .send();
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("validation_error");
        }
    }
}
