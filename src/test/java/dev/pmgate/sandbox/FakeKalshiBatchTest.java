package dev.pmgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pmgate.support.TestData;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake Kalshi's V2 batched create / cancel, amend and decrease (kalshi.md §4.2, §4.6, §4.8, §4.9). */
class FakeKalshiBatchTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00.123Z");
    private static final String V2 = "/trade-api/v2";
    private static final String KEY_ID = "a952bcbe-ec3b-4b5b-b8f9-11dae589608c";
    private static final String MARKET = "KXBATCHFAKE-26DEC31-A";
    private static final String SHARDED = "KXBATCHFAKE-26DEC31-S";

    private static JsonNode vectors;
    private static PrivateKey key;
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeKalshi fake;

    @BeforeAll
    static void loadKey() throws Exception {
        vectors = TestData.json("vectors/kalshi-signing.json");
        key = KalshiTestSigner.privateKey(
                vectors.at("/rsa/private_key_pkcs8_pem").asText());
    }

    @BeforeEach
    void start() {
        fake = new FakeKalshi().setClock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
        fake.registerKeyPem(KEY_ID, vectors.at("/rsa/public_key_pem").asText());
        fake.addMarket(MARKET, PriceLevelStructure.LINEAR_CENT);
        fake.addMarket(SHARDED, PriceLevelStructure.LINEAR_CENT, 2);
        fake.setBalance(KEY_ID, new BigDecimal("100"));
        fake.setBalance(KEY_ID, 2, new BigDecimal("100"));
    }

    @AfterEach
    void stop() {
        try {
            assertThat(fake.internalErrors()).isEmpty();
        } finally {
            fake.stop();
        }
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        String ts = Long.toString(NOW.toEpochMilli());
        int q = path.indexOf('?');
        String signed = ts + method + V2 + (q < 0 ? path : path.substring(0, q));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fake.port() + V2 + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("KALSHI-ACCESS-KEY", KEY_ID)
                .header("KALSHI-ACCESS-TIMESTAMP", ts)
                .header("KALSHI-ACCESS-SIGNATURE", KalshiTestSigner.sign(key, signed));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String item(String ticker, String side, String price, String count) {
        return "{\"ticker\":\"" + ticker + "\",\"side\":\"" + side + "\",\"price\":\"" + price + "\",\"count\":\""
                + count
                + "\",\"time_in_force\":\"good_till_canceled\",\"self_trade_prevention_type\":\"taker_at_cross\"}";
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return MAPPER.readTree(r.body());
    }

    @Test
    void batchedCreateAnswers201WithOneResultPerItemAndPerItemErrors() throws Exception {
        HttpResponse<String> r = call(
                "POST",
                "/portfolio/events/orders/batched",
                "{\"orders\":["
                        + item(MARKET, "bid", "0.40", "2") + "," + item(MARKET, "bid", "0.405", "1") + ","
                        + item(SHARDED, "ask", "0.70", "1") + "," + "{\"ticker\":\"" + MARKET + "\",\"count\":3}"
                        + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode orders = json(r).get("orders");
        assertThat(orders).hasSize(4);
        assertThat(orders.get(0).get("order_id").asText()).isNotEmpty();
        assertThat(orders.get(0).get("remaining_count").asText()).isEqualTo("2.00");
        assertThat(orders.get(0).get("error").isNull()).isTrue();
        assertThat(orders.get(1).get("error").get("code").asText()).isEqualTo("invalid_price");
        assertThat(orders.get(1).get("order_id").isNull()).isTrue();
        assertThat(orders.get(2).get("error").isNull())
                .as("the item is routed to its market's shard")
                .isTrue();
        assertThat(orders.get(3).get("error").get("code").asText()).isEqualTo("bad_request");
        assertThat(fake.orders(KEY_ID))
                .extracting(FakeKalshi.OrderSnapshot::exchangeIndex)
                .containsExactlyInAnyOrder(0, 2);
    }

    @Test
    void batchedCreateRefusesMoreThanTheLimitAndAnEmptyBatchAsAWhole() throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            items.add(item(MARKET, "bid", "0.10", "1"));
        }
        HttpResponse<String> over =
                call("POST", "/portfolio/events/orders/batched", "{\"orders\":[" + String.join(",", items) + "]}");
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(call("POST", "/portfolio/events/orders/batched", "{\"orders\":[]}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(call("POST", "/portfolio/events/orders/batched", "{\"orders\":[],\"x\":1}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(fake.orders(KEY_ID)).isEmpty();
        fake.batchLimit(21);
        assertThat(call("POST", "/portfolio/events/orders/batched", "{\"orders\":[" + String.join(",", items) + "]}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(fake.orders(KEY_ID)).hasSize(21);
    }

    @Test
    void aDuplicateClientOrderIdIsAPerItemConflict() throws Exception {
        String withId = item(MARKET, "bid", "0.40", "1").replace("{", "{\"client_order_id\":\"dup-1\",");
        JsonNode orders = json(call(
                        "POST", "/portfolio/events/orders/batched", "{\"orders\":[" + withId + "," + withId + "]}"))
                .get("orders");
        assertThat(orders.get(0).get("error").isNull()).isTrue();
        assertThat(orders.get(1).get("error").get("code").asText()).isEqualTo("order_already_exists");
        assertThat(orders.get(1).get("client_order_id").asText()).isEqualTo("dup-1");
    }

    @Test
    void batchedCancelRoutesEachItemLikeASingleCancel() throws Exception {
        JsonNode created = json(call(
                        "POST",
                        "/portfolio/events/orders/batched",
                        "{\"orders\":[" + item(MARKET, "bid", "0.40", "2") + "," + item(SHARDED, "bid", "0.30", "1")
                                + "]}"))
                .get("orders");
        String onZero = created.get(0).get("order_id").asText();
        String onTwo = created.get(1).get("order_id").asText();
        HttpResponse<String> r = call(
                "DELETE",
                "/portfolio/events/orders/batched",
                "{\"orders\":[{\"order_id\":\"" + onZero + "\"},{\"order_id\":\"" + onTwo + "\"},{\"order_id\":\""
                        + onTwo + "\",\"market_ticker\":\"" + SHARDED + "\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode orders = json(r).get("orders");
        assertThat(orders.get(0).get("reduced_by").asText()).isEqualTo("2.00");
        assertThat(orders.get(0).get("error").isNull()).isTrue();
        assertThat(orders.get(1).get("error").get("code").asText())
                .as("no ticker: shard 0, not found")
                .isEqualTo("not_found");
        assertThat(orders.get(2).get("error").isNull()).isTrue();
        assertThat(fake.orders(KEY_ID)).allMatch(o -> o.status().equals("canceled"));
    }

    @Test
    void amendChangesPriceAndTotalCountAndChecksTheOrder() throws Exception {
        String id = json(call("POST", "/portfolio/events/orders", item(MARKET, "bid", "0.40", "5")))
                .get("order_id")
                .asText();
        String path = "/portfolio/events/orders/" + id + "/amend";
        assertThat(call(
                                "POST",
                                path,
                                "{\"ticker\":\"" + SHARDED + "\",\"side\":\"bid\",\"price\":\"0.41\",\"count\":\"5\"}")
                        .statusCode())
                .as("another market: another shard, not found")
                .isEqualTo(404);
        assertThat(json(call(
                                "POST",
                                path,
                                "{\"ticker\":\"" + MARKET + "\",\"side\":\"ask\",\"price\":\"0.41\",\"count\":\"5\"}"))
                        .at("/error/code")
                        .asText())
                .isEqualTo("order_side_mismatch");
        assertThat(json(call(
                                "POST",
                                path,
                                "{\"ticker\":\"" + MARKET + "\",\"side\":\"bid\",\"price\":\"0.415\",\"count\":\"5\"}"))
                        .at("/error/code")
                        .asText())
                .isEqualTo("invalid_price");
        assertThat(call("POST", path, "{\"ticker\":\"" + MARKET + "\",\"side\":\"bid\",\"price\":0.41,\"count\":\"5\"}")
                        .statusCode())
                .as("numbers are refused like on create")
                .isEqualTo(400);

        HttpResponse<String> ok = call(
                "POST", path, "{\"ticker\":\"" + MARKET + "\",\"side\":\"bid\",\"price\":\"0.45\",\"count\":\"8\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("remaining_count").asText()).isEqualTo("8.00");
        FakeKalshi.OrderSnapshot o = fake.orders(KEY_ID).get(0);
        assertThat(o.price()).isEqualByComparingTo("0.45");
        assertThat(o.initialCount()).isEqualByComparingTo("8");

        fake.addLiquidity(MARKET, BookSide.ASK, new BigDecimal("0.48"), new BigDecimal("3"));
        JsonNode crossed = json(call(
                "POST", path, "{\"ticker\":\"" + MARKET + "\",\"side\":\"bid\",\"price\":\"0.50\",\"count\":\"8\"}"));
        assertThat(crossed.get("fill_count").asText()).isEqualTo("3.00");
        assertThat(crossed.get("remaining_count").asText()).isEqualTo("5.00");
        assertThat(crossed.get("average_fill_price").asText()).isEqualTo("0.4800");
        assertThat(json(call(
                                "POST",
                                path,
                                "{\"ticker\":\"" + MARKET + "\",\"side\":\"bid\",\"price\":\"0.50\",\"count\":\"3\"}"))
                        .at("/error/code")
                        .asText())
                .as("count below what is filled")
                .isEqualTo("invalid_order_size");
    }

    @Test
    void decreaseTakesExactlyOneOfReduceByAndReduceTo() throws Exception {
        String id = json(call("POST", "/portfolio/events/orders", item(SHARDED, "bid", "0.40", "10")))
                .get("order_id")
                .asText();
        String path = "/portfolio/events/orders/" + id + "/decrease";
        assertThat(call("POST", path, "{\"reduce_by\":\"2\",\"reduce_to\":\"5\",\"market_ticker\":\"" + SHARDED + "\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(call("POST", path, "{\"reduce_by\":\"2\"}").statusCode())
                .as("shard 0 without routing")
                .isEqualTo(404);
        JsonNode by = json(call("POST", path, "{\"reduce_by\":\"2\",\"market_ticker\":\"" + SHARDED + "\"}"));
        assertThat(by.get("remaining_count").asText()).isEqualTo("8.00");
        JsonNode to = json(call("POST", path, "{\"reduce_to\":\"3\",\"exchange_index\":2}"));
        assertThat(to.get("remaining_count").asText()).isEqualTo("3.00");
        assertThat(fake.orders(KEY_ID).get(0).status()).isEqualTo("resting");
        JsonNode all = json(call("POST", path, "{\"reduce_by\":\"3\",\"exchange_index\":2}"));
        assertThat(all.get("remaining_count").asText()).isEqualTo("0.00");
        assertThat(fake.orders(KEY_ID).get(0).status()).isEqualTo("canceled");
    }
}
