package dev.pmgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWEAlgorithm;
import dev.pmgate.PmgateApplication;
import dev.pmgate.credentials.SealedCredentials;
import dev.pmgate.sandbox.FakeKalshi;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.support.KafkaTestClient;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.Sealer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Throughput of the Kafka path on this machine: an in-JVM KRaft broker, the strict fake Kalshi on
 * loopback and one gateway instance. Produces a bounded batch of sealed requests per operation and
 * measures until every result is on the result topic: requests/s and produce→result latency.
 *
 * <p>Run: {@code ./mvnw -q -B -Pbench-kafka verify} (bounded by -Dbench.kafka.requests, default 2000).
 */
public final class KafkaBench {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KafkaBench() {}

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.kafka.requests", 2000);
        EmbeddedKafkaKraftBroker broker =
                new EmbeddedKafkaKraftBroker(1, 6, "pmgate.requests", "pmgate.results", "pmgate.requests.dlq");
        broker.afterPropertiesSet();
        FakeKalshi kalshi = new FakeKalshi().start();
        String jwks = SealedCredentials.generateKeys().toString(false);
        KalshiAccount account = new KalshiAccount(KalshiAccount.KeyFormat.RSA_PKCS8);
        kalshi.registerKey(account.keyId, account.keyPair.getPublic());
        kalshi.setBalance(account.keyId, new BigDecimal("1000000"));
        kalshi.addMarket("KXBENCH-1", PriceLevelStructure.LINEAR_CENT);
        String apiKey = "bench-" + UUID.randomUUID();
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(PmgateApplication.class)
                        .run(
                                "--server.port=0",
                                "--pmgate.api-keys=" + apiKey,
                                "--pmgate.kalshi.base-url=" + kalshi.baseUrl(),
                                "--pmgate.kafka.brokers=" + broker.getBrokersAsString(),
                                "--pmgate.sealing.jwks=" + jwks,
                                "--logging.level.root=WARN");
                KafkaTestClient client = new KafkaTestClient(broker.getBrokersAsString());
                KafkaTestClient.TopicReader results = client.reader("pmgate.results")) {
            String sealed = Sealer.seal(
                    jwks, account.credentialsJson(), Instant.now().getEpochSecond() + 3600, JWEAlgorithm.ECDH_ES);
            Map<String, String> headers = Map.of("X-API-Key", apiKey, "X-Exchange-Credentials", sealed);
            System.out.printf(
                    "%nKafka path, 1 gateway instance, 6 partitions, strict fake Kalshi, RSA-2048 key, %d cores%n",
                    Runtime.getRuntime().availableProcessors());
            run("warm-up get_balance", Math.min(300, requests), "get_balance", Map.of(), client, results, headers);
            run("get_balance", requests, "get_balance", Map.of(), client, results, headers);
            run(
                    "create_order",
                    requests,
                    "create_order",
                    Map.of(
                            "order",
                            Map.of(
                                    "market_id",
                                    "KXBENCH-1",
                                    "outcome",
                                    "Yes",
                                    "side",
                                    "buy",
                                    "price",
                                    new BigDecimal("0.01"),
                                    "size",
                                    1)),
                    client,
                    results,
                    headers);
        } finally {
            kalshi.stop();
            broker.destroy();
        }
    }

    private static void run(
            String name,
            int count,
            String op,
            Map<String, Object> extra,
            KafkaTestClient client,
            KafkaTestClient.TopicReader results,
            Map<String, String> headers)
            throws Exception {
        String prefix = name.replace(' ', '-') + "-" + UUID.randomUUID() + "-";
        Map<String, Long> sentAt = new HashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            Map<String, Object> value = new HashMap<>(extra);
            value.put("request_id", id);
            value.put("op", op);
            value.put("exchange", "kalshi");
            sentAt.put(id, System.nanoTime());
            client.sendAsync("pmgate.requests", id, MAPPER.writeValueAsString(value), headers);
        }
        client.flush();
        List<Long> latencies = new ArrayList<>();
        int ok = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (latencies.size() < count && System.nanoTime() < deadline) {
            for (KafkaTestClient.Record r : results.pollNew()) {
                Long sent = r.key() == null ? null : sentAt.remove(r.key());
                if (sent != null) {
                    latencies.add(System.nanoTime() - sent);
                    JsonNode result = MAPPER.readTree(r.value());
                    ok += result.path("ok").asBoolean() ? 1 : 0;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "%-22s %6d requests  %6d ok  %8.1f req/s  p50 %7.1f ms  p99 %7.1f ms%n",
                name, latencies.size(), ok, latencies.size() / seconds, percentile(sorted, 50), percentile(sorted, 99));
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
