package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWEAlgorithm;
import dev.pmgate.pipeline.TenantRateLimiter;
import dev.pmgate.resilience.UpstreamGuard;
import dev.pmgate.sandbox.FakeFault;
import dev.pmgate.sandbox.FakePolymarket.Fault;
import dev.pmgate.sandbox.RecordedRequest;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KafkaTestClient;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import dev.pmgate.support.PolymarketAccount;
import dev.pmgate.support.Sealer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Exchange faults injected at both fakes, each mapped to its SPEC §2.3 error; read retries re-signed;
 * the per-exchange circuit breaker and in-flight bound; the per-key rate limit; and many parallel
 * requests with distinct credentials, each answered with its own account's data.
 */
class ResilienceIT extends GatewayIT {

    private static final Predicate<RecordedRequest> KALSHI_BALANCE =
            r -> r.rawPath().endsWith("/portfolio/balance");
    private static final Predicate<RecordedRequest> KALSHI_CREATE =
            r -> r.method().equals("POST") && r.rawPath().endsWith("/portfolio/events/orders");

    @Autowired
    @Qualifier("kalshiUpstream")
    private UpstreamGuard kalshiUpstream;

    @Autowired
    @Qualifier("polymarketUpstream")
    private UpstreamGuard polymarketUpstream;

    @Autowired
    private TenantRateLimiter rateLimiter;

    /** Every test starts, and leaves the shared gateway, with closed breakers and no queued fault. */
    @BeforeEach
    @AfterEach
    void closedBreakersNoFaults() {
        KALSHI.clearFaults();
        kalshiUpstream.circuitBreaker().reset();
        polymarketUpstream.circuitBreaker().reset();
    }

    private static KalshiAccount kalshiAccount(BigDecimal balance) {
        KalshiAccount a = new KalshiAccount(KeyFormat.ED25519);
        KALSHI.registerKey(a.keyId, a.keyPair.getPublic());
        KALSHI.setBalance(a.keyId, balance);
        return a;
    }

