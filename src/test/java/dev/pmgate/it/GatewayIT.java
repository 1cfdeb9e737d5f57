package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmgate.credentials.SessionTracker;
import dev.pmgate.sandbox.FakeKalshi;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.LogCapture;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One shared gateway for every end-to-end test: the real jar's Spring context on a random port,
 * a real in-JVM KRaft Kafka broker, and strict fake exchanges over loopback HTTP. All test classes
 * extend this without changing the configuration, so Spring builds the context once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "pmgate.kafka.group-id=pmgate-it",
            // 3 consumer threads per instance: two instances exactly cover the 6 partitions (KafkaIT)
            "pmgate.kafka.consumers=3",
            "logging.level.root=INFO"
        })
@EmbeddedKafka(
        partitions = 6,
        topics = {"pmgate.requests", "pmgate.results", "pmgate.requests.dlq"})
public abstract class GatewayIT {

    /** The gateway's accepted API key for this run: itself a canary that must never be echoed or logged. */
    protected static final String API_KEY = "canary-apikey-" + UUID.randomUUID();

    protected static final LogCapture LOGS = LogCapture.install();
    protected static final FakeKalshi KALSHI = new FakeKalshi().start();
    protected static final dev.pmgate.sandbox.FakePolymarket POLYMARKET =
            new dev.pmgate.sandbox.FakePolymarket().start();
    /** Sealing keys shared by every gateway instance of the run (instances in one group must share them). */
    protected static final String SEALING_JWKS =
            dev.pmgate.credentials.SealedCredentials.generateKeys().toString(false);

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("pmgate.api-keys", () -> "other-key," + API_KEY);
        registry.add("pmgate.kalshi.base-url", KALSHI::baseUrl);
        registry.add("pmgate.polymarket.clob-url", POLYMARKET::clobUrl);
        registry.add("pmgate.polymarket.data-url", POLYMARKET::dataUrl);
        registry.add("pmgate.polymarket.gamma-url", POLYMARKET::gammaUrl);
        registry.add("pmgate.kafka.brokers", () -> System.getProperty("spring.embedded.kafka.brokers"));
        registry.add("pmgate.upstream-timeout-ms", () -> "3000");
        // an opened breaker half-opens after 1 s here (10 s by default), so ResilienceIT sees it recover quickly
        registry.add("pmgate.resilience.circuit-breaker.open-ms", () -> "1000");
        registry.add("pmgate.sealing.jwks", () -> SEALING_JWKS);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected SessionTracker sessions;

    @Autowired
    private java.util.List<dev.pmgate.resilience.UpstreamGuard> upstreamGuards;

    @BeforeEach
    void attachLogCapture() {
        LOGS.reattach();
        // tests inject exchange failures on purpose: no test starts with a breaker another one opened
        upstreamGuards.forEach(guard -> guard.circuitBreaker().reset());
    }

    @AfterEach
    void everySessionIsClosed() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(sessions.openSessions())
                        .as("open transient sessions")
                        .isZero());
        assertThat(KALSHI.internalErrors()).as("fake Kalshi's own errors").isEmpty();
    }

    protected HttpCall api(String method, String pathAndQuery) {
        return HttpCall.to(method, "http://127.0.0.1:" + port + "/api/v1" + pathAndQuery)
                .header("X-API-Key", API_KEY);
    }

    protected HttpCall.Response polymarket(String method, String pathAndQuery, String credentials, String body) {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        return api(method, pathAndQuery + sep + "exchange=polymarket")
                .header("X-Exchange-Credentials", credentials)
                .body(body)
                .send();
    }

    protected HttpCall.Response kalshi(String method, String pathAndQuery, String credentials, String body) {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        return api(method, pathAndQuery + sep + "exchange=kalshi")
                .header("X-Exchange-Credentials", credentials)
                .body(body)
                .send();
    }
}
