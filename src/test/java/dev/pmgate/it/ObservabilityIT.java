package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.PmgateApplication;
import dev.pmgate.sandbox.FakeFault;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Operations surface: Prometheus metrics, health probes, the OpenAPI document, graceful shutdown. */
class ObservabilityIT extends GatewayIT {

    @Autowired
    private CamelContext camel;

    private HttpCall.Response publicGet(String path) {
        return HttpCall.to("GET", "http://127.0.0.1:" + port + path).send();
    }

    private KalshiAccount account() {
        KalshiAccount a = new KalshiAccount(KeyFormat.RSA_PKCS8);
        KALSHI.registerKey(a.keyId, a.keyPair.getPublic());
        KALSHI.setBalance(a.keyId, new BigDecimal("21"));
        return a;
    }

    /** Value of one Prometheus sample with exactly these labels (in any order), 0 when absent. */
    private static double sample(String scrape, String name, Map<String, String> labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        while (m.find()) {
            Map<String, String> found = new java.util.HashMap<>();
            for (String pair : m.group(1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    found.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
                }
            }
            if (found.equals(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    @Test
    void aRestRouteRunsOnTheServletContainersThreadNotAHandOffPool() throws Exception {
        // web.SynchronousPlatformHttp: the route runs inline in the first servlet pass, not on a task executor
        // followed by an async re-dispatch
        java.util.List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.apache.camel.support.EventNotifierSupport notifier = new org.apache.camel.support.EventNotifierSupport() {
            @Override
            public void notify(org.apache.camel.spi.CamelEvent event) {
                // every step's "sending" event fires before the answer is written, so none can race the assertion
                if (event instanceof org.apache.camel.spi.CamelEvent.ExchangeSendingEvent sending
                        && "rest-get-balance".equals(sending.getExchange().getFromRouteId())) {
                    threads.add(Thread.currentThread().getName());
                }
            }
        };
        notifier.start();
        camel.getManagementStrategy().addEventNotifier(notifier);
        try {
            assertThat(kalshi("GET", "/balance", account().header(), null).status())
                    .isEqualTo(200);
        } finally {
            camel.getManagementStrategy().removeEventNotifier(notifier);
            notifier.stop();
        }
        assertThat(threads).isNotEmpty();
        assertThat(new java.util.HashSet<>(threads)).singleElement().asString().startsWith("http-nio-");
    }

    @Test
    void prometheusIsPublicAndTimesRequestsByExchangeOperationAndOutcomeWithoutSecrets() {
        KalshiAccount a = account();
        Map<String, String> ok =
                Map.of("entry", "rest", "exchange", "kalshi", "operation", "get_balance", "outcome", "ok");
        Map<String, String> noCredentials = Map.of(
                "entry", "rest", "exchange", "kalshi", "operation", "get_balance", "outcome", "credentials_required");
        Map<String, String> limited = Map.of(
                "entry", "rest", "exchange", "kalshi", "operation", "get_balance", "outcome", "rate_limit_exceeded");
        String before = publicGet("/actuator/prometheus").body();

        assertThat(kalshi("GET", "/balance", a.header(), null).status()).isEqualTo(200);
        assertThat(kalshi("GET", "/balance", null, null).status()).isEqualTo(403);
        KALSHI.injectNext(r -> r.rawPath().endsWith("/portfolio/balance"), FakeFault.fail(429, "", null));
        assertThat(kalshi("GET", "/balance", a.header(), null).status()).isEqualTo(429);

        HttpCall.Response scrape = publicGet("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        String after = scrape.body();
        assertThat(sample(after, "pmgate_requests_seconds_count", ok)
                        - sample(before, "pmgate_requests_seconds_count", ok))
                .as("one request, counted once")
                .isEqualTo(1);
        assertThat(sample(after, "pmgate_requests_seconds_count", noCredentials)
                        - sample(before, "pmgate_requests_seconds_count", noCredentials))
                .isEqualTo(1);
        assertThat(sample(after, "pmgate_requests_seconds_count", limited)
                        - sample(before, "pmgate_requests_seconds_count", limited))
                .isEqualTo(1);
        assertThat(after)
                .contains(
                        "pmgate_requests_seconds_bucket{",
                        "pmgate_upstream_calls_seconds_count{exchange=\"kalshi\",outcome=\"2xx\"}",
                        "pmgate_upstream_calls_seconds_count{exchange=\"kalshi\",outcome=\"429\"}",
                        "pmgate_circuit_breaker_state{exchange=\"kalshi\"}",
                        "pmgate_circuit_breaker_state{exchange=\"polymarket\"}",
                        "pmgate_upstream_in_flight{exchange=\"kalshi\"}");
        assertThat(after).doesNotContain(API_KEY, a.keyId, KALSHI.userId(a.keyId));
        for (String canary : a.canaries()) {
            assertThat(after).doesNotContain(canary);
        }
    }

    @Test
    void healthLivenessAndReadinessArePublicAndUp() {
        for (String path :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpCall.Response r = publicGet(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.json().get("status").asText()).as(path).isEqualTo("UP");
        }
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheRestRoutes() {
        HttpCall.Response r = publicGet("/api/v1/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        String base = doc.get("servers").get(0).get("url").asText();

        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue()
                    .fieldNames()
                    .forEachRemaining(verb -> documented.add(verb.toUpperCase() + " " + base + path.getKey()));
        }
        Set<String> routed = new TreeSet<>();
        for (RestDefinition rest :
                camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                routed.add(verb.asVerb().toUpperCase() + " " + rest.getPath() + verb.getPath());
            }
        }
        assertThat(routed).hasSize(21);
        assertThat(documented).isEqualTo(routed);

        JsonNode schemas = doc.get("components").get("schemas");
        assertThat(schemas.get("Error").get("required"))
                .extracting(JsonNode::asText)
                .containsExactly("error", "code", "retryable");
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey() + " " + path.getKey();
                boolean needsKey = op.getValue().get("security").size() > 0;
                // public market data needs the API key but neither exchange nor credentials (SPEC §8)
                boolean isPrivate = needsKey
                        && op.getValue()
                                .get("parameters")
                                .toString()
                                .contains("#/components/parameters/X-Exchange-Credentials");
                String pathWithDummyId = base + path.getKey().replace("{id}", "ABC-1");
                HttpCall.Response anonymous = HttpCall.to(
                                op.getKey().toUpperCase(),
                                "http://127.0.0.1:" + port + pathWithDummyId + "?exchange=kalshi")
                        .send();
                if (isPrivate) {
                    assertThat(op.getValue().get("parameters").toString())
                            .as(where)
                            .contains(
                                    "#/components/parameters/exchange",
                                    "#/components/parameters/X-Exchange-Credentials");
                    assertThat(op.getValue().get("responses").get("503").toString())
                            .as(where)
                            .contains("ServiceUnavailable");
                    assertThat(op.getValue().get("responses").get("429").toString())
                            .as(where)
                            .contains("RateLimited");
                    assertThat(anonymous.status())
                            .as(where + " needs an API key")
                            .isEqualTo(401);
                } else if (needsKey) {
                    assertThat(op.getValue().get("responses").get("503").toString())
                            .as(where)
                            .contains("ServiceUnavailable");
                    assertThat(op.getValue().get("responses").get("429").toString())
                            .as(where)
                            .contains("RateLimited");
                    assertThat(anonymous.status())
                            .as(where + " needs an API key")
                            .isEqualTo(401);
                } else {
                    assertThat(anonymous.status()).as(where + " is public").isEqualTo(200);
                }
            }
        }
        for (String ref :
                new String[] {"Order", "OrderPage", "FillPage", "PositionList", "Balance", "CreateOrderRequest"}) {
            assertThat(r.body()).contains("#/components/schemas/" + ref);
        }
    }

    @Test
    void gracefulShutdownFinishesTheRequestInFlight() throws Exception {
        KalshiAccount a = account();
        FakeFault.Gate gate = new FakeFault.Gate();
        ConfigurableApplicationContext second = new SpringApplicationBuilder(PmgateApplication.class)
                .run(
                        "--server.port=0",
                        "--pmgate.api-keys=" + API_KEY,
                        "--pmgate.kalshi.base-url=" + KALSHI.baseUrl(),
                        "--pmgate.kafka.brokers=",
                        "--pmgate.sealing.jwks=" + SEALING_JWKS);
        try {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            KALSHI.injectNext(r -> r.rawPath().endsWith("/portfolio/balance"), gate);
            CompletableFuture<HttpCall.Response> inFlight = CompletableFuture.supplyAsync(
                    () -> HttpCall.to("GET", "http://127.0.0.1:" + secondPort + "/api/v1/balance?exchange=kalshi")
                            .header("X-API-Key", API_KEY)
                            .header("X-Exchange-Credentials", a.header())
                            .send());
            assertThat(gate.awaitArrival(Duration.ofSeconds(10))).isTrue();
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(second::close);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(second::isClosed);
            assertThat(shutdown).as("shutdown waits for the request in flight").isNotDone();
            gate.release();
            HttpCall.Response answered = inFlight.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answered.status()).as(answered.body()).isEqualTo(200);
            assertThat(answered.json().get("available").decimalValue()).isEqualByComparingTo("21");
            shutdown.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            gate.release();
            second.close();
        }
    }
}