    private static PolymarketAccount polymarketAccount(boolean withClob, BigDecimal collateral) {
        PolymarketAccount a =
                withClob ? PolymarketAccount.withClobCredentials(POLYMARKET) : PolymarketAccount.keyOnly(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), collateral);
        return a;
    }

    private static long count(Predicate<RecordedRequest> which) {
        return KALSHI.requests().stream().filter(which).count();
    }

    private static long polymarketBalanceCalls() {
        return POLYMARKET.requests().stream()
                .filter(r -> r.path().equals("/balance-allowance"))
                .count();
    }

    private static void assertError(HttpCall.Response r, int status, String code, boolean retryable, String exchange) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode error = r.json();
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("retryable").asBoolean()).isEqualTo(retryable);
        assertThat(error.get("exchange").asText()).isEqualTo(exchange);
    }

    private static String kalshiOrder() {
        String ticker = "KXRES-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        KALSHI.addMarket(ticker, dev.pmgate.sandbox.PriceLevelStructure.LINEAR_CENT);
        return "{\"market_id\":\"" + ticker + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.40,\"size\":1}";
    }

    // ------------------------------------------------------------------ Kalshi faults

    @Test
    void kalshiTooSlowForAnOrderIs504AndTheOrderIsNotSentTwice() {
        KalshiAccount a = kalshiAccount(new BigDecimal("100"));
        String order = kalshiOrder();
        KALSHI.injectNext(KALSHI_CREATE, FakeFault.delayResponse(Duration.ofMillis(4500)));
        long before = count(KALSHI_CREATE);
        long start = System.nanoTime();
        HttpCall.Response r = kalshi("POST", "/orders", a.header(), order);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertError(r, 504, "upstream_timeout", true, "kalshi");
        assertThat(tookMs).as("the 3 s upstream timeout of this gateway").isBetween(2900L, 4400L);
        assertThat(count(KALSHI_CREATE) - before)
                .as("order placement is never retried")
                .isEqualTo(1);
    }

    @Test
    void aSlowKalshiReadIsRetriedAndReSigned() {
        KalshiAccount a = kalshiAccount(new BigDecimal("42.5"));
        KALSHI.injectNext(KALSHI_BALANCE, FakeFault.delayResponse(Duration.ofMillis(4000)));
        long before = count(KALSHI_BALANCE);
        HttpCall.Response r = kalshi("GET", "/balance", a.header(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("available").decimalValue()).isEqualByComparingTo("42.5");
        List<RecordedRequest> calls =
                KALSHI.requests().stream().filter(KALSHI_BALANCE).skip(before).toList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).header("KALSHI-ACCESS-TIMESTAMP"))
                .as("a fresh timestamp on the retry")
                .isNotEqualTo(calls.get(0).header("KALSHI-ACCESS-TIMESTAMP"));
        assertThat(calls.get(1).header("KALSHI-ACCESS-SIGNATURE"))
                .isNotEqualTo(calls.get(0).header("KALSHI-ACCESS-SIGNATURE"));
    }

    @Test
    void kalshi5xxOnReadsIsRetriedTwiceThenMapped() {
        KalshiAccount a = kalshiAccount(new BigDecimal("10"));
        for (int i = 0; i < 3; i++) {
            KALSHI.injectNext(
                    KALSHI_BALANCE,
                    FakeFault.fail(500, "{\"error\":{\"code\":\"internal\",\"message\":\"boom\"}}", null));
        }
        long before = count(KALSHI_BALANCE);
        HttpCall.Response r = kalshi("GET", "/balance", a.header(), null);
        assertError(r, 502, "upstream_error", true, "kalshi");
        assertThat(r.json().get("upstream").get("status").asInt()).isEqualTo(500);
        assertThat(count(KALSHI_BALANCE) - before)
                .as("first try plus two retries")
                .isEqualTo(3);

        for (int i = 0; i < 3; i++) {
            KALSHI.injectNext(KALSHI_BALANCE, FakeFault.fail(503, "", null));
        }
        assertError(kalshi("GET", "/balance", a.header(), null), 503, "service_unavailable", true, "kalshi");

        KALSHI.injectNext(KALSHI_BALANCE, FakeFault.fail(502, "", null));
        HttpCall.Response recovered = kalshi("GET", "/balance", a.header(), null);
        assertThat(recovered.status()).as("one 5xx, then the retry succeeds").isEqualTo(200);
    }

    @Test
    void kalshi5xxOrResetOnAnOrderIsNotRetried() {
        KalshiAccount a = kalshiAccount(new BigDecimal("100"));
        KALSHI.injectNext(KALSHI_CREATE, FakeFault.fail(500, "", null));
        long before = count(KALSHI_CREATE);
        assertError(kalshi("POST", "/orders", a.header(), kalshiOrder()), 502, "upstream_error", true, "kalshi");
        assertThat(count(KALSHI_CREATE) - before).isEqualTo(1);

        KALSHI.injectNext(KALSHI_CREATE, FakeFault.resetConnection());
        assertError(kalshi("POST", "/orders", a.header(), kalshiOrder()), 502, "upstream_error", true, "kalshi");
        assertThat(count(KALSHI_CREATE) - before).isEqualTo(2);
        assertThat(KALSHI.orders(a.keyId)).isEmpty();
    }

    @Test
    void kalshiConnectionResetsOnReadsAreRetriedThenMapped() {
        KalshiAccount a = kalshiAccount(new BigDecimal("7"));
        for (int i = 0; i < 3; i++) {
            KALSHI.injectNext(KALSHI_BALANCE, FakeFault.resetConnection());
        }
        long before = count(KALSHI_BALANCE);
        assertError(kalshi("GET", "/balance", a.header(), null), 502, "upstream_error", true, "kalshi");
        assertThat(count(KALSHI_BALANCE) - before).isEqualTo(3);

        KALSHI.injectNext(KALSHI_BALANCE, FakeFault.resetConnection());
        assertThat(kalshi("GET", "/balance", a.header(), null).status()).isEqualTo(200);
    }

    @Test
    void kalshi429IsAnsweredWithItsRetryAfterOrAComputedOneAndNotRetried() {
        KalshiAccount a = kalshiAccount(new BigDecimal("7"));
        KALSHI.injectNext(
                KALSHI_BALANCE, FakeFault.fail(429, "{\"error\":\"too many requests\"}", Map.of("Retry-After", "7")));
        long before = count(KALSHI_BALANCE);
        HttpCall.Response limited = kalshi("GET", "/balance", a.header(), null);
        assertError(limited, 429, "rate_limit_exceeded", true, "kalshi");
        assertThat(limited.header("Retry-After")).isEqualTo("7");
        assertThat(count(KALSHI_BALANCE) - before).as("a 429 is not retried").isEqualTo(1);

        KALSHI.injectNext(KALSHI_BALANCE, FakeFault.fail(429, "", null));
        HttpCall.Response computed = kalshi("GET", "/balance", a.header(), null);
        assertError(computed, 429, "rate_limit_exceeded", true, "kalshi");
        assertThat(Long.parseLong(computed.header("Retry-After"))).isPositive();
    }

    @Test
    void kalshi2xxWithAnErrorBodyIsAFailure() {
        KalshiAccount a = kalshiAccount(new BigDecimal("7"));
        KALSHI.injectNext(
                KALSHI_BALANCE,
                FakeFault.fail(
                        200,
                        "{\"error\":{\"code\":\"internal_server_error\",\"message\":\"oops\"}}",
                        Map.of("Content-Type", "application/json")));
        HttpCall.Response r = kalshi("GET", "/balance", a.header(), null);
        assertError(r, 502, "upstream_error", true, "kalshi");
        assertThat(r.body()).doesNotContain("available");
    }

    @Test
    void kafkaResultOfAnExchange429CarriesRetryAfter() {
        KalshiAccount a = kalshiAccount(new BigDecimal("7"));
        String brokers = System.getProperty("spring.embedded.kafka.brokers");
        String jwks = HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/credentials/jwks")
                .send()
                .body();
        String id = "rl-" + UUID.randomUUID();
        KALSHI.injectNext(KALSHI_BALANCE, FakeFault.fail(429, "", Map.of("Retry-After", "9")));
        try (KafkaTestClient kafka = new KafkaTestClient(brokers);
                KafkaTestClient.TopicReader results = kafka.reader("pmgate.results")) {
            kafka.send(
                    "pmgate.requests",
                    id,
                    "{\"request_id\":\"" + id + "\",\"op\":\"get_balance\",\"exchange\":\"kalshi\"}",
                    Map.of(
                            "X-API-Key",
                            API_KEY,
                            "X-Exchange-Credentials",
                            Sealer.seal(
                                    jwks,
                                    a.credentialsJson(),
                                    Instant.now().getEpochSecond() + 300,
                                    JWEAlgorithm.ECDH_ES)));
            KafkaTestClient.Record record = results.await(x -> id.equals(x.key()), 1, Duration.ofSeconds(30))
                    .get(0);
            JsonNode result = dev.pmgate.api.Json.mapper().readTree(record.value());
            assertThat(result.get("ok").asBoolean()).isFalse();
            assertThat(result.get("status").asInt()).isEqualTo(429);
            assertThat(result.get("retry_after").asLong()).isEqualTo(9);
            assertThat(result.get("error").get("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(result.get("error").get("retryable").asBoolean()).isTrue();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ Polymarket faults

    @Test
    void polymarketFaultsMapToSpecErrors() {
        PolymarketAccount a = polymarketAccount(true, new BigDecimal("12.5"));
        long before = polymarketBalanceCalls();
        POLYMARKET.injectFault(Fault.respond(500, "{\"error\":\"internal\"}")
                .on("GET", "/balance-allowance")
                .times(3));
        assertError(polymarket("GET", "/balance", a.header(), null), 502, "upstream_error", true, "polymarket");
        assertThat(polymarketBalanceCalls() - before)
                .as("first try plus two retries")
                .isEqualTo(3);

        POLYMARKET.injectFault(
                Fault.respond(503, "").on("GET", "/balance-allowance").times(3));
        assertError(polymarket("GET", "/balance", a.header(), null), 503, "service_unavailable", true, "polymarket");

        POLYMARKET.injectFault(
                Fault.disconnect().on("GET", "/balance-allowance").times(3));
        assertError(polymarket("GET", "/balance", a.header(), null), 502, "upstream_error", true, "polymarket");

        POLYMARKET.injectFault(
                Fault.respond(429, "{\"error\":\"rate limited\"}").on("GET", "/balance-allowance"));
        HttpCall.Response limited = polymarket("GET", "/balance", a.header(), null);
        assertError(limited, 429, "rate_limit_exceeded", true, "polymarket");
        assertThat(Long.parseLong(limited.header("Retry-After")))
                .as("computed when the exchange gives none")
                .isPositive();

        POLYMARKET.injectFault(Fault.respond(200, "{\"error\":\"not ready\"}").on("GET", "/balance-allowance"));
        assertError(polymarket("GET", "/balance", a.header(), null), 502, "upstream_error", true, "polymarket");

        POLYMARKET.injectFault(Fault.respond(500, "").on("GET", "/balance-allowance"));
        HttpCall.Response recovered = polymarket("GET", "/balance", a.header(), null);
        assertThat(recovered.status()).as(recovered.body()).isEqualTo(200);
        assertThat(recovered.json().get("available").decimalValue()).isEqualByComparingTo("12.5");
    }

    @Test
    void polymarketTooSlowForACancelIs504WithoutRetryAndASlowReadIsRetried() {
        PolymarketAccount a = polymarketAccount(true, new BigDecimal("300"));
        byte[] id = new byte[32];
        new java.security.SecureRandom().nextBytes(id);
        dev.pmgate.sandbox.FakePolymarket.Market m = dev.pmgate.sandbox.FakePolymarket.Market.binary(
                "0x" + java.util.HexFormat.of().formatHex(id),
                "1" + System.nanoTime(),
                "2" + System.nanoTime(),
                "0.01",
                false);
        POLYMARKET.addMarket(m);
        HttpCall.Response created = polymarket(
                "POST",
                "/orders",
                a.header(),
                "{\"market_id\":\"" + m.conditionId()
                        + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.30,\"size\":5}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long deletes = POLYMARKET.requests("DELETE", "/order").size();
        POLYMARKET.injectFault(Fault.delay(Duration.ofMillis(3600)).on("DELETE", "/order"));
        long start = System.nanoTime();
        HttpCall.Response cancel =
                polymarket("DELETE", "/orders/" + created.json().get("id").asText(), a.header(), null);
        assertError(cancel, 504, "upstream_timeout", true, "polymarket");
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(2900L, 4400L);
        assertThat(POLYMARKET.requests("DELETE", "/order").size() - deletes)
                .as("a cancel is never retried")
                .isEqualTo(1);

        long before = polymarketBalanceCalls();
        POLYMARKET.injectFault(Fault.delay(Duration.ofMillis(3600)).on("GET", "/balance-allowance"));
        HttpCall.Response slowRead = polymarket("GET", "/balance", a.header(), null);
        assertThat(slowRead.status()).as(slowRead.body()).isEqualTo(200);
        assertThat(polymarketBalanceCalls() - before).isEqualTo(2);

        POLYMARKET.injectFault(
                Fault.respond(502, "").on("GET", "/data-api/v2/positions").times(3));
        assertError(polymarket("GET", "/positions", a.header(), null), 502, "upstream_error", true, "polymarket");
    }

    // ------------------------------------------------------------------ circuit breaker, in-flight bound

    @Test
    void kalshiBreakerOpensOnFailuresAnswers503WithoutCallingAndRecovers() {
        KalshiAccount a = kalshiAccount(new BigDecimal("55"));
        PolymarketAccount p = polymarketAccount(true, new BigDecimal("66"));
        for (int i = 0; i < 30; i++) {
            KALSHI.injectNext(KALSHI_BALANCE, FakeFault.fail(500, "", null));
        }
        HttpCall.Response open = null;
        for (int i = 0; i < 12 && open == null; i++) {
            HttpCall.Response r = kalshi("GET", "/balance", a.header(), null);
            if (r.status() == 503) {
                open = r;
            } else {
                assertError(r, 502, "upstream_error", true, "kalshi");
            }
        }
        assertThat(open).as("the breaker opened").isNotNull();
        assertError(open, 503, "service_unavailable", true, "kalshi");
        assertThat(open.header("Retry-After")).isEqualTo("1");
        assertThat(kalshiUpstream.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(kalshiUpstream.circuitBreaker().getMetrics().getNumberOfFailedCalls())
                .isGreaterThanOrEqualTo(10);

        long calls = count(r -> true);
        assertError(kalshi("GET", "/balance", a.header(), null), 503, "service_unavailable", true, "kalshi");
        assertThat(count(r -> true))
                .as("an open breaker does not call the exchange")
                .isEqualTo(calls);
        HttpCall.Response poly = polymarket("GET", "/balance", p.header(), null);
        assertThat(poly.status()).as("Polymarket has its own breaker").isEqualTo(200);

        KALSHI.clearFaults();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> kalshi("GET", "/balance", a.header(), null).status() == 200);
        for (int i = 0; i < 10 && kalshiUpstream.circuitBreaker().getState() != CircuitBreaker.State.CLOSED; i++) {
            assertThat(kalshi("GET", "/balance", a.header(), null).status()).isEqualTo(200);
        }
        assertThat(kalshiUpstream.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aCookieOneCallersAnswerSetsIsNeverSentWithAnotherCallersRequest() {
        // the upstream HTTP client keeps no cookie store: one user's exchange session state (a CDN or
        // session cookie) must not ride along with the next user's request
        KalshiAccount first = kalshiAccount(new BigDecimal("1"));
        KalshiAccount second = kalshiAccount(new BigDecimal("2"));
        KALSHI.injectNext(
                KALSHI_BALANCE,
                FakeFault.fail(429, "", Map.of("Set-Cookie", "pmgate_cookie_canary=c4n4ry; Path=/; Max-Age=3600")));
        assertThat(kalshi("GET", "/balance", first.header(), null).status()).isEqualTo(429);
        long before = KALSHI.requests().size();
        assertThat(kalshi("GET", "/balance", second.header(), null).status()).isEqualTo(200);
        List<RecordedRequest> after =
                KALSHI.requests().subList((int) before, KALSHI.requests().size());
        assertThat(after).isNotEmpty();
        assertThat(after).allSatisfy(r -> assertThat(r.header("Cookie")).isEmpty());
    }

    @Test
    void kalshi4xxAnd429NeverOpenTheBreaker() {
        KalshiAccount unknown = new KalshiAccount(KeyFormat.ED25519); // Kalshi answers 401
        KalshiAccount a = kalshiAccount(new BigDecimal("1"));
        for (int i = 0; i < 25; i++) {
            assertThat(kalshi("GET", "/balance", unknown.header(), null).status())
                    .isEqualTo(403);
        }
        for (int i = 0; i < 5; i++) {
            KALSHI.injectNext(KALSHI_BALANCE, FakeFault.fail(429, "", null));
            assertThat(kalshi("GET", "/balance", a.header(), null).status()).isEqualTo(429);
        }
        assertThat(kalshiUpstream.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(kalshiUpstream.circuitBreaker().getMetrics().getNumberOfFailedCalls())
                .isZero();
    }

    @Test
    void overTheInFlightBoundAKalshiCallIsRefusedAtOnce() throws Exception {
        KalshiAccount a = kalshiAccount(new BigDecimal("5"));
        int bound = kalshiUpstream.inFlightLimit().max();
        FakeFault.Gate gate = null;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            kalshiUpstream.inFlightLimit().setMax(1);
            gate = new FakeFault.Gate();
            KALSHI.injectNext(KALSHI_BALANCE, gate);
            Future<HttpCall.Response> held = pool.submit(() -> kalshi("GET", "/balance", a.header(), null));
            assertThat(gate.awaitArrival(Duration.ofSeconds(10))).isTrue();
            long calls = count(r -> true);
            long start = System.nanoTime();
            HttpCall.Response refused = kalshi("GET", "/balance", a.header(), null);
            assertThat((System.nanoTime() - start) / 1_000_000)
                    .as("refused at once, not queued")
                    .isLessThan(1500);
            assertError(refused, 503, "service_unavailable", true, "kalshi");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(count(r -> true)).isEqualTo(calls);
            HttpCall.Response poly = polymarket(
                    "GET", "/balance", polymarketAccount(true, BigDecimal.ONE).header(), null);
            assertThat(poly.status()).as("Polymarket's bound is its own").isEqualTo(200);
            gate.release();
            assertThat(held.get().status()).isEqualTo(200);
        } finally {
            if (gate != null) {
                gate.release();
            }
            kalshiUpstream.inFlightLimit().setMax(bound);
            pool.shutdownNow();
        }
        assertThat(kalshiUpstream.inFlightLimit().inFlight()).isZero();
    }

    @Test
    void theServletContainerRunsMoreRequestsAtOnceThanBothExchangesAdmit(
            @Autowired org.springframework.boot.web.server.context.WebServerApplicationContext web) {
        // REST requests run on Tomcat's threads (web.SynchronousPlatformHttp); with fewer threads than the
        // exchanges' in-flight bounds, overload would queue in the container instead of being answered 503
        var tomcat = (org.springframework.boot.tomcat.TomcatWebServer) web.getWebServer();
        var executor = (org.apache.tomcat.util.threads.ThreadPoolExecutor)
                tomcat.getTomcat().getConnector().getProtocolHandler().getExecutor();
        int bounds = kalshiUpstream.inFlightLimit().max()
                + polymarketUpstream.inFlightLimit().max();
        assertThat(executor.getMaximumPoolSize()).isGreaterThan(bounds);
    }

    // ------------------------------------------------------------------ gateway rate limit

    @Test
    void perApiKeyRateLimitAnswers429WithRetryAfterAndSparesOtherKeys() {
        double perSecond = rateLimiter.perSecond();
        int burst = rateLimiter.burst();
        try {
            rateLimiter.configure(0.5, 2);
            List<HttpCall.Response> other = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                other.add(HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/balance?exchange=kalshi")
                        .header("X-API-Key", "other-key")
                        .send());
            }
            assertThat(other.get(0).status())
                    .as("within the burst: on to the credentials check")
                    .isEqualTo(403);
            assertThat(other.get(1).status()).isEqualTo(403);
            HttpCall.Response limited = other.get(2);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(limited.json().get("retryable").asBoolean()).isTrue();
            assertThat(limited.json().has("exchange"))
                    .as("the gateway's limit, not an exchange's")
                    .isFalse();
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);
            assertThat(limited.body() + limited.headers()).doesNotContain("other-key");

            KalshiAccount a = kalshiAccount(new BigDecimal("3"));
            assertThat(kalshi("GET", "/balance", a.header(), null).status())
                    .as("another key has its own bucket")
                    .isEqualTo(200);
        } finally {
            rateLimiter.configure(perSecond, burst);
        }
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void twoHundredParallelRequestsWithDistinctCredentialsEachGetTheirOwnAccount() throws Exception {
        int accounts = 10;
        List<KalshiAccount> kalshiAccounts = new ArrayList<>();
        List<PolymarketAccount> polyAccounts = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            kalshiAccounts.add(kalshiAccount(new BigDecimal("1000." + (10 + i))));
            polyAccounts.add(polymarketAccount(i % 2 == 0, new BigDecimal("500." + (100000 + i))));
        }
        record Call(boolean kalshi, int account) {}
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(new Call(i % 2 == 0, (i / 2) % accounts));
        }
        Collections.shuffle(calls, new java.util.Random(42));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long start = System.nanoTime();
        try {
            List<CompletableFuture<String>> results = calls.stream()
                    .map(c -> CompletableFuture.supplyAsync(
                            () -> {
                                HttpCall.Response r = c.kalshi()
                                        ? kalshi(
                                                "GET",
                                                "/balance",
                                                kalshiAccounts.get(c.account()).header(),
                                                null)
                                        : polymarket(
                                                "GET",
                                                "/balance",
                                                polyAccounts.get(c.account()).header(),
                                                null);
                                String expected =
                                        c.kalshi() ? "1000." + (10 + c.account()) : "500." + (100000 + c.account());
                                if (r.status() != 200) {
                                    return c + " -> " + r.status() + " " + r.body();
                                }
                                JsonNode b = r.json();
                                String exchange = c.kalshi() ? "kalshi" : "polymarket";
                                if (!exchange.equals(b.get("exchange").asText())
                                        || b.get("available").decimalValue().compareTo(new BigDecimal(expected)) != 0) {
                                    return c + " -> cross-talk: " + r.body();
                                }
                                return null;
                            },
                            pool))
                    .toList();
            List<String> problems = results.stream()
                    .map(CompletableFuture::join)
                    .filter(java.util.Objects::nonNull)
                    .toList();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            System.out.println(
                    "concurrency: 200 balance requests (100 Kalshi, 100 Polymarket, 20 accounts) over 16 threads in "
                            + tookMs + " ms");
            assertThat(problems).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
