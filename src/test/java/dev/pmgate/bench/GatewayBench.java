package dev.pmgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pmgate.kalshi.RsaSignatureFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Gateway-only benchmark: the gateway runs alone in its own JVM (the built jar, {@code -Xmx} from
 * {@code bench.heap}, configured only through environment variables), the fake exchanges and the Kafka
 * broker in a second ({@link GatewayBenchExchanges}), and this process is the load client. Gateway CPU
 * per request is read from the OS ({@code /proc/<pid>/stat} utime+stime) over each measured window, so
 * the client, the fakes and the rest of the machine do not count. The crypto each request needs is
 * measured in this process on one thread in the same run.
 *
 * <p>Run: {@code ./mvnw -B -Pgateway-bench verify} (see docs/performance.md). Loopback only; every loop
 * is bounded in time and count; both child processes are ended when this one ends.
 */
public final class GatewayBench {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long CLOCK_TICKS = clockTicks();

    private final int threads = Integer.getInteger("bench.threads", 8);
    private final int seconds = Integer.getInteger("bench.seconds", 10);
    private final int maxRequests = Integer.getInteger("bench.max-requests", 20_000);
    private final int windowSeconds = Integer.getInteger("bench.window-seconds", 2);
    private final int settleMaxSeconds = Integer.getInteger("bench.settle-max-seconds", 60);
    private final int pacedSeconds = Integer.getInteger("bench.paced-seconds", 6);
    private final int cancelOrders = Integer.getInteger("bench.cancel-orders", 3000);
    private final int kafkaRequests = Integer.getInteger("bench.kafka.requests", 3000);
    private final int kafkaInFlight = Integer.getInteger("bench.kafka.in-flight", 64);
    private final boolean kafka = !"false".equals(System.getProperty("bench.kafka"));
    private final boolean jfr = Boolean.getBoolean("bench.jfr");
    private final String heap = System.getProperty("bench.heap", "512m");
    private final Pattern only = Pattern.compile(System.getProperty("bench.only", ".*"));
    private final Path out = Path.of(System.getProperty("bench.out", "target/gateway-bench"));
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Process exchanges;
    private Process gateway;
    private String base;
    private String apiKey;
    private Properties env;

    public static void main(String[] args) {
        // this process's own Kafka clients log every partition move at INFO: keep the report readable
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int status = 0;
        GatewayBench bench = new GatewayBench();
        try {
            bench.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            status = 1;
        } finally {
            bench.stopChildren();
        }
        System.exit(status);
    }

    // ===================================================================================== rows

    /** One measured path: closed-loop numbers, then latency at half that throughput, plus the settle trace. */
    record Row(
            String name,
            String entry,
            long requests,
            long errors,
            double perSecond,
            double cpuMsPerRequest,
            double cryptoMs,
            double p50,
            double p99,
            double pacedRate,
            double pacedP50,
            double pacedP99,
            double settleSeconds,
            List<Double> settleTrace,
            String firstError) {}

    /** A REST path: request factory, expected status, the one-thread crypto one request needs (null: none). */
    record Scenario(
            String name, Supplier<HttpRequest> request, int expectedStatus, TimedLoop.Op crypto, Runnable prepare) {
        Scenario(String name, Supplier<HttpRequest> request, int expectedStatus, TimedLoop.Op crypto) {
            this(name, request, expectedStatus, crypto, null);
        }

        /** Finite paths (cancel) draw from orders made beforehand by {@code prepare}; the request is null when none is left. */
        boolean finite() {
            return prepare != null;
        }
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        String cpu = cpuModel();
        System.out.printf(
                "pmgate gateway-only bench — %s, %d cores (%s), %s %s, gateway -Xmx%s%n",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                cpu,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                heap);
        System.out.println("load average at start (1/5/15 min): " + loadAverage());
        startExchanges();
        StartUp startUp = startGateway();
        List<Row> rows = new ArrayList<>();
        List<Scenario> selected = restScenarios().stream()
                .filter(s -> only.matcher(s.name()).find())
                .toList();
        System.out.printf("gateway idle CPU right after health UP (no requests, 3 s): %.1f ms per second%n", idleCpu());
        warmAll(selected);
        for (Scenario s : selected) {
            rows.add(measureRest(s));
        }
        if (kafka && env.getProperty("kafka.brokers") != null) {
            rows.addAll(kafkaRows());
        }
        RsaSignatureFactory rsa = RsaSignatureFactory.select("auto");
        if (rsa.isNative()) {
            String pem = env.getProperty("kalshi.rsa.pem");
            double before = cryptoMs(SigningOps.kalshiPerRequestPkcs8Import(rsa, pem));
            double after = cryptoMs(SigningOps.kalshiPerRequest(rsa, pem));
            double before2 = cryptoMs(SigningOps.kalshiPerRequestPkcs8Import(rsa, pem));
            double after2 = cryptoMs(SigningOps.kalshiPerRequest(rsa, pem));
            System.out.printf(
                    "%nKalshi RSA-2048 crypto per request, one thread (PEM parse + provider import + sign), measured"
                            + " twice, interleaved: PKCS#8 import (before) %.3f / %.3f ms, CRT import (now) %.3f / %.3f ms%n",
                    before, before2, after, after2);
        }
        if (env.getProperty("kalshi.rsa.sealed") != null) {
            var sealing = new dev.pmgate.credentials.SealedCredentials(
                    com.nimbusds.jose.jwk.JWKSet.parse(env.getProperty("sealing.jwks")), java.time.Clock.systemUTC());
            byte[] sealed = env.getProperty("kalshi.rsa.sealed").getBytes(StandardCharsets.UTF_8);
            System.out.printf(
                    "Kafka sealed credentials, one thread: opening one (JWE ECDH-ES P-256 + AES-GCM, as every Kafka"
                            + " record does) costs %.3f ms of CPU — not in the Kafka rows' crypto column%n",
                    cryptoMs(() -> {
                        byte[] plain = sealing.open(sealed);
                        java.util.Arrays.fill(plain, (byte) 0);
                        return plain;
                    }));
        }
        System.out.printf(
                "floor: one upstream call with Apache HttpClient 5 (the client camel-http uses in the gateway; pooled,"
                        + " keep-alive, unsigned GET answered 401 by the fake), one thread: %.3f ms of caller CPU per call%n",
                upstreamCallFloorMs(env.getProperty("kalshi.url") + "/portfolio/balance"));
        System.out.printf(
                "gateway idle CPU after the run (no requests, 3 s): %.1f ms per second (Kafka consumers %s)%n",
                idleCpu(), kafka && env.getProperty("kafka.brokers") != null ? "polling" : "off");
        String heapReport = heapReport();
        printRows(rows);
        printStartUp(startUp);
        System.out.println();
        System.out.println(heapReport);
        System.out.println("load average at end (1/5/15 min): " + loadAverage());
        if (rows.stream().anyMatch(r -> r.errors() > 0)) {
            throw new AssertionError("some requests failed; see the first errors above");
        }
    }

