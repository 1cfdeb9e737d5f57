package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pmgate.PmgateApplication;
import dev.pmgate.support.KalshiAccount;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Clean start-up: the application of the jar (sandbox mode, so it needs no network) is started on a fixed
 * port while requests are fired at it in a loop. Tomcat listens before Camel has started the REST routes; in
 * that window every API path must answer 503 {@code service_unavailable} with {@code Retry-After}, never 404,
 * and readiness must not be UP. To make the window certain rather than a race, Camel's start is held (by a
 * {@link CamelContextConfiguration}) until the prober has seen the 503s, bounded by a timeout.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Probe(String what, int status, String retryAfter, String body, boolean readinessUp) {}

    @Test
    void everyApiPathAnswers503UntilTheRoutesRunThenRealAnswersNever404(CapturedOutput output) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String apiKey = "startup-" + UUID.randomUUID();
        KalshiAccount account = new KalshiAccount(KalshiAccount.KeyFormat.ED25519);
        CountDownLatch seenStarting = new CountDownLatch(1);
        CamelContextConfiguration holdCamel = new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                try {
                    seenStarting.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing
            }
        };

        SpringApplicationBuilder app = new SpringApplicationBuilder(PmgateApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("startupItHoldCamel", holdCamel));
        // command-line arguments: they outrank application.yaml (default properties would not)
        String[] args = {
            "--server.port=" + port,
            "--pmgate.sandbox=true",
            "--pmgate.api-keys=" + apiKey,
            "--pmgate.kafka.brokers=",
            "--camel.main.name=pmgate-startup-it"
        };
        CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(() -> app.run(args));

        String base = "http://127.0.0.1:" + port;
        HttpRequest balance = HttpRequest.newBuilder(URI.create(base + "/api/v1/balance?exchange=kalshi"))
                .header("X-API-Key", apiKey)
                .header("X-Exchange-Credentials", account.header())
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpRequest openapi = HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.json"))
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpRequest orders = HttpRequest.newBuilder(URI.create(base + "/api/v1/orders?exchange=kalshi"))
                .header("X-API-Key", apiKey)
                .header("X-Exchange-Credentials", account.header())
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(30))
                .build();

        List<Probe> probes = new ArrayList<>();
        boolean balanceServed = false;
        boolean openapiServed = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        ConfigurableApplicationContext context = null;
        try {
            while (!(balanceServed && openapiServed && started.isDone()) && System.nanoTime() < deadline) {
                if (started.isCompletedExceptionally()) {
                    started.join();
                }
                try {
                    for (HttpRequest request : List.of(balance, openapi, orders)) {
                        HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                        boolean ready = r.statusCode() == 503
                                && CLIENT.send(readiness, HttpResponse.BodyHandlers.ofString())
                                                .statusCode()
                                        == 200;
                        probes.add(new Probe(
                                request.uri().getPath(),
                                r.statusCode(),
                                r.headers().firstValue("Retry-After").orElse(null),
                                r.body(),
                                ready));
                        balanceServed |= request == balance && r.statusCode() == 200;
                        openapiServed |= request == openapi && r.statusCode() == 200;
                    }
                    if (probes.stream().filter(p -> p.status() == 503).count() >= 3) {
                        seenStarting.countDown();
                    }
                } catch (ConnectException e) {
                    // Tomcat is not listening yet: nothing answered, which is not a wrong answer
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll interval
            }
            context = started.get(60, TimeUnit.SECONDS);

            assertThat(probes).as("answers while starting and after").isNotEmpty();
            assertThat(probes)
                    .extracting(Probe::status)
                    .as("only 503 or a real answer, never 404")
                    .allMatch(s -> s == 503 || s == 200);
            List<Probe> starting =
                    probes.stream().filter(p -> p.status() == 503).toList();
            assertThat(starting)
                    .as("the start-up window was probed (Camel held until seen)")
                    .hasSizeGreaterThanOrEqualTo(3);
            for (Probe p : starting) {
                assertThat(p.retryAfter()).as("Retry-After on " + p.what()).isEqualTo("1");
                JsonNode body = MAPPER.readTree(p.body());
                assertThat(body.get("code").asText()).isEqualTo("service_unavailable");
                assertThat(body.get("retryable").asBoolean()).isTrue();
                assertThat(body.get("error").asText()).isNotBlank();
                assertThat(p.readinessUp())
                        .as("readiness UP while the API answers 503")
                        .isFalse();
            }
            assertThat(balanceServed && openapiServed)
                    .as("real answers once started")
                    .isTrue();
            JsonNode served = MAPPER.readTree(
                    CLIENT.send(balance, HttpResponse.BodyHandlers.ofString()).body());
            assertThat(served.get("exchange").asText()).isEqualTo("kalshi");
            assertThat(CLIENT.send(readiness, HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(output.getOut() + output.getErr()).contains("SANDBOX MODE — no real exchange is used");
        } finally {
            seenStarting.countDown();
            if (context == null && !started.isCompletedExceptionally()) {
                try {
                    context = started.get(60, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // reported by the assertions above
                }
            }
            if (context != null) {
                context.close();
            }
        }
    }
}
