package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWEAlgorithm;
import dev.pmgate.PmgateApplication;
import dev.pmgate.credentials.SessionTracker;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The Kafka entry point against a real in-JVM KRaft broker and the strict fake Kalshi. */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class KafkaIT extends GatewayIT {

    /** Every secret this class put into a record header; none may appear in any topic. */
    private static final List<String> CANARIES = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;
    private static KafkaTestClient.TopicReader results;
    private static KafkaTestClient.TopicReader deadLetters;
    private static final AtomicBoolean CRASHED = new AtomicBoolean();
    private static final AtomicBoolean COMMIT_LOST = new AtomicBoolean();

    @Autowired
    private CamelContext camel;

    @BeforeEach
    void clients() {
        if (kafka != null) {
            return;
        }
        kafka = new KafkaTestClient(System.getProperty("spring.embedded.kafka.brokers"));
        results = kafka.reader("pmgate.results");
        deadLetters = kafka.reader("pmgate.requests.dlq");
    }

    @AfterAll
    static void closeClients() {
        if (kafka == null) {
            return;
        }
        results.close();
        deadLetters.close();
        kafka.close();
    }

    private String jwks() {
        return HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/credentials/jwks")
                .send()
                .body();
    }

    private KalshiAccount account() {
        KalshiAccount a = new KalshiAccount(KeyFormat.ED25519);
        CANARIES.addAll(List.of(a.canaries()));
        KALSHI.registerKey(a.keyId, a.keyPair.getPublic());
        KALSHI.setBalance(a.keyId, new BigDecimal("500"));
        return a;
    }

    private Map<String, String> headers(KalshiAccount a) {
        return sealedHeaders(a.credentialsJson());
    }

    private Map<String, String> sealedHeaders(Map<String, Object> credentials) {
        String sealed = Sealer.seal(jwks(), credentials, Instant.now().getEpochSecond() + 300, JWEAlgorithm.ECDH_ES);
        CANARIES.add(sealed.substring(sealed.length() - 40));
        return Map.of("X-API-Key", API_KEY, "X-Exchange-Credentials", sealed);
    }

    private String request(String requestId, String op, Map<String, Object> extra) {
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

    private JsonNode resultOf(String requestId) {
        Record r = results.await(x -> requestId.equals(x.key()), 1, WAIT).get(0);
        assertThat(r.headers()).doesNotContainKeys("X-API-Key", "X-Exchange-Credentials");
        try {
            return MAPPER.readTree(r.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode roundTrip(KalshiAccount a, String op, Map<String, Object> extra) {
        return roundTrip(headers(a), "kalshi", op, extra);
    }

    private JsonNode roundTrip(Map<String, String> headers, String exchange, String op, Map<String, Object> extra) {
        String id = op + "-" + UUID.randomUUID();
        Map<String, Object> withExchange = new LinkedHashMap<>(extra);
        withExchange.put("exchange", exchange);
        kafka.send("pmgate.requests", id, request(id, op, withExchange), headers);
        JsonNode result = resultOf(id);
        assertThat(result.get("request_id").asText()).isEqualTo(id);
        assertThat(result.get("op").asText()).isEqualTo(op);
        assertThat(result.get("exchange").asText()).isEqualTo(exchange);
        return result;
    }

    private static Map<String, Object> order(String market, String price) {
        return Map.of(
                "order",
                Map.of(
                        "market_id",
                        market,
                        "outcome",
                        "Yes",
                        "side",
                        "buy",
                        "price",
                        new BigDecimal(price),
                        "size",
                        2));
    }

    private static String market() {
        String ticker =
                "KXKAFKA-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        KALSHI.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
        return ticker;
    }

    @Test
    void everyOperationRoundTripsThroughTheTopics() {
        KalshiAccount a = account();
        String market = market();
        JsonNode created = roundTrip(a, "create_order", order(market, "0.45"));
        assertThat(created.get("ok").asBoolean()).as(created.toString()).isTrue();
        assertThat(created.get("status").asInt()).isEqualTo(201);
        String orderId = created.get("result").get("id").asText();
        assertThat(created.get("result").get("price").decimalValue()).isEqualByComparingTo("0.45");

        JsonNode got = roundTrip(a, "get_order", Map.of("order_id", orderId));
        assertThat(got.get("result").get("status").asText()).isEqualTo("open");
        JsonNode listed = roundTrip(a, "list_orders", Map.of("query", Map.of("market_id", market)));
        assertThat(listed.get("result")).hasSize(1);
        assertThat(listed.has("next_cursor")).isTrue();
        assertThat(roundTrip(a, "get_balance", Map.of())
                        .get("result")
                        .get("available")
                        .decimalValue())
                .isPositive();
        assertThat(roundTrip(a, "get_positions", Map.of()).get("result").isArray())
                .isTrue();
        assertThat(roundTrip(a, "get_fills", Map.of("query", Map.of("limit", 10)))
                        .get("result")
                        .isArray())
                .isTrue();
        JsonNode cancelled = roundTrip(a, "cancel_order", Map.of("order_id", orderId));
        assertThat(cancelled.get("result").get("status").asText()).isEqualTo("cancelled");
        JsonNode again = roundTrip(a, "cancel_order", Map.of("order_id", orderId));
        assertThat(again.get("ok").asBoolean()).isFalse();
        assertThat(again.get("status").asInt()).isEqualTo(404);
        assertThat(again.get("error").get("code").asText()).isEqualTo("order_not_found");
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicOrAnErrorResultAndTheConsumerKeepsGoing() {
        KalshiAccount a = account();
        Map<String, String> headers = headers(a);
        String marker = "not-json-" + UUID.randomUUID();
        kafka.send("pmgate.requests", marker, "{this is not json " + marker, headers);
        String noId = "no-id-" + UUID.randomUUID();
        kafka.send(
                "pmgate.requests",
                noId,
                "{\"op\":\"get_balance\",\"exchange\":\"kalshi\",\"marker\":\"" + noId + "\"}",
                headers);
        String unknownOp = "bad-op-" + UUID.randomUUID();
        kafka.send("pmgate.requests", unknownOp, request(unknownOp, "steal_funds", Map.of()), headers);
        String noCredentials = "no-creds-" + UUID.randomUUID();
        kafka.send(
                "pmgate.requests",
                noCredentials,
                request(noCredentials, "get_balance", Map.of()),
                Map.of("X-API-Key", API_KEY));
        String plaintext = "plain-" + UUID.randomUUID();
        kafka.send(
                "pmgate.requests",
                plaintext,
                request(plaintext, "get_balance", Map.of()),
                Map.of("X-API-Key", API_KEY, "X-Exchange-Credentials", a.header()));
        String badKey = "bad-key-" + UUID.randomUUID();
        kafka.send(
                "pmgate.requests",
                badKey,
                request(badKey, "get_balance", Map.of()),
                Map.of("X-API-Key", "wrong", "X-Exchange-Credentials", headers.get("X-Exchange-Credentials")));

        List<Record> dead = deadLetters.await(
                r -> r.value() != null
                        && (r.value().contains(marker) || r.value().contains(noId)),
                2,
                WAIT);
        for (Record r : dead) {
            assertThat(r.headers())
                    .containsKeys("pmgate-error", "pmgate-error-code")
                    .doesNotContainKeys("X-API-Key", "X-Exchange-Credentials");
        }
        assertThat(dead)
                .anySatisfy(
                        r -> assertThat(r.headers().get("pmgate-error-code")).isEqualTo("not_json"));
        assertThat(dead)
                .anySatisfy(
                        r -> assertThat(r.headers().get("pmgate-error-code")).isEqualTo("missing_request_id"));
        assertThat(dead.stream()
                        .filter(r -> r.value().contains(marker))
                        .findFirst()
                        .orElseThrow()
                        .value())
                .isEqualTo("{this is not json " + marker);

        JsonNode op = resultOf(unknownOp);
        assertThat(op.get("ok").asBoolean()).isFalse();
        assertThat(op.get("status").asInt()).isEqualTo(400);
        assertThat(resultOf(noCredentials).get("error").get("code").asText()).isEqualTo("credentials_required");
        assertThat(resultOf(plaintext).get("error").get("code").asText()).isEqualTo("invalid_credentials");
        assertThat(resultOf(badKey).get("error").get("code").asText()).isEqualTo("unauthorized");

        assertThat(roundTrip(a, "get_balance", Map.of()).get("ok").asBoolean()).isTrue();
    }

    @Test
    void aCrashAfterTheOrderCallNeitherLosesTheRequestNorPlacesASecondOrder() throws Exception {
        AdviceWith.adviceWith(
                camel,
                "kafka-requests",
                route -> route.weaveById("kafka-result-writer").before().process(exchange -> {
                    String requestId = exchange.getProperty("pmgateRequestId", String.class);
                    if (requestId != null && requestId.startsWith("crash-") && CRASHED.compareAndSet(false, true)) {
                        // the process "dies" here: the order is placed, but no result and no offset commit
                        exchange.setRouteStop(true);
                    }
                }));
        // the route is declared autoStartup=false (started by KafkaRoutesStarter); advice rebuilt it stopped
        camel.getRouteController().startRoute("kafka-requests");
        KalshiAccount a = account();
        String market = market();
        String id = "crash-" + UUID.randomUUID();
        kafka.send("pmgate.requests", id, request(id, "create_order", order(market, "0.33")), headers(a));

        org.awaitility.Awaitility.await().atMost(WAIT).untilTrue(CRASHED);
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() -> KALSHI.orders(a.keyId).size() == 1);
        assertThat(results.poll().stream().filter(r -> id.equals(r.key()))).isEmpty();
        // restart: the consumer resumes from the last committed offset and gets the same record again
        camel.getRouteController().stopRoute("kafka-requests");
        camel.getRouteController().startRoute("kafka-requests");

        List<Record> answered = results.await(r -> id.equals(r.key()), 1, WAIT);
        JsonNode result = MAPPER.readTree(answered.get(0).value());
        assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("duplicate").asBoolean()).isTrue();
        assertThat(result.get("result").get("duplicate").asBoolean()).isTrue();
        assertThat(KALSHI.orders(a.keyId)).hasSize(1);

        // nothing else arrives for the same request: it was answered once, and its offset committed
        String probe = "after-crash-" + UUID.randomUUID();
        kafka.send("pmgate.requests", probe, request(probe, "get_balance", Map.of()), headers(a));
        resultOf(probe);
        assertThat(results.poll().stream().filter(r -> id.equals(r.key()))).hasSize(1);
        assertThat(KALSHI.orders(a.keyId)).hasSize(1);
    }

    @Test
    void aCrashBetweenTheResultWriteAndTheCommitAnswersAgainAsTheSameOrderAndPlacesNoSecond() throws Exception {
        AdviceWith.adviceWith(
                camel,
                "kafka-requests",
                route -> route.weaveById("kafka-commit").before().process(exchange -> {
                    String requestId = exchange.getProperty("pmgateRequestId", String.class);
                    if (requestId != null
                            && requestId.startsWith("lostcommit-")
                            && COMMIT_LOST.compareAndSet(false, true)) {
                        // the process "dies" here: the result is written and acknowledged, the offset not committed
                        exchange.setRouteStop(true);
                    }
                }));
        camel.getRouteController().startRoute("kafka-requests");
        KalshiAccount a = account();
        String market = market();
        String id = "lostcommit-" + UUID.randomUUID();
        kafka.send("pmgate.requests", id, request(id, "create_order", order(market, "0.34")), headers(a));

        JsonNode first = MAPPER.readTree(
                results.await(r -> id.equals(r.key()), 1, WAIT).get(0).value());
        // the result is on the topic before the step that "dies" runs: wait for it, do not race it
        org.awaitility.Awaitility.await().atMost(WAIT).untilTrue(COMMIT_LOST);
        assertThat(first.get("ok").asBoolean()).as(first.toString()).isTrue();
        assertThat(first.has("duplicate")).isFalse();
        assertThat(KALSHI.orders(a.keyId)).hasSize(1);
        // restart: the offset was never committed, so the same record comes again (at least once) ...
        camel.getRouteController().stopRoute("kafka-requests");
        camel.getRouteController().startRoute("kafka-requests");

        List<Record> answered = results.await(r -> id.equals(r.key()), 2, WAIT);
        JsonNode second = MAPPER.readTree(answered.get(1).value());
        // ... and finds the order the first delivery placed instead of placing another
        assertThat(second.get("ok").asBoolean()).as(second.toString()).isTrue();
        assertThat(second.get("duplicate").asBoolean()).isTrue();
        assertThat(second.get("result").get("id").asText())
                .isEqualTo(first.get("result").get("id").asText());
        assertThat(KALSHI.orders(a.keyId)).hasSize(1);

        // the redelivery's commit landed: a later request is answered and the create is not seen a third time
        String probe = "after-lost-commit-" + UUID.randomUUID();
        kafka.send("pmgate.requests", probe, request(probe, "get_balance", Map.of()), headers(a));
        resultOf(probe);
        assertThat(results.poll().stream().filter(r -> id.equals(r.key()))).hasSize(2);
        assertThat(KALSHI.orders(a.keyId)).hasSize(1);
    }

    @Test
    void onceEveryRecordIsAnsweredEveryPartitionIsCommittedToItsEnd() throws Exception {
        // one commit per partition and poll (KafkaOffsetCommitter): the last answered record's commit covers
        // the records before it, so none is left to be delivered again
        KalshiAccount a = account();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String id = "commit-" + UUID.randomUUID();
            ids.add(id);
            kafka.send("pmgate.requests", id, request(id, "get_balance", Map.of()), headers(a));
        }
        results.await(r -> ids.contains(r.key()), ids.size(), WAIT);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", System.getProperty("spring.embedded.kafka.brokers")))) {
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                var committed = admin.listConsumerGroupOffsets("pmgate-it")
                        .partitionsToOffsetAndMetadata()
                        .get();
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                        new java.util.HashMap<>();
                admin.describeTopics(List.of("pmgate.requests"))
                        .allTopicNames()
                        .get()
                        .get("pmgate.requests")
                        .partitions()
                        .forEach(p -> latest.put(
                                new org.apache.kafka.common.TopicPartition("pmgate.requests", p.partition()),
                                org.apache.kafka.clients.admin.OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                ends.forEach((partition, end) -> {
                    long at = committed.containsKey(partition)
                            ? committed.get(partition).offset()
                            : 0;
                    assertThat(at).as("committed offset of " + partition).isEqualTo(end.offset());
                });
            });
        }
    }

    @Test
    void twoGatewayInstancesInOneGroupShareTheWorkAndAnswerEveryRequestOnce() {
        KalshiAccount a = account();
        String brokers = System.getProperty("spring.embedded.kafka.brokers");
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(PmgateApplication.class)
                .run(
                        "--server.port=0",
                        "--pmgate.api-keys=" + API_KEY,
                        "--pmgate.kalshi.base-url=" + KALSHI.baseUrl(),
                        "--pmgate.kafka.brokers=" + brokers,
                        "--pmgate.kafka.group-id=pmgate-it",
                        "--pmgate.kafka.consumers=3",
                        "--pmgate.sealing.jwks=" + SEALING_JWKS)) {
            SessionTracker secondSessions = second.getBean(SessionTracker.class);
            long firstBefore = sessions.totalOpened();
            long secondBefore = secondSessions.totalOpened();
            Set<String> ids = new HashSet<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (int i = 0; i < 12; i++) {
                    String id = "split-" + UUID.randomUUID();
                    ids.add(id);
                    kafka.send("pmgate.requests", id, request(id, "get_balance", Map.of()), headers(a));
                }
                results.await(r -> ids.contains(r.key()), ids.size(), WAIT);
                return sessions.totalOpened() > firstBefore && secondSessions.totalOpened() > secondBefore;
            });
            List<Record> answered =
                    results.poll().stream().filter(r -> ids.contains(r.key())).toList();
            assertThat(answered).hasSize(ids.size());
            assertThat(answered.stream().map(Record::key).distinct()).hasSize(ids.size());
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void polymarketKeyOnlyRoundTripsAndARepeatedRequestIdIsAnsweredAsTheSameOrder() {
        dev.pmgate.support.PolymarketAccount a = dev.pmgate.support.PolymarketAccount.keyOnly(POLYMARKET);
        CANARIES.addAll(List.of(a.canaries()));
        POLYMARKET.setCollateral(a.address(), new BigDecimal("250.5"));
        byte[] id = new byte[32];
        new java.security.SecureRandom().nextBytes(id);
        dev.pmgate.sandbox.FakePolymarket.Market m = dev.pmgate.sandbox.FakePolymarket.Market.binary(
                "0x" + java.util.HexFormat.of().formatHex(id),
                "111" + Math.abs(id[0]),
                "222" + Math.abs(id[1]),
                "0.01",
                true);
        POLYMARKET.addMarket(m);
        Map<String, String> headers = sealedHeaders(a.credentialsJson());

        assertThat(roundTrip(headers, "polymarket", "get_balance", Map.of())
                        .get("result")
                        .get("available")
                        .decimalValue())
                .isEqualByComparingTo("250.5");
        String requestId = "poly-create-" + UUID.randomUUID();
        Map<String, Object> order = Map.of(
                "order",
                Map.of(
                        "market_id",
                        m.conditionId(),
                        "outcome",
                        "No",
                        "side",
                        "buy",
                        "price",
                        new BigDecimal("0.25"),
                        "size",
                        8));
        Map<String, Object> value = new LinkedHashMap<>(order);
        value.put("exchange", "polymarket");
        kafka.send("pmgate.requests", requestId, request(requestId, "create_order", value), headers);
        kafka.send("pmgate.requests", requestId, request(requestId, "create_order", value), headers);
        List<Record> answers = results.await(r -> requestId.equals(r.key()), 2, WAIT);
        JsonNode first = readJson(answers.get(0).value());
        JsonNode second = readJson(answers.get(1).value());
        assertThat(first.get("status").asInt()).as(first.toString()).isEqualTo(201);
        assertThat(second.get("status").asInt()).as(second.toString()).isEqualTo(200);
        assertThat(second.get("duplicate").asBoolean()).isTrue();
        assertThat(second.get("result").get("id").asText())
                .isEqualTo(first.get("result").get("id").asText());
        assertThat(POLYMARKET.orders().stream().filter(o -> o.maker().equalsIgnoreCase(a.address())))
                .hasSize(1);

        String orderId = first.get("result").get("id").asText();
        assertThat(roundTrip(headers, "polymarket", "get_order", Map.of("order_id", orderId))
                        .get("result")
                        .get("status")
                        .asText())
                .isEqualTo("open");
        assertThat(roundTrip(headers, "polymarket", "cancel_order", Map.of("order_id", orderId))
                        .get("result")
                        .get("status")
                        .asText())
                .isEqualTo("cancelled");
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void polymarketDepositWalletOnAProtocolV2MarketRoundTrips() {
        dev.pmgate.support.PolymarketAccount a = dev.pmgate.support.PolymarketAccount.withClobCredentials(POLYMARKET);
        CANARIES.addAll(List.of(a.canaries()));
        byte[] raw = new byte[20];
        new java.security.SecureRandom().nextBytes(raw);
        String wallet = "0x" + java.util.HexFormat.of().formatHex(raw);
        POLYMARKET.registerDepositWallet(a.address(), wallet);
        POLYMARKET.setCollateral(wallet, new BigDecimal("75.25"));
        byte[] id = new byte[31];
        id[0] = 1;
        new java.security.SecureRandom().nextBytes(raw);
        System.arraycopy(raw, 0, id, 1, 18);
        dev.pmgate.sandbox.FakePolymarket.Market m = dev.pmgate.sandbox.FakePolymarket.Market.protocolV2(
                "0x" + java.util.HexFormat.of().formatHex(id), "0.01");
        POLYMARKET.addMarket(m);
        POLYMARKET.setPosition(
                wallet,
                new dev.pmgate.sandbox.FakePolymarket.Position(
                        m.tokens().get(1).tokenId(),
                        new BigDecimal("3"),
                        new BigDecimal("0.2"),
                        null,
                        BigDecimal.ZERO));
        Map<String, Object> credentials = new LinkedHashMap<>(a.credentialsJson());
        credentials.put("funder_address", wallet);
        credentials.put("signature_type", 3);
        Map<String, String> headers = sealedHeaders(credentials);

        assertThat(roundTrip(headers, "polymarket", "get_balance", Map.of())
                        .get("result")
                        .get("available")
                        .decimalValue())
                .isEqualByComparingTo("75.25");
        JsonNode created = roundTrip(
                headers,
                "polymarket",
                "create_order",
                Map.of(
                        "order",
                        Map.of(
                                "market_id",
                                m.conditionId(),
                                "outcome",
                                "Yes",
                                "side",
                                "buy",
                                "price",
                                new BigDecimal("0.25"),
                                "size",
                                8)));
        assertThat(created.get("status").asInt()).as(created.toString()).isEqualTo(201);
        assertThat(POLYMARKET
                        .order(created.get("result").get("id").asText())
                        .orElseThrow()
                        .maker())
                .isEqualToIgnoringCase(wallet);
        JsonNode positions =
                roundTrip(headers, "polymarket", "get_positions", Map.of()).get("result");
        JsonNode rows = positions.isArray() ? positions : positions.get("positions");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("outcome").asText()).isEqualTo("No");
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void noSecretAppearsInAnyRecordOnAnyTopic() {
        assertThat(CANARIES).isNotEmpty();
        List<String> secrets = new java.util.ArrayList<>(CANARIES);
        secrets.add(API_KEY);
        for (String topic : List.of("pmgate.requests.dlq", "pmgate.results")) {
            try (KafkaTestClient.TopicReader reader = kafka.reader(topic)) {
                org.awaitility.Awaitility.await()
                        .atMost(WAIT)
                        .until(() -> !reader.poll().isEmpty());
                reader.poll();
                for (Record r : reader.seen()) {
                    for (String secret : secrets) {
                        assertThat(r.dump()).as("%s record %s", topic, r.key()).doesNotContain(secret);
                    }
                    assertThat(r.headers().keySet())
                            .allSatisfy(h -> assertThat(h).isIn("pmgate-error", "pmgate-error-code", "X-Request-Id"));
                }
            }
        }
    }

    private static JsonNode readJson(String value) {
        try {
            return MAPPER.readTree(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void polymarketOrderPagesCarryAtMostLimitAndTheNextCursor() {
        dev.pmgate.support.PolymarketAccount a = dev.pmgate.support.PolymarketAccount.withClobCredentials(POLYMARKET);
        CANARIES.addAll(List.of(a.canaries()));
        POLYMARKET.setCollateral(a.address(), new BigDecimal("100"));
        byte[] id = new byte[32];
        new java.security.SecureRandom().nextBytes(id);
        dev.pmgate.sandbox.FakePolymarket.Market m = dev.pmgate.sandbox.FakePolymarket.Market.binary(
                "0x" + java.util.HexFormat.of().formatHex(id),
                "333" + Math.abs(id[0]),
                "444" + Math.abs(id[1]),
                "0.01",
                false);
        POLYMARKET.addMarket(m);
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            var created = polymarket(
                    "POST",
                    "/orders",
                    a.header(),
                    "{\"market_id\":\"" + m.conditionId() + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.2" + i
                            + ",\"size\":5}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            placed.add(created.json().get("id").asText());
        }
        Map<String, String> headers = sealedHeaders(a.credentialsJson());
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        List<Integer> sizes = new java.util.ArrayList<>();
        do {
            Map<String, Object> query = new LinkedHashMap<>(Map.of("market_id", m.conditionId(), "limit", 2));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = roundTrip(headers, "polymarket", "list_orders", Map.of("query", query));
            assertThat(page.get("ok").asBoolean()).as(page.toString()).isTrue();
            page.get("result").forEach(o -> seen.add(o.get("id").asText()));
            sizes.add(page.get("result").size());
            cursor = page.path("next_cursor").isTextual()
                    ? page.get("next_cursor").asText()
                    : null;
        } while (cursor != null && sizes.size() < 5);
        assertThat(sizes).containsExactly(2, 1);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(placed);
    }
}
