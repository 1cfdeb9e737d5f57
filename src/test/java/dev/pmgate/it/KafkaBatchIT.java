package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWEAlgorithm;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KafkaTestClient;
import dev.pmgate.support.KafkaTestClient.Record;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import dev.pmgate.support.Sealer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The batch operations of SPEC §10 on the Kafka request topic, against a real in-JVM broker and the fake Kalshi. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBatchIT extends GatewayIT {

    private static final List<String> CANARIES = new CopyOnWriteArrayList<>();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;
    private static KafkaTestClient.TopicReader results;

    @BeforeEach
    void clients() {
        if (kafka == null) {
            kafka = new KafkaTestClient(System.getProperty("spring.embedded.kafka.brokers"));
            results = kafka.reader("pmgate.results");
        }
    }

    @AfterAll
    static void closeClients() {
        if (kafka != null) {
            results.close();
            kafka.close();
            kafka = null;
        }
    }

    private KalshiAccount account() {
        KalshiAccount a = new KalshiAccount(KeyFormat.RSA_PKCS8);
        CANARIES.addAll(List.of(a.canaries()));
        KALSHI.registerKey(a.keyId, a.keyPair.getPublic());
        KALSHI.setBalance(a.keyId, new BigDecimal("500"));
        return a;
    }

    private Map<String, String> headers(KalshiAccount a) {
        String jwks = HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/credentials/jwks")
                .send()
                .body();
        String sealed =
                Sealer.seal(jwks, a.credentialsJson(), Instant.now().getEpochSecond() + 300, JWEAlgorithm.ECDH_ES);
        CANARIES.add(sealed.substring(sealed.length() - 40));
        return Map.of("X-API-Key", API_KEY, "X-Exchange-Credentials", sealed);
    }

    private static String market() {
        String ticker =
                "KXKBATCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        KALSHI.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
        return ticker;
    }

    private static Map<String, Object> order(String market, String price, int size) {
        return Map.of(
                "market_id", market, "outcome", "Yes", "side", "buy", "price", new BigDecimal(price), "size", size);
    }

    private static String record(String requestId, String op, Map<String, Object> extra) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("request_id", requestId);
        value.put("op", op);
        value.put("exchange", "kalshi");
        value.putAll(extra);
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> send(
            Map<String, String> headers, String requestId, String op, Map<String, Object> extra, int deliveries) {
        for (int i = 0; i < deliveries; i++) {
            kafka.send("pmgate.requests", requestId, record(requestId, op, extra), headers);
        }
        List<JsonNode> answers = new ArrayList<>();
        for (Record r : results.await(x -> requestId.equals(x.key()), deliveries, WAIT)) {
            assertThat(r.headers()).doesNotContainKeys("X-API-Key", "X-Exchange-Credentials");
            try {
                JsonNode answer = MAPPER.readTree(r.value());
                assertThat(answer.get("op").asText()).isEqualTo(op);
                answers.add(answer);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return answers;
    }

    @Test
    @Order(1)
    void aRedeliveredCreateOrdersPlacesNothingTwice() {
        KalshiAccount a = account();
        Map<String, String> headers = headers(a);
        String m = market();
        String requestId = "batch-" + UUID.randomUUID();
        // the same record delivered twice (at-least-once): request_id is the batch's idempotency key
        List<JsonNode> answers = send(
                headers,
                requestId,
                "create_orders",
                Map.of("orders", List.of(order(m, "0.10", 1), order(m, "0.11", 2), order(m, "0.12", 3))),
                2);
        JsonNode first = answers.get(0);
        JsonNode second = answers.get(1);
        assertThat(first.get("ok").asBoolean()).as(first.toString()).isTrue();
        assertThat(first.get("status").asInt()).isEqualTo(200);
        assertThat(first.get("result")).hasSize(3);
        assertThat(first.has("duplicate")).isFalse();
        assertThat(second.get("duplicate").asBoolean())
                .as("every item was already placed")
                .isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(first.get("result").get(i).get("ok").asBoolean()).isTrue();
            assertThat(first.get("result").get(i).get("order").has("duplicate")).isFalse();
            JsonNode again = second.get("result").get(i);
            assertThat(again.get("index").asInt()).isEqualTo(i);
            assertThat(again.get("order").get("duplicate").asBoolean()).isTrue();
            assertThat(again.get("order").get("id").asText())
                    .isEqualTo(first.get("result").get(i).get("order").get("id").asText());
        }
        assertThat(KALSHI.orders(a.keyId)).hasSize(3);
    }

    @Test
    @Order(2)
    void cancelOrdersAmendAndCancelAllRoundTrip() {
        KalshiAccount a = account();
        Map<String, String> headers = headers(a);
        String m1 = market();
        String m2 = market();
        JsonNode created = send(
                        headers,
                        "c-" + UUID.randomUUID(),
                        "create_orders",
                        Map.of(
                                "orders",
                                List.of(
                                        order(m1, "0.20", 4),
                                        order(m1, "0.21", 1),
                                        order(m2, "0.22", 1),
                                        order(m2, "0.23", 1))),
                        1)
                .get(0);
        List<String> ids = new ArrayList<>();
        created.get("result")
                .forEach(item -> ids.add(item.get("order").get("id").asText()));

        JsonNode amended = send(
                        headers,
                        "a-" + UUID.randomUUID(),
                        "amend_order",
                        Map.of("order_id", ids.get(0), "order", Map.of("price", new BigDecimal("0.25"), "size", 6)),
                        1)
                .get(0);
        assertThat(amended.get("ok").asBoolean()).as(amended.toString()).isTrue();
        assertThat(amended.get("result").get("price").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(amended.get("result").get("size").decimalValue()).isEqualByComparingTo("6");

        JsonNode cancelled = send(
                        headers,
                        "x-" + UUID.randomUUID(),
                        "cancel_orders",
                        Map.of("ids", List.of(ids.get(1), UUID.randomUUID().toString())),
                        1)
                .get(0);
        assertThat(cancelled.get("status").asInt()).isEqualTo(200);
        assertThat(cancelled.get("result").get(0).get("order").get("status").asText())
                .isEqualTo("cancelled");
        assertThat(cancelled.get("result").get(1).get("error").get("code").asText())
                .isEqualTo("order_not_found");

        JsonNode oneMarket = send(
                        headers, "m-" + UUID.randomUUID(), "cancel_all", Map.of("query", Map.of("market_id", m2)), 1)
                .get(0);
        assertThat(oneMarket.get("result").get("cancelled")).hasSize(2);
        JsonNode everything = send(headers, "e-" + UUID.randomUUID(), "cancel_all", Map.of(), 1)
                .get(0);
        assertThat(everything.get("result").get("cancelled"))
                .extracting(JsonNode::asText)
                .containsExactly(ids.get(0));
        assertThat(KALSHI.orders(a.keyId)).allMatch(o -> o.status().equals("canceled"));
    }

    @Test
    @Order(3)
    void invalidBatchesAreAnsweredWithTheSpecError() {
        KalshiAccount a = account();
        Map<String, String> headers = headers(a);
        String m = market();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add(order(m, "0.10", 1));
        }
        JsonNode over = send(headers, "o-" + UUID.randomUUID(), "create_orders", Map.of("orders", tooMany), 1)
                .get(0);
        assertThat(over.get("ok").asBoolean()).isFalse();
        assertThat(over.get("status").asInt()).isEqualTo(400);
        assertThat(over.get("error").get("code").asText()).isEqualTo("validation_error");
        JsonNode missing = send(headers, "n-" + UUID.randomUUID(), "amend_order", Map.of("order_id", "X-1"), 1)
                .get(0);
        assertThat(missing.get("status").asInt()).isEqualTo(400);
        assertThat(missing.get("error").get("validation_errors").toString()).contains("order");
        assertThat(KALSHI.orders(a.keyId)).isEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noSecretAppearsInAnyResult() {
        assertThat(CANARIES).isNotEmpty();
        List<String> secrets = new ArrayList<>(CANARIES);
        secrets.add(API_KEY);
        results.poll();
        assertThat(results.seen()).isNotEmpty();
        for (Record r : results.seen()) {
            for (String secret : secrets) {
                assertThat(r.dump()).as("result %s", r.key()).doesNotContain(secret);
            }
        }
    }
}
