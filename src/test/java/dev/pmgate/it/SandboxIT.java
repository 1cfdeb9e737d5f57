package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWEAlgorithm;
import dev.pmgate.credentials.SessionTracker;
import dev.pmgate.polymarket.PolymarketHeaders;
import dev.pmgate.polymarket.PolymarketKeys;
import dev.pmgate.polymarket.PolymarketL2Auth;
import dev.pmgate.sandbox.FakeKalshi;
import dev.pmgate.sandbox.Sandbox;
import dev.pmgate.sandbox.SandboxSeed;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KafkaTestClient;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import dev.pmgate.support.LeakScanner;
import dev.pmgate.support.LogCapture;
import dev.pmgate.support.Sealer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sandbox mode end to end (SPEC §9): the gateway started with {@code pmgate.sandbox=true} and exchange URLs
 * that point nowhere, driven through the same REST API and Kafka topics as the real-exchange tests. Keys are
 * made here; the sandbox has never heard of them before their first request.
 *
 * <p>Its own Kafka broker (not {@code @EmbeddedKafka}, which would overwrite the system property the other
 * end-to-end tests read) and its own context, closed after the class.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "pmgate.sandbox=true",
            "pmgate.kafka.group-id=pmgate-sandbox-it",
            "pmgate.kafka.consumers=2",
            // configured exchange URLs must be ignored in sandbox mode: these would fail every call
            "pmgate.kalshi.base-url=http://127.0.0.1:9/trade-api/v2",
            "pmgate.polymarket.clob-url=http://127.0.0.1:9",
            "pmgate.polymarket.data-url=http://127.0.0.1:9/data-api",
            "logging.level.root=INFO"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SandboxIT {

    private static final String API_KEY = "canary-apikey-sandbox-" + UUID.randomUUID();
    private static final LogCapture LOGS = LogCapture.install();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BROKERS_PROPERTY = "pmgate.sandbox-it.brokers";
    private static final EmbeddedKafkaKraftBroker BROKER = startBroker();
    /** Every secret this class handed to the gateway. */
    private static final List<String> CANARIES = new CopyOnWriteArrayList<>();

    private static KafkaTestClient kafka;
    private static KafkaTestClient.TopicReader results;

    private static final SandboxSeed.KalshiMarket BTC = SandboxSeed.KALSHI.get(0);
    private static final SandboxSeed.PolymarketMarket POLY_BTC = SandboxSeed.POLYMARKET.get(0);
    private static final SandboxSeed.PolymarketMarket POLY_NEG_RISK = SandboxSeed.POLYMARKET.stream()
            .filter(SandboxSeed.PolymarketMarket::negRisk)
            .findFirst()
            .orElseThrow();

    private static EmbeddedKafkaKraftBroker startBroker() {
        EmbeddedKafkaKraftBroker broker =
                new EmbeddedKafkaKraftBroker(1, 2, "pmgate.requests", "pmgate.results", "pmgate.requests.dlq");
        broker.brokerListProperty(BROKERS_PROPERTY);
        // the broker also writes spring.embedded.kafka.brokers, which the other end-to-end tests read: keep theirs
        String shared =
                System.getProperty(org.springframework.kafka.test.EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        broker.afterPropertiesSet();
        if (shared == null) {
            System.clearProperty(org.springframework.kafka.test.EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        } else {
            System.setProperty(
                    org.springframework.kafka.test.EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, shared);
        }
        // stopped when the JVM ends: the context (closed after this class) must not lose its broker first
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "sandbox-it-broker-stop"));
        return broker;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("pmgate.api-keys", () -> API_KEY);
        registry.add("pmgate.kafka.brokers", BROKER::getBrokersAsString);
    }

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    Environment environment;

    @Autowired
    SessionTracker sessions;

    @BeforeEach
    void setUp() {
        LOGS.reattach();
        if (kafka == null) {
            kafka = new KafkaTestClient(BROKER.getBrokersAsString());
            results = kafka.reader("pmgate.results");
        }
    }

    @AfterEach
    void everySessionIsClosed() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(sessions.openSessions())
                        .as("open transient sessions")
                        .isZero());
        assertThat(sandbox.kalshi().internalErrors())
                .as("sandbox Kalshi's own errors")
                .isEmpty();
        assertThat(sandbox.polymarket().rejections())
                .as("sandbox Polymarket bugs")
                .noneMatch(r -> r.startsWith("fake bug"));
    }

    @AfterAll
    static void noSecretAnywhere() {
        try {
            LeakScanner.assertNoLeak("logs", LOGS.lines(), CANARIES);
            LeakScanner.assertNoLeak(
                    "pmgate.results",
                    results.seen().stream().map(KafkaTestClient.Record::dump).toList(),
                    CANARIES);
        } finally {
            results.close();
            kafka.close();
            kafka = null;
        }
    }

    // ------------------------------------------------------------------ wiring

    @Test
    void theGatewayTalksToTheSandboxNotToTheConfiguredUrlsAndSaysSoLoudly() {
        assertThat(environment.getProperty("pmgate.kalshi.base-url"))
                .isEqualTo(sandbox.kalshiBaseUrl())
                .startsWith("http://127.0.0.1:");
        assertThat(environment.getProperty("pmgate.polymarket.clob-url")).isEqualTo(sandbox.polymarketClobUrl());
        assertThat(environment.getProperty("pmgate.polymarket.data-url")).isEqualTo(sandbox.polymarketDataUrl());
        assertThat(sandbox.kalshi().footprint().recordedRequests())
                .as("the sandbox keeps no request log")
                .isZero();
        assertThat(sandbox.polymarket().footprint().recordedRequests()).isZero();
    }

    // ------------------------------------------------------------------ Kalshi over REST

    @Test
    void kalshiRsaPaperAccountFillsAgainstTheHouseRestsAndCancels() {
        KalshiAccount account = kalshiAccount(KeyFormat.RSA_PKCS8);
        String creds = account.header();
        BigDecimal paper = sandbox.settings().paperBalance();

        JsonNode balance = kalshi("GET", "/balance", creds, null).json();
        assertThat(balance.get("available").decimalValue()).isEqualByComparingTo(paper);
        assertThat(sandbox.kalshi().openPaperAccount(account.keyId, account.keyPair.getPublic(), BigDecimal.ONE))
                .as("the sandbox holds exactly the caller's public key")
                .isEqualTo(FakeKalshi.PaperAccount.EXISTING);

        // marketable: buy Yes above the house's best ask fills there, at the ask
        BigDecimal bestAsk = BTC.yesAsks().get(0).price();
        HttpCall.Response placed = kalshi("POST", "/orders", creds, order(BTC.ticker(), "Yes", "buy", "0.45", "10"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        JsonNode filled = placed.json();
        assertThat(filled.get("status").asText()).isEqualTo("filled");
        assertThat(filled.get("filled").decimalValue()).isEqualByComparingTo("10");

        JsonNode fills = kalshi("GET", "/fills?order_id=" + filled.get("id").asText(), creds, null)
                .json();
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).get("price").decimalValue()).isEqualByComparingTo(bestAsk);
        assertThat(fills.get(0).get("is_taker").asBoolean()).isTrue();
        BigDecimal fee = fills.get(0).get("fee").decimalValue();

        JsonNode positions = kalshi("GET", "/positions", creds, null).json();
        assertThat(positions).hasSize(1);
        assertThat(positions.get(0).get("market_id").asText()).isEqualTo(BTC.ticker());
        assertThat(positions.get(0).get("outcome").asText()).isEqualTo("Yes");
        assertThat(positions.get(0).get("size").decimalValue()).isEqualByComparingTo("10");
        assertThat(positions.get(0).get("average_price").decimalValue()).isEqualByComparingTo(bestAsk);

        BigDecimal afterFill = paper.subtract(bestAsk.multiply(BigDecimal.TEN)).subtract(fee);
        assertThat(kalshi("GET", "/balance", creds, null)
                        .json()
                        .get("available")
                        .decimalValue())
                .isEqualByComparingTo(afterFill);

        // passive: buy No at 0.40 = an ask at 0.60, far above the house's bids, rests
        JsonNode resting = kalshi("POST", "/orders", creds, order(BTC.ticker(), "No", "buy", "0.40", "10"))
                .json();
        assertThat(resting.get("status").asText()).isEqualTo("open");
        String restingId = resting.get("id").asText();
        JsonNode open = kalshi("GET", "/orders?status=open", creds, null).json();
        assertThat(open).extracting(o -> o.get("id").asText()).containsExactly(restingId);
        assertThat(kalshi("GET", "/balance", creds, null)
                        .json()
                        .get("available")
                        .decimalValue())
                .as("the resting order reserves its cost")
                .isEqualByComparingTo(afterFill.subtract(new BigDecimal("4.00")));

        JsonNode cancelled =
                kalshi("DELETE", "/orders/" + restingId, creds, null).json();
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(kalshi("GET", "/orders/" + restingId, creds, null)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("cancelled");
        assertThat(kalshi("GET", "/balance", creds, null)
                        .json()
                        .get("available")
                        .decimalValue())
                .isEqualByComparingTo(afterFill);
    }

    @Test
    void kalshiEd25519PaperAccountBuysAndSellsBackToFlat() {
        KalshiAccount account = kalshiAccount(KeyFormat.ED25519);
        String creds = account.header();
        assertThat(kalshi("POST", "/orders", creds, order(BTC.ticker(), "Yes", "buy", "0.44", "5"))
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("filled");
        BigDecimal bestBid = BTC.yesBids().get(0).price();
        JsonNode sold = kalshi(
                        "POST", "/orders", creds, order(BTC.ticker(), "Yes", "sell", bestBid.toPlainString(), "5"))
                .json();
        assertThat(sold.get("status").asText()).as(sold.toString()).isEqualTo("filled");
        JsonNode fills = kalshi("GET", "/fills", creds, null).json();
        assertThat(fills).hasSize(2);
        JsonNode positions = kalshi("GET", "/positions", creds, null).json();
        assertThat(positions)
                .allSatisfy(p -> assertThat(p.get("size").decimalValue()).isZero());
    }

    @Test
    void kalshiSandboxRefusesAWrongSignatureExactlyLikeKalshi() throws Exception {
        KalshiAccount owner = kalshiAccount(KeyFormat.RSA_PKCS1);
        assertThat(kalshi("GET", "/balance", owner.header(), null).status()).isEqualTo(200);

        // directly at the sandbox exchange: the key id is known, the signature is by another key
        KalshiAccount intruder = new KalshiAccount(KeyFormat.RSA_PKCS8);
        String path = "/trade-api/v2/portfolio/balance";
        HttpCall.Response wrong = signedKalshiGet(owner.keyId, intruder, path);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json())
                .isEqualTo(MAPPER.readTree("{\"error\":{\"code\":\"authentication_error\","
                        + "\"message\":\"authentication_error\",\"details\":\"INCORRECT_API_KEY_SIGNATURE\"}}"));
        assertThat(signedKalshiGet(owner.keyId, owner, path).status())
                .as("the right key passes")
                .isEqualTo(200);

        // through the gateway: the same key id with another private key is the SPEC's authentication failure
        Map<String, Object> stolenId = new LinkedHashMap<>(intruder.credentialsJson());
        stolenId.put("api_key_id", owner.keyId);
        CANARIES.addAll(List.of(intruder.canaries()));
        HttpCall.Response refused = kalshi("GET", "/balance", KalshiAccount.encode(stolenId), null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("authentication_failed");
        assertThat(refused.json().get("upstream").get("status").asInt()).isEqualTo(401);
        assertThat(sandbox.kalshi().openPaperAccount(owner.keyId, intruder.keyPair.getPublic(), BigDecimal.ONE))
                .as("the key id stays bound to its first public key")
                .isEqualTo(FakeKalshi.PaperAccount.OTHER_KEY);
    }

    // ------------------------------------------------------------------ Polymarket over REST

    @Test
    void polymarketKeyOnlyPaperWalletFillsAgainstTheHouseRestsAndCancels() {
        String key = polymarketKey();
        String creds = polymarketCredentials(key, null);
        BigDecimal paper = sandbox.settings().paperBalance();
        assertThat(polymarket("GET", "/balance", creds, null)
                        .json()
                        .get("available")
                        .decimalValue())
                .isEqualByComparingTo(paper);

        BigDecimal bestAsk = POLY_BTC.yesAsks().get(0).price();
        HttpCall.Response placed =
                polymarket("POST", "/orders", creds, order(POLY_BTC.conditionId(), "Yes", "buy", "0.40", "10"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().get("status").asText()).isEqualTo("filled");

        JsonNode positions = polymarket("GET", "/positions", creds, null).json();
        assertThat(positions).hasSize(1);
        assertThat(positions.get(0).get("market_id").asText()).isEqualTo(POLY_BTC.conditionId());
        assertThat(positions.get(0).get("size").decimalValue()).isEqualByComparingTo("10");
        assertThat(positions.get(0).get("average_price").decimalValue())
                .as("filled at the house's ask")
                .isEqualByComparingTo(bestAsk);
        JsonNode fills = polymarket("GET", "/fills", creds, null).json();
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).get("price").decimalValue()).isEqualByComparingTo(bestAsk);
        BigDecimal afterFill = paper.subtract(bestAsk.multiply(BigDecimal.TEN));
        assertThat(polymarket("GET", "/balance", creds, null)
                        .json()
                        .get("available")
                        .decimalValue())
                .isEqualByComparingTo(afterFill);

        JsonNode resting = polymarket(
                        "POST", "/orders", creds, order(POLY_BTC.conditionId(), "Yes", "buy", "0.30", "10"))
                .json();
        assertThat(resting.get("status").asText()).isEqualTo("open");
        String restingId = resting.get("id").asText();
        JsonNode open = polymarket("GET", "/orders?market_id=" + POLY_BTC.conditionId(), creds, null)
                .json();
        assertThat(open).extracting(o -> o.get("id").asText()).containsExactly(restingId);
        JsonNode cancelled =
                polymarket("DELETE", "/orders/" + restingId, creds, null).json();
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void polymarketNegRiskMarketFillsToo() {
        String creds = polymarketCredentials(polymarketKey(), null);
        BigDecimal bestAsk = POLY_NEG_RISK.yesAsks().get(0).price();
        HttpCall.Response placed = polymarket(
                "POST",
                "/orders",
                creds,
                order(POLY_NEG_RISK.conditionId(), "Yes", "buy", bestAsk.toPlainString(), "10"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().get("status").asText()).isEqualTo("filled");
        assertThat(polymarket("GET", "/positions", creds, null)
                        .json()
                        .get(0)
                        .get("size")
                        .decimalValue())
                .isEqualByComparingTo("10");
    }

    @Test
    void polymarketSandboxRefusesAWrongHmacExactlyLikeTheClob() {
        String key = polymarketKey();
        // the first request derives (creates) the wallet's CLOB key via L1, as on the real CLOB
        assertThat(polymarket("GET", "/balance", polymarketCredentials(key, null), null)
                        .status())
                .isEqualTo(200);
        String address = PolymarketKeys.address(PolymarketKeys.keyPair(key.toCharArray()));
        var issued = sandbox.polymarket().derivedCredentials(address);
        byte[] otherSecret = new byte[32];
        RANDOM.nextBytes(otherSecret);
        String wrongSecret = Base64.getUrlEncoder().encodeToString(otherSecret);
        CANARIES.add(wrongSecret);

        String ts = Long.toString(Instant.now().getEpochSecond());
        HttpCall.Response direct = HttpCall.to("GET", sandbox.polymarketClobUrl() + "/data/orders")
                .header(PolymarketHeaders.POLY_ADDRESS, address)
                .header(PolymarketHeaders.POLY_API_KEY, issued.apiKey())
                .header(PolymarketHeaders.POLY_PASSPHRASE, issued.passphrase())
                .header(PolymarketHeaders.POLY_TIMESTAMP, ts)
                .header(
                        PolymarketHeaders.POLY_SIGNATURE,
                        PolymarketL2Auth.signature(wrongSecret.toCharArray(), ts, "GET", "/data/orders", null))
                .send();
        assertThat(direct.status()).isEqualTo(401);
        assertThat(direct.json().get("error").asText()).isEqualTo("Unauthorized/Invalid api key");

        HttpCall.Response refused = polymarket(
                "GET",
                "/orders",
                polymarketCredentials(
                        key,
                        Map.of(
                                "clob_api_key",
                                issued.apiKey(),
                                "clob_api_secret",
                                wrongSecret,
                                "clob_api_passphrase",
                                issued.passphrase())),
                null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("authentication_failed");
    }

    // ------------------------------------------------------------------ public market data

    @Test
    void publicMarketDataShowsTheSeededMarketsAndTheHouseQuotes() {
        for (SandboxSeed.KalshiMarket market : SandboxSeed.KALSHI) {
            JsonNode book =
                    publicGet("/orderbook?parsec_id=kalshi:" + market.ticker()).json();
            assertThat(book.get("bids").get(0).get(0).decimalValue())
                    .as(market.ticker())
                    .isEqualByComparingTo(market.yesBids().get(0).price());
            assertThat(book.get("asks").get(0).get(0).decimalValue())
                    .isEqualByComparingTo(market.yesAsks().get(0).price());
        }
        for (SandboxSeed.PolymarketMarket market : SandboxSeed.POLYMARKET) {
            JsonNode book = publicGet("/orderbook?parsec_id=polymarket:" + market.conditionId())
                    .json();
            assertThat(book.get("bids").get(0).get(0).decimalValue())
                    .as(market.slug())
                    .isEqualByComparingTo(market.yesBids().get(0).price());
            assertThat(book.get("asks").get(0).get(0).decimalValue())
                    .isEqualByComparingTo(market.yesAsks().get(0).price());
            assertThat(book.get("asks").get(0).get(1).decimalValue())
                    .as("what is left of the level (other tests trade)")
                    .isPositive()
                    .isLessThanOrEqualTo(market.yesAsks().get(0).size());
        }
        HttpCall.Response kalshiMarkets = publicGet("/markets?exchanges=kalshi");
        assertThat(kalshiMarkets.status()).as(kalshiMarkets.body()).isEqualTo(200);
        assertThat(kalshiMarkets.body()).contains("kalshi:" + BTC.ticker()).contains(BTC.title());
        HttpCall.Response polymarketMarkets = publicGet("/markets?exchanges=polymarket");
        assertThat(polymarketMarkets.status()).as(polymarketMarkets.body()).isEqualTo(200);
        assertThat(polymarketMarkets.body())
                .contains("polymarket:" + POLY_BTC.conditionId())
                .contains(POLY_BTC.question());
    }

    private HttpCall.Response publicGet(String pathAndQuery) {
        return HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1" + pathAndQuery)
                .header("X-API-Key", API_KEY)
                .send();
    }

    // ------------------------------------------------------------------ Kafka (sealed credentials)

    @Test
    void kafkaDrivesTheSandboxWithSealedCredentials() {
        KalshiAccount kalshiAccount = kalshiAccount(KeyFormat.ED25519);
        Map<String, String> kalshiHeaders = sealed(kalshiAccount.credentialsJson());
        JsonNode created = roundTrip(
                kalshiHeaders,
                "kalshi",
                "create_order",
                Map.of("order", orderMap(BTC.ticker(), "Yes", "buy", "0.45", "3")));
        assertThat(created.get("ok").asBoolean()).as(created.toString()).isTrue();
        assertThat(created.get("result").get("status").asText()).isEqualTo("filled");
        JsonNode positions = roundTrip(kalshiHeaders, "kalshi", "get_positions", Map.of());
        assertThat(positions.get("result").get(0).get("size").decimalValue()).isEqualByComparingTo("3");
        JsonNode balance = roundTrip(kalshiHeaders, "kalshi", "get_balance", Map.of());
        assertThat(balance.get("result").get("available").decimalValue())
                .isLessThan(sandbox.settings().paperBalance());

        String key = polymarketKey();
        Map<String, Object> polyCreds = Map.of("private_key", key);
        Map<String, String> polyHeaders = sealed(polyCreds);
        JsonNode polyCreated = roundTrip(
                polyHeaders,
                "polymarket",
                "create_order",
                Map.of("order", orderMap(POLY_BTC.conditionId(), "No", "buy", "0.70", "10")));
        assertThat(polyCreated.get("ok").asBoolean()).as(polyCreated.toString()).isTrue();
        assertThat(polyCreated.get("result").get("status").asText()).isEqualTo("filled");
        JsonNode polyBalance = roundTrip(polyHeaders, "polymarket", "get_balance", Map.of());
        BigDecimal bestNoAsk = POLY_BTC.noAsks().stream()
                .map(SandboxSeed.Quote::price)
                .min(BigDecimal::compareTo)
                .orElseThrow();
        assertThat(polyBalance.get("result").get("available").decimalValue())
                .isEqualByComparingTo(sandbox.settings().paperBalance().subtract(bestNoAsk.multiply(BigDecimal.TEN)));
    }

    // ------------------------------------------------------------------ helpers

    private KalshiAccount kalshiAccount(KeyFormat format) {
        KalshiAccount account = new KalshiAccount(format);
        CANARIES.addAll(List.of(account.canaries()));
        return account;
    }

    /** A fresh Polymarket private key ({@code 0x} + 64 hex), the sandbox has never seen its wallet. */
    private static String polymarketKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        key[0] = (byte) (key[0] & 0x7f | 0x01);
        String hex = HexFormat.of().formatHex(key);
        CANARIES.add(hex.substring(8, 56));
        return "0x" + hex;
    }

    private static String polymarketCredentials(String privateKey, Map<String, String> clob) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("private_key", privateKey);
        if (clob != null) {
            json.putAll(clob);
        }
        String header = KalshiAccount.encode(json);
        CANARIES.add(header.substring(20, 80));
        return header;
    }

    private Map<String, String> sealed(Map<String, Object> credentials) {
        String jwks = HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/credentials/jwks")
                .send()
                .body();
        String sealed = Sealer.seal(jwks, credentials, Instant.now().getEpochSecond() + 300, JWEAlgorithm.ECDH_ES);
        CANARIES.add(sealed.substring(sealed.length() - 40));
        return Map.of("X-API-Key", API_KEY, "X-Exchange-Credentials", sealed);
    }

    private JsonNode roundTrip(Map<String, String> headers, String exchange, String op, Map<String, Object> extra) {
        String id = op + "-" + UUID.randomUUID();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("request_id", id);
        value.put("op", op);
        value.put("exchange", exchange);
        value.putAll(extra);
        try {
            kafka.send("pmgate.requests", id, MAPPER.writeValueAsString(value), headers);
            KafkaTestClient.Record record =
                    results.await(r -> id.equals(r.key()), 1, WAIT).get(0);
            assertThat(record.headers()).doesNotContainKeys("X-API-Key", "X-Exchange-Credentials");
            JsonNode result = MAPPER.readTree(record.value());
            assertThat(result.get("request_id").asText()).isEqualTo(id);
            return result;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> orderMap(String market, String outcome, String side, String price, String size) {
        return Map.of(
                "market_id",
                market,
                "outcome",
                outcome,
                "side",
                side,
                "price",
                new BigDecimal(price),
                "size",
                new BigDecimal(size));
    }

    private static String order(String market, String outcome, String side, String price, String size) {
        try {
            return MAPPER.writeValueAsString(orderMap(market, outcome, side, price, size));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpCall.Response kalshi(String method, String pathAndQuery, String credentials, String body) {
        return gateway(method, pathAndQuery, "kalshi", credentials, body);
    }

    private HttpCall.Response polymarket(String method, String pathAndQuery, String credentials, String body) {
        return gateway(method, pathAndQuery, "polymarket", credentials, body);
    }

    private HttpCall.Response gateway(
            String method, String pathAndQuery, String exchange, String credentials, String body) {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        return HttpCall.to(method, "http://127.0.0.1:" + port + "/api/v1" + pathAndQuery + sep + "exchange=" + exchange)
                .header("X-API-Key", API_KEY)
                .header("X-Exchange-Credentials", credentials)
                .body(body)
                .send();
    }

    /** A Kalshi-signed GET straight at the sandbox exchange: {@code keyId}'s headers, {@code signer}'s signature. */
    private HttpCall.Response signedKalshiGet(String keyId, KalshiAccount signer, String path) throws Exception {
        String ts = Long.toString(System.currentTimeMillis());
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        pss.initSign(signer.keyPair.getPrivate());
        pss.update((ts + "GET" + path).getBytes(StandardCharsets.UTF_8));
        String base = sandbox.kalshiBaseUrl();
        String origin = base.substring(0, base.indexOf("/trade-api/v2"));
        return HttpCall.to("GET", origin + path)
                .header("KALSHI-ACCESS-KEY", keyId)
                .header("KALSHI-ACCESS-TIMESTAMP", ts)
                .header("KALSHI-ACCESS-SIGNATURE", Base64.getEncoder().encodeToString(pss.sign()))
                .send();
    }
}