    // ===================================================================================== processes

    private void startExchanges() throws Exception {
        Path file = out.resolve("exchanges.properties");
        Files.deleteIfExists(file);
        List<String> command = new ArrayList<>(List.of(
                javaBin(),
                "-Xmx1g",
                "-XX:+UseParallelGC",
                "-Dsun.net.httpserver.nodelay=true",
                "-Djava.io.tmpdir=" + out.toAbsolutePath(),
                "-Dbench.kafka=" + kafka,
                "-cp",
                System.getProperty("java.class.path"),
                GatewayBenchExchanges.class.getName(),
                file.toString()));
        exchanges = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("exchanges.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.exists(file)) {
            if (!exchanges.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the exchanges process did not start; see " + out.resolve("exchanges.log"));
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        env = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            env.load(r);
        }
        System.out.println("exchanges process pid " + exchanges.pid()
                + (env.getProperty("kafka.brokers") != null
                        ? ", Kafka broker " + env.getProperty("kafka.brokers")
                        : ", no Kafka"));
    }

    /** Start-up: wall time to health UP, and the gateway's own log lines placed on that time line. */
    record StartUp(double upSeconds, double cpuSeconds, List<String> marks) {}

    private StartUp startGateway() throws Exception {
        Path jar = gatewayJar();
        int port = freePort();
        apiKey = "bench-" + UUID.randomUUID();
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx" + heap, "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("gateway.log").toFile());
        Map<String, String> e = pb.environment();
        e.put("SERVER_PORT", Integer.toString(port));
        e.put("PMGATE_API_KEYS", apiKey);
        e.put("PMGATE_KALSHI_BASE_URL", env.getProperty("kalshi.url"));
        e.put("PMGATE_POLYMARKET_CLOB_URL", env.getProperty("polymarket.clob-url"));
        e.put("PMGATE_POLYMARKET_DATA_URL", env.getProperty("polymarket.data-url"));
        e.put("PMGATE_SEALING_JWKS", env.getProperty("sealing.jwks"));
        e.put("PMGATE_RATELIMIT_PERSECOND", "1000000");
        e.put("PMGATE_RATELIMIT_BURST", "1000000");
        if (kafka && env.getProperty("kafka.brokers") != null) {
            e.put("PMGATE_KAFKA_BROKERS", env.getProperty("kafka.brokers"));
        }
        long started = System.nanoTime();
        gateway = pb.start();
        base = "http://127.0.0.1:" + port;
        long deadline = started + Duration.ofMinutes(3).toNanos();
        while (true) {
            if (!gateway.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the gateway did not become healthy; see " + out.resolve("gateway.log"));
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        double up = (System.nanoTime() - started) / 1e9;
        double cpu = cpuSeconds(gateway.pid());
        Instant processStart =
                gateway.info().startInstant().orElse(Instant.now().minusMillis((long) (up * 1000)));
        System.out.printf(
                "gateway %s, pid %d on port %d: health UP after %.2f s (%.2f s of CPU)%n",
                jar, gateway.pid(), port, up, cpu);
        return new StartUp(up, cpu, startUpMarks(processStart));
    }

    private void stopChildren() {
        for (Process p : new Process[] {gateway, exchanges}) {
            if (p != null && p.isAlive()) {
                try {
                    OutputStream stdin = p.getOutputStream();
                    stdin.close();
                } catch (IOException ignored) {
                    // ending it anyway
                }
                p.destroy();
                try {
                    if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // ===================================================================================== REST scenarios

    private List<Scenario> restScenarios() throws Exception {
        RsaSignatureFactory rsa = RsaSignatureFactory.select("auto");
        String api = base + "/api/v1";
        List<Scenario> list = new ArrayList<>();
        // The container's floor: Tomcat + the filter chain + Spring MVC + one small JSON answer, no Camel and no
        // pmgate step. No gateway path can cost less than this.
        list.add(new Scenario(
                "floor: servlet only (health liveness)",
                () -> get(base + "/actuator/health/liveness", null),
                200,
                null));
        list.add(new Scenario("403 without credentials", () -> get(api + "/balance?exchange=kalshi", null), 403, null));

        String rsaHeader = env.getProperty("kalshi.rsa.header");
        String rsaPem = env.getProperty("kalshi.rsa.pem");
        TimedLoop.Op kalshiRsaCrypto = SigningOps.kalshiPerRequest(rsa, rsaPem);
        list.add(new Scenario(
                "Kalshi balance, RSA-2048",
                () -> get(api + "/balance?exchange=kalshi", rsaHeader),
                200,
                kalshiRsaCrypto));
        list.add(new Scenario(
                "Kalshi balance, Ed25519",
                () -> get(api + "/balance?exchange=kalshi", env.getProperty("kalshi.ed25519.header")),
                200,
                SigningOps.kalshiPerRequest(rsa, env.getProperty("kalshi.ed25519.pem"))));
        String kalshiOrder = "{\"market_id\":\"" + env.getProperty("kalshi.ticker")
                + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.01,\"size\":1}";
        list.add(new Scenario(
                "Kalshi create order, RSA",
                () -> post(api + "/orders?exchange=kalshi", rsaHeader, kalshiOrder),
                201,
                kalshiRsaCrypto));
        String orderId = createOne(api + "/orders?exchange=kalshi", rsaHeader, kalshiOrder);
        list.add(new Scenario(
                "Kalshi get order, RSA",
                () -> get(api + "/orders/" + orderId + "?exchange=kalshi", rsaHeader),
                200,
                kalshiRsaCrypto));
        list.add(new Scenario(
                "Kalshi list orders, RSA",
                () -> get(api + "/orders?exchange=kalshi&limit=10", rsaHeader),
                200,
                kalshiRsaCrypto));
        // A cancel reads the order first (two signed calls): crypto is twice the per-request signing.
        TimedLoop.Op twoKalshiSignatures = () -> new Object[] {kalshiRsaCrypto.run(), kalshiRsaCrypto.run()};
        Queue<String> toCancel = new ConcurrentLinkedQueue<>();
        list.add(new Scenario(
                "Kalshi cancel order, RSA",
                () -> {
                    String id = toCancel.poll();
                    return id == null ? null : delete(api + "/orders/" + id + "?exchange=kalshi", rsaHeader);
                },
                200,
                twoKalshiSignatures,
                () -> fill(toCancel, api + "/orders?exchange=kalshi", rsaHeader, kalshiOrder)));

        String market = env.getProperty("polymarket.market");
        String polyOrder =
                "{\"market_id\":\"" + market + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.01,\"size\":10}";
        String clobHeader = env.getProperty("polymarket.clob.header");
        String clobKey = env.getProperty("polymarket.clob.private-key");
        String clobApiKey = env.getProperty("polymarket.clob.api-key");
        String clobSecret = env.getProperty("polymarket.clob.secret");
        String clobPass = env.getProperty("polymarket.clob.passphrase");
        list.add(new Scenario(
                "Polymarket create, key + CLOB credentials",
                () -> post(api + "/orders?exchange=polymarket", clobHeader, polyOrder),
                201,
                SigningOps.polymarketCreatePerRequest(clobKey, clobApiKey, clobSecret, clobPass, false)));
        list.add(new Scenario(
                "Polymarket create, key only (derive)",
                () -> post(
                        api + "/orders?exchange=polymarket", env.getProperty("polymarket.key-only.header"), polyOrder),
                201,
                SigningOps.polymarketCreatePerRequest(
                        env.getProperty("polymarket.key-only.private-key"), clobApiKey, clobSecret, clobPass, true)));
        // Reads with CLOB credentials: key parse + one L2 HMAC.
        TimedLoop.Op polyRead = () -> {
            var key = dev.pmgate.polymarket.PolymarketKeys.keyPair(clobKey.toCharArray());
            String address = dev.pmgate.polymarket.PolymarketKeys.address(key);
            try (var l2 = new dev.pmgate.polymarket.PolymarketL2Auth(
                    address, clobApiKey, clobSecret.toCharArray(), clobPass.toCharArray())) {
                return l2.headers(1_767_225_600L, "GET", "/data/orders", new byte[0]);
            }
        };
        list.add(new Scenario(
                "Polymarket balance, CLOB credentials",
                () -> get(api + "/balance?exchange=polymarket", clobHeader),
                200,
                polyRead));
        list.add(new Scenario(
                "Polymarket list orders, CLOB credentials",
                () -> get(api + "/orders?exchange=polymarket&limit=10", clobHeader),
                200,
                polyRead));
        list.add(new Scenario(
                "Polymarket positions, CLOB credentials",
                () -> get(api + "/positions?exchange=polymarket", clobHeader),
                200,
                () -> dev.pmgate.polymarket.PolymarketKeys.address(
                        dev.pmgate.polymarket.PolymarketKeys.keyPair(clobKey.toCharArray()))));
        return list;
    }

    private HttpRequest get(String url, String credentials) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).header("X-API-Key", apiKey);
        if (credentials != null) {
            b.header("X-Exchange-Credentials", credentials);
        }
        return b.GET().build();
    }

    private HttpRequest post(String url, String credentials, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .header("X-API-Key", apiKey)
                .header("X-Exchange-Credentials", credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest delete(String url, String credentials) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .header("X-API-Key", apiKey)
                .header("X-Exchange-Credentials", credentials)
                .DELETE()
                .build();
    }

    private String createOne(String url, String credentials, String body) throws Exception {
        HttpResponse<String> r = http.send(post(url, credentials, body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("set-up create failed: HTTP " + r.statusCode() + " " + r.body());
        }
        return MAPPER.readTree(r.body()).path("id").asText();
    }

    /** Orders to cancel, made through the gateway before the cancel windows (not measured). */
    private void fill(Queue<String> queue, String url, String credentials, String body) {
        synchronized (queue) {
            System.out.printf("  (creating %d Kalshi orders to cancel, not measured)%n", cancelOrders - queue.size());
            AtomicLong left = new AtomicLong(cancelOrders - queue.size());
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = new Thread(() -> {
                    while (left.getAndDecrement() > 0) {
                        try {
                            queue.add(createOne(url, credentials, body));
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                try {
                    w.join(Duration.ofMinutes(2).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // ===================================================================================== REST measurement

    /** One closed-loop phase against the gateway, with the gateway's CPU from the OS. */
    record Phase(
            long requests,
            long errors,
            double seconds,
            double gatewayCpuSeconds,
            long[] sortedLatencies,
            String firstError,
            Machine machine) {
        double cpuMsPerRequest() {
            return requests == 0 ? Double.NaN : gatewayCpuSeconds * 1000 / requests;
        }

        double percentile(double q) {
            return GatewayBench.percentile(sortedLatencies, q);
        }
    }

    private Row measureRest(Scenario s) throws Exception {
        System.out.printf("%n== %s%n", s.name());
        // JIT settle: closed-loop windows until gateway CPU/request is stable (3 windows within ±10 %).
        if (s.finite()) {
            s.prepare().run();
        }
        List<Double> trace = new ArrayList<>();
        long settleStart = System.nanoTime();
        int maxWindows = Math.max(3, (s.finite() ? 3 * windowSeconds : settleMaxSeconds) / windowSeconds);
        double settled = Double.NaN;
        for (int w = 0; w < maxWindows; w++) {
            Phase p = closedLoop(s, Duration.ofSeconds(windowSeconds), maxRequests / 4);
            if (p.errors() > 0) {
                throw new AssertionError(s.name() + " fails while warming: " + p.firstError());
            }
            trace.add(p.cpuMsPerRequest());
            if (trace.size() >= 3 && stable(trace.subList(trace.size() - 3, trace.size()))) {
                settled = (System.nanoTime() - settleStart) / 1e9;
                break;
            }
        }
        if (s.finite()) {
            s.prepare().run();
        }
        String jfrName = null;
        if (jfr) {
            jfrName = "bench-" + (s.name().hashCode() & 0x7fffffff);
            jcmd(
                    "JFR.start",
                    "name=" + jfrName,
                    "settings=profile",
                    "filename=" + out.toAbsolutePath().resolve(jfrName + ".jfr"));
        }
        Phase measured = closedLoop(s, Duration.ofSeconds(seconds), maxRequests);
        if (jfrName != null) {
            jcmd("JFR.stop", "name=" + jfrName);
            System.out.println(JfrSummary.summarize(out.resolve(jfrName + ".jfr"), s.name()));
        }
        double crypto = s.crypto() == null ? 0 : cryptoMs(s.crypto());
        double rate = measured.requests() / measured.seconds();
        Phase paced = pacedSeconds > 0 && !s.finite() ? paced(s, rate / 2, Duration.ofSeconds(pacedSeconds)) : null;
        Row row = new Row(
                s.name(),
                "REST",
                measured.requests(),
                measured.errors(),
                rate,
                measured.cpuMsPerRequest(),
                crypto,
                measured.percentile(0.5),
                measured.percentile(0.99),
                paced == null ? Double.NaN : rate / 2,
                paced == null ? Double.NaN : paced.percentile(0.5),
                paced == null ? Double.NaN : paced.percentile(0.99),
                settled,
                trace,
                measured.firstError() != null ? measured.firstError() : paced != null ? paced.firstError() : null);
        System.out.printf(
                "   %,d req, %.0f req/s, gateway CPU %.3f ms/req (crypto %.3f), p50 %.2f / p99 %.2f ms;"
                        + " at %.0f req/s p50 %.2f / p99 %.2f ms; settle trace (CPU ms/req per %ds window) %s%n",
                row.requests(),
                row.perSecond(),
                row.cpuMsPerRequest(),
                row.cryptoMs(),
                row.p50(),
                row.p99(),
                row.pacedRate(),
                row.pacedP50(),
                row.pacedP99(),
                windowSeconds,
                format(trace));
        System.out.println("   " + measured.machine().describe(measured.requests()));
        if (row.firstError() != null) {
            System.out.println("   first error: " + row.firstError());
        }
        return row;
    }

    /**
     * Round-robin warm-up over every selected path ({@code bench.warm-rounds} rounds of one window each),
     * so that code the paths share is compiled before any path is measured. The first path's windows show
     * how the gateway comes out of a cold start.
     */
    private void warmAll(List<Scenario> scenarios) throws InterruptedException {
        int rounds = Integer.getInteger("bench.warm-rounds", 3);
        List<Double> first = new ArrayList<>();
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (Scenario s : scenarios) {
                if (s.finite()) {
                    continue;
                }
                Phase p = closedLoop(s, Duration.ofSeconds(windowSeconds), maxRequests / 4);
                if (p.errors() > 0) {
                    throw new AssertionError(s.name() + " fails while warming: " + p.firstError());
                }
                if (s == scenarios.get(0)) {
                    first.add(p.cpuMsPerRequest());
                }
            }
        }
        System.out.printf(
                "warm-up: %d round(s) over %d paths in %.0f s; %s gateway CPU ms/req per round: %s%n",
                rounds,
                scenarios.size(),
                (System.nanoTime() - started) / 1e9,
                scenarios.isEmpty() ? "-" : scenarios.get(0).name(),
                format(first));
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * CPU milliseconds of one {@code op} on this thread: warm-up, then five slices of ~400 ms of wall time,
     * each giving thread-CPU-time ÷ operations; the median. Thread CPU time, like the gateway's, hardly
     * depends on what else the machine runs (wall-clock rates would).
     */
    /**
     * What one upstream HTTP exchange costs the calling thread in the HTTP client alone (request, pooled
     * connection, response): part of every gateway path that calls an exchange, whatever pmgate does around it.
     */
    static double upstreamCallFloorMs(String url) throws Exception {
        try (org.apache.hc.client5.http.impl.classic.CloseableHttpClient http =
                org.apache.hc.client5.http.impl.classic.HttpClients.createMinimal()) {
            return cryptoMs(
                    () -> http.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(url), response -> {
                        org.apache.hc.core5.http.io.entity.EntityUtils.consume(response.getEntity());
                        return response.getCode();
                    }));
        }
    }

    static double cryptoMs(TimedLoop.Op op) throws Exception {
        long warmUntil = System.nanoTime() + Duration.ofMillis(800).toNanos();
        for (int i = 0; i < 100_000 && System.nanoTime() < warmUntil; i++) {
            op.run();
        }
        double[] slices = new double[5];
        for (int slice = 0; slice < slices.length; slice++) {
            long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
            long cpu = THREADS.getCurrentThreadCpuTime();
            int n = 0;
            while (n < 50_000 && (n < 20 || System.nanoTime() < until)) {
                op.run();
                n++;
            }
            slices[slice] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / n;
        }
        Arrays.sort(slices);
        return slices[slices.length / 2];
    }

    /** The gateway's CPU use without requests: JIT still compiling, GC, Kafka consumers polling. */
    private double idleCpu() {
        double before = cpuSeconds(gateway.pid());
        long start = System.nanoTime();
        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
        return (cpuSeconds(gateway.pid()) - before) * 1000 / ((System.nanoTime() - start) / 1e9);
    }

    private static boolean stable(List<Double> last) {
        double mean = last.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return last.stream().allMatch(v -> Math.abs(v - mean) <= 0.10 * mean);
    }

    private Phase closedLoop(Scenario s, Duration length, int budget) throws InterruptedException {
        return run(s, length, budget, threads, 0);
    }

    /** Open loop at {@code rate} req/s; latency counted from each request's scheduled time (no coordinated omission). */
    private Phase paced(Scenario s, double rate, Duration length) throws InterruptedException {
        int budget = (int) Math.min(maxRequests, rate * length.toSeconds() + threads);
        return run(s, length, budget, threads, (long) (1e9 * threads / rate));
    }

    private Phase run(Scenario s, Duration length, int budget, int clients, long intervalNanos)
            throws InterruptedException {
        AtomicLong remaining = new AtomicLong(budget);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long[][] latencies = new long[clients][budget];
        int[] counts = new int[clients];
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[1];
        Thread[] workers = new Thread[clients];
        for (int t = 0; t < clients; t++) {
            int index = t;
            workers[t] = new Thread(
                    () -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long deadline = window[0] + length.toNanos();
                        long next = window[0] + (intervalNanos == 0 ? 0 : intervalNanos * index / clients);
                        int n = 0;
                        while (System.nanoTime() < deadline && remaining.getAndDecrement() > 0) {
                            long scheduled;
                            if (intervalNanos > 0) {
                                long wait = next - System.nanoTime();
                                if (wait > 0) {
                                    LockSupport.parkNanos(wait);
                                }
                                scheduled = next;
                                next += intervalNanos;
                            } else {
                                scheduled = System.nanoTime();
                            }
                            HttpRequest request = s.request().get();
                            if (request == null) {
                                break;
                            }
                            String problem = null;
                            try {
                                HttpResponse<String> response =
                                        http.send(request, HttpResponse.BodyHandlers.ofString());
                                if (response.statusCode() != s.expectedStatus()) {
                                    problem = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            } catch (Exception e) {
                                problem = e.toString();
                            }
                            latencies[index][n++] = System.nanoTime() - scheduled;
                            if (problem != null) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, problem);
                            }
                        }
                        counts[index] = n;
                    },
                    "bench-client-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        long pid = gateway.pid();
        double cpuBefore = cpuSeconds(pid);
        Machine.Snapshot machineBefore = Machine.snapshot(exchanges.pid());
        window[0] = System.nanoTime();
        start.countDown();
        long joinDeadline = window[0]
                + length.toNanos()
                + REQUEST_TIMEOUT.toNanos()
                + Duration.ofSeconds(5).toNanos();
        for (Thread worker : workers) {
            worker.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000));
        }
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        double cpu = cpuSeconds(pid) - cpuBefore;
        Machine machine = Machine.since(machineBefore, exchanges.pid());
        for (Thread worker : workers) {
            if (worker.isAlive()) {
                worker.interrupt();
                throw new IllegalStateException(s.name() + ": a client thread did not finish in time");
            }
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < clients; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Phase(total, errors.get(), elapsed, cpu, all, firstError.get(), machine);
    }

    // ===================================================================================== Kafka

    private List<Row> kafkaRows() throws Exception {
        List<Row> rows = new ArrayList<>();
        String brokers = env.getProperty("kafka.brokers");
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        pp.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        RsaSignatureFactory rsa = RsaSignatureFactory.select("auto");
        TimedLoop.Op kalshiRsaCrypto = SigningOps.kalshiPerRequest(rsa, env.getProperty("kalshi.rsa.pem"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp)) {
            List<TopicPartition> partitions = consumer.partitionsFor("pmgate.results").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            String rsaSealed = env.getProperty("kalshi.rsa.sealed");
            Map<String, Object> kalshiOrder = Map.of(
                    "market_id",
                    env.getProperty("kalshi.ticker"),
                    "outcome",
                    "Yes",
                    "side",
                    "buy",
                    "price",
                    new BigDecimal("0.01"),
                    "size",
                    1);
            Map<String, Object> polyOrder = Map.of(
                    "market_id",
                    env.getProperty("polymarket.market"),
                    "outcome",
                    "Yes",
                    "side",
                    "buy",
                    "price",
                    new BigDecimal("0.01"),
                    "size",
                    10);
            record KafkaScenario(
                    String name,
                    String op,
                    String exchange,
                    String sealed,
                    Map<String, Object> extra,
                    TimedLoop.Op crypto) {}
            List<KafkaScenario> scenarios = List.of(
                    new KafkaScenario(
                            "Kalshi balance, RSA-2048", "get_balance", "kalshi", rsaSealed, Map.of(), kalshiRsaCrypto),
                    new KafkaScenario(
                            "Kalshi create order, RSA",
                            "create_order",
                            "kalshi",
                            rsaSealed,
                            Map.of("order", kalshiOrder),
                            kalshiRsaCrypto),
                    new KafkaScenario(
                            "Polymarket create, key + CLOB credentials",
                            "create_order",
                            "polymarket",
                            env.getProperty("polymarket.clob.sealed"),
                            Map.of("order", polyOrder),
                            SigningOps.polymarketCreatePerRequest(
                                    env.getProperty("polymarket.clob.private-key"),
                                    env.getProperty("polymarket.clob.api-key"),
                                    env.getProperty("polymarket.clob.secret"),
                                    env.getProperty("polymarket.clob.passphrase"),
                                    false)));
            for (KafkaScenario k : scenarios) {
                if (!only.matcher("Kafka " + k.name()).find()) {
                    continue;
                }
                System.out.printf("%n== Kafka %s%n", k.name());
                Map<String, String> headers = Map.of("X-API-Key", apiKey, "X-Exchange-Credentials", k.sealed());
                List<Double> trace = new ArrayList<>();
                long settleStart = System.nanoTime();
                double settled = Double.NaN;
                int batch = Math.max(200, kafkaRequests / 5);
                for (int w = 0; w < 8; w++) {
                    Phase p = kafkaPhase(producer, consumer, k.op(), k.exchange(), k.extra(), headers, batch);
                    if (p.errors() > 0) {
                        throw new AssertionError("Kafka " + k.name() + " fails while warming: " + p.firstError());
                    }
                    trace.add(p.cpuMsPerRequest());
                    if (trace.size() >= 3 && stable(trace.subList(trace.size() - 3, trace.size()))) {
                        settled = (System.nanoTime() - settleStart) / 1e9;
                        break;
                    }
                }
                String jfrName = null;
                if (jfr) {
                    jfrName = "bench-kafka-" + (k.name().hashCode() & 0x7fffffff);
                    jcmd(
                            "JFR.start",
                            "name=" + jfrName,
                            "settings=profile",
                            "filename=" + out.toAbsolutePath().resolve(jfrName + ".jfr"));
                }
                Phase p = kafkaPhase(producer, consumer, k.op(), k.exchange(), k.extra(), headers, kafkaRequests);
                if (jfrName != null) {
                    jcmd("JFR.stop", "name=" + jfrName);
                    System.out.println(JfrSummary.summarize(out.resolve(jfrName + ".jfr"), "Kafka " + k.name()));
                }
                double crypto = cryptoMs(k.crypto());
                Row row = new Row(
                        k.name(),
                        "Kafka",
                        p.requests(),
                        p.errors(),
                        p.requests() / p.seconds(),
                        p.cpuMsPerRequest(),
                        crypto,
                        p.percentile(0.5),
                        p.percentile(0.99),
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        settled,
                        trace,
                        p.firstError());
                System.out.printf(
                        "   %,d req, %.0f req/s, gateway CPU %.3f ms/req (crypto %.3f), produce→result p50 %.2f /"
                                + " p99 %.2f ms (%d in flight); settle trace %s%n",
                        row.requests(),
                        row.perSecond(),
                        row.cpuMsPerRequest(),
                        row.cryptoMs(),
                        row.p50(),
                        row.p99(),
                        kafkaInFlight,
                        format(trace));
                System.out.println("   " + p.machine().describe(p.requests()));
                if (row.firstError() != null) {
                    System.out.println("   first error: " + row.firstError());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Sends {@code count} requests keeping at most {@code bench.kafka.in-flight} unanswered, and waits for
     * every result. An answer with {@code ok:false} or {@code duplicate:true} (there must be none: every
     * request id is new) counts as an error.
     */
    private Phase kafkaPhase(
            KafkaProducer<String, String> producer,
            KafkaConsumer<String, String> consumer,
            String op,
            String exchange,
            Map<String, Object> extra,
            Map<String, String> headers,
            int count)
            throws Exception {
        String prefix = "bench-" + UUID.randomUUID() + "-";
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long[] latencies = new long[count];
        int received = 0;
        int sent = 0;
        long errors = 0;
        String firstError = null;
        double cpuBefore = cpuSeconds(gateway.pid());
        Machine.Snapshot machineBefore = Machine.snapshot(exchanges.pid());
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        while (received < count && System.nanoTime() < deadline) {
            while (sent < count && sent - received < kafkaInFlight) {
                String id = prefix + sent;
                Map<String, Object> value = new LinkedHashMap<>(extra);
                value.put("request_id", id);
                value.put("op", op);
                value.put("exchange", exchange);
                ProducerRecord<String, String> record =
                        new ProducerRecord<>("pmgate.requests", id, MAPPER.writeValueAsString(value));
                headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                sentAt.put(id, System.nanoTime());
                producer.send(record);
                sent++;
            }
            producer.flush();
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                Long at = r.key() == null ? null : sentAt.remove(r.key());
                if (at == null) {
                    continue;
                }
                latencies[received++] = System.nanoTime() - at;
                JsonNode result = MAPPER.readTree(r.value());
                if (!result.path("ok").asBoolean() || result.path("duplicate").asBoolean()) {
                    errors++;
                    if (firstError == null) {
                        firstError = abbreviate(r.value());
                    }
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = cpuSeconds(gateway.pid()) - cpuBefore;
        Machine machine = Machine.since(machineBefore, exchanges.pid());
        if (received < count) {
            errors += count - received;
            firstError = firstError != null ? firstError : (count - received) + " results missing after 5 minutes";
        }
        long[] sorted = Arrays.copyOf(latencies, received);
        Arrays.sort(sorted);
        return new Phase(received, errors, elapsed, cpu, sorted, firstError, machine);
    }

    // ===================================================================================== start-up, heap

    private static final Pattern LOG_LINE =
            Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z)\\s+\\w+\\s.*?:\\s(.*)$");
    private static final List<String> MARKS = List.of(
            "Starting PmgateApplication",
            "Tomcat initialized",
            "Root WebApplicationContext: initialization completed",
            "Kalshi RSA-PSS signing uses",
            "sealing keys",
            "Exposing",
            "Tomcat started",
            "Apache Camel .* is starting",
            "Routes startup",
            "Apache Camel .* started",
            "Started PmgateApplication",
            "partitions assigned",
            "Subscribing");

    private List<String> startUpMarks(Instant processStart) throws IOException {
        List<String> marks = new ArrayList<>();
        long previous = 0;
        for (String line : Files.readAllLines(out.resolve("gateway.log"))) {
            Matcher m = LOG_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String message = m.group(2);
            boolean wanted = MARKS.stream()
                    .anyMatch(mark -> Pattern.compile(mark).matcher(message).find());
            if (!wanted) {
                continue;
            }
            long at = Duration.between(processStart, Instant.parse(m.group(1))).toMillis();
            marks.add(String.format(
                    "%7.2f s (+%5.2f)  %s", at / 1000.0, (at - previous) / 1000.0, abbreviate(message, 150)));
            previous = at;
        }
        return marks;
    }

    private String heapReport() throws Exception {
        long pid = gateway.pid();
        StringBuilder b = new StringBuilder("Gateway memory (-Xmx" + heap + "): ");
        b.append(procStatus(pid)).append('\n');
        b.append("  heap after the run: ").append(heapUsed()).append('\n');
        jcmd("GC.run");
        b.append("  heap after a full GC (live set): ").append(heapUsed());
        return b.toString();
    }

    private String heapUsed() throws Exception {
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        long total = 0;
        long used = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
            used += Long.parseLong(m.group(2));
        }
        return String.format("%.0f MB used of %.0f MB committed", used / 1024.0, total / 1024.0);
    }

    private static String procStatus(long pid) {
        try {
            StringBuilder b = new StringBuilder();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                    b.append(line.replaceAll("\\s+", " ")).append("; ");
                }
            }
            return b.toString();
        } catch (IOException e) {
            return "(no /proc)";
        }
    }

    private String jcmd(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(gateway.pid()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return text;
    }

    // ===================================================================================== output

    private void printRows(List<Row> rows) {
        System.out.println();
        System.out.printf(
                "Gateway-only: gateway JVM alone (-Xmx%s, INFO logging, built jar); fakes + Kafka broker in a second"
                        + " process, %d closed-loop clients in a third; gateway CPU = utime+stime of the gateway process over the"
                        + " measured window ÷ requests; crypto = the signing one request needs (key parse included), one thread, same"
                        + " keys, same run; non-crypto = CPU − crypto; p50/p99 closed loop (Kafka: produce→result with %d in flight);"
                        + " \"½ load\" = open loop at half the closed-loop rate, latency from the scheduled send;"
                        + " settle = seconds of load until 3 consecutive %ds windows agree on CPU/req within ±10%%.%n",
                heap, threads, kafkaInFlight, windowSeconds);
        System.out.printf(
                "| %-5s | %-42s | %8s | %7s | %7s | %7s | %7s | %7s | %7s | %7s | %7s | %6s | %6s |%n",
                "entry", "path", "req/s", "CPU ms", "crypto", "non-cr", "p50 ms", "p99 ms", "½ load", "½ p50", "½ p99",
                "settle", "errors");
        System.out.printf(
                "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n",
                "-".repeat(7),
                "-".repeat(44),
                "-".repeat(10),
                "-".repeat(9),
                "-".repeat(9),
                "-".repeat(9),
                "-".repeat(9),
                "-".repeat(9),
                "-".repeat(9),
                "-".repeat(9),
                "-".repeat(9),
                "-".repeat(8),
                "-".repeat(8));
        for (Row r : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "| %-5s | %-42s | %8.0f | %7.3f | %7.3f | %7.3f | %7.2f | %7.2f | %7s | %7s | %7s | %6s | %6d |%n",
                    r.entry(),
                    r.name(),
                    r.perSecond(),
                    r.cpuMsPerRequest(),
                    r.cryptoMs(),
                    r.cpuMsPerRequest() - r.cryptoMs(),
                    r.p50(),
                    r.p99(),
                    Double.isNaN(r.pacedRate()) ? "—" : String.format("%.0f", r.pacedRate()),
                    Double.isNaN(r.pacedP50()) ? "—" : String.format("%.2f", r.pacedP50()),
                    Double.isNaN(r.pacedP99()) ? "—" : String.format("%.2f", r.pacedP99()),
                    Double.isNaN(r.settleSeconds())
                            ? ">" + (r.settleTrace().size() * windowSeconds)
                            : String.format("%.0f", r.settleSeconds()),
                    r.errors());
        }
    }

    private void printStartUp(StartUp s) {
        System.out.println();
        System.out.printf(
                "Start-up to health UP: %.2f s wall, %.2f s gateway CPU (load average now %s). Gateway log on the"
                        + " process time line (seconds since the JVM started; +gap since the previous line):%n",
                s.upSeconds(), s.cpuSeconds(), loadAverage());
        s.marks().forEach(m -> System.out.println("  " + m));
    }

    private static String format(List<Double> values) {
        StringBuilder b = new StringBuilder("[");
        for (Double v : values) {
            b.append(b.length() > 1 ? " " : "").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return b.append(']').toString();
    }

    // ===================================================================================== helpers

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** utime + stime of a process, from /proc/&lt;pid&gt;/stat (fields 14 and 15), in seconds. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14, stime field 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException e) {
            throw new IllegalStateException("this benchmark reads /proc (Linux)", e);
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            return Long.parseLong(text);
        } catch (Exception e) {
            return 100;
        }
    }

    private static Path gatewayJar() throws IOException {
        String configured = System.getProperty("bench.jar");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("pmgate-.*\\.jar")
                            && !f.getFileName().toString().endsWith("-plain.jar")
                            && !f.getFileName().toString().contains("sources"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/pmgate-*.jar: run the package phase"));
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String abbreviate(String body) {
        return abbreviate(body, 300);
    }

    private static String abbreviate(String body, int max) {
        return body == null ? "" : body.length() > max ? body.substring(0, max) + "…" : body;
    }
}
