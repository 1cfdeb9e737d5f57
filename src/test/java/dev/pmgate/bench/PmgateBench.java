package dev.pmgate.bench;

import dev.pmgate.PmgateApplication;
import dev.pmgate.kalshi.RsaSignatureFactory;
import dev.pmgate.sandbox.FakeKalshi;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.PolymarketAccount;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * pmgate's performance bench: raw signing rates, then the full REST path in-process against the strict
 * fake exchanges on loopback. Run with {@code ./mvnw -q -B -Pbench verify} (see the bench profile in
 * pom.xml); tune with {@code -Dbench.threads}, {@code -Dbench.seconds}, {@code -Dbench.max-requests},
 * {@code -Dbench.raw-seconds}. Nothing leaves 127.0.0.1; every loop is bounded in time and count.
 */
public final class PmgateBench {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int threads = Integer.getInteger("bench.threads", 8);
    private final int seconds = Integer.getInteger("bench.seconds", 10);
    private final int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 6);
    private final int maxRequests = Integer.getInteger("bench.max-requests", 20_000);
    private final TimedLoop loop = new TimedLoop(
            Duration.ofSeconds(2),
            Duration.ofMillis(Long.getLong("bench.raw-iteration-ms", 1000)),
            Integer.getInteger("bench.raw-iterations", 5),
            200_000);

    public static void main(String[] args) throws Exception {
        // The fakes run on the JDK's HttpServer, which writes headers and body separately without
        // TCP_NODELAY: every upstream call would then wait ~40 ms for a delayed ACK. Read once, at the
        // server's first use, so it is set before any fake starts. It changes the transport only, not what
        // the fakes verify.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        int status = 0;
        try {
            new PmgateBench().run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private void run() throws Exception {
        System.out.printf(
                "pmgate bench — %s %s, %d cores, %s %s%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"));
        RsaSignatureFactory chosen =
                RsaSignatureFactory.select(System.getProperty(RsaSignatureFactory.PROPERTY, "auto"));
        System.out.println("load average at start (1/5/15 min): " + loadAverage());
        rawRates(chosen);
        restPath(chosen);
        System.out.println("load average at end (1/5/15 min): " + loadAverage());
    }

    // ======================================================================== (a) raw signing rates

    private void rawRates(RsaSignatureFactory chosen) throws Exception {
        System.out.println();
        System.out.println(
                "(a) Raw signing rates, one thread (median of iterations; spread = slowest–fastest iteration)");
        KalshiAccount rsa = new KalshiAccount(KalshiAccount.KeyFormat.RSA_PKCS8);
        KalshiAccount ed = new KalshiAccount(KalshiAccount.KeyFormat.ED25519);
        RsaSignatureFactory jdk = RsaSignatureFactory.jdk();
        String polyKey = randomPolymarketKey();
        String polyAddress = dev.pmgate.polymarket.PolymarketKeys.address(
                dev.pmgate.polymarket.PolymarketKeys.keyPair(polyKey.toCharArray()));
        String secret = Base64.getUrlEncoder().encodeToString(randomBytes(32));

        List<TimedLoop.Rate> rates = new ArrayList<>();
        rates.add(loop.measure(
                "RSA-2048 PSS sign, JDK SunRsaSign (warm key)", SigningOps.rsaWarm(jdk, rsa.keyPair.getPrivate())));
        rates.add(loop.measure(
                "RSA-2048 PSS sign, Bouncy Castle (warm key)",
                SigningOps.rsaWarm(new BouncyCastleProvider(), rsa.keyPair.getPrivate())));
        if (chosen.isNative()) {
            rates.add(loop.measure(
                    "RSA-2048 PSS sign, " + chosen.description() + " (warm key)",
                    SigningOps.rsaWarm(chosen, rsa.keyPair.getPrivate())));
        } else {
            System.out.println("  (no native provider on this platform: " + chosen.description() + ")");
        }
        rates.add(loop.measure(
                "RSA-2048 per request (PEM parse + sign), JDK", SigningOps.kalshiPerRequest(jdk, rsa.privateKeyPem)));
        if (chosen.isNative()) {
            rates.add(loop.measure(
                    "RSA-2048 per request (PEM parse + sign), " + chosen.providerName(),
                    SigningOps.kalshiPerRequest(chosen, rsa.privateKeyPem)));
            rates.add(loop.measure(
                    "RSA-2048 per request, " + chosen.providerName() + " PKCS#8 import (before the CRT import)",
                    SigningOps.kalshiPerRequestPkcs8Import(chosen, rsa.privateKeyPem)));
            rates.add(loop.measure(
                    "  of which Signature.getInstance + PSS params, " + chosen.providerName(),
                    SigningOps.rsaSignatureObjectOnly(chosen)));
        }
        rates.add(loop.measure(
                "Ed25519 sign, Bouncy Castle (pmgate, warm key)", SigningOps.kalshiWarm(chosen, ed.privateKeyPem)));
        rates.add(loop.measure("Ed25519 sign, JDK SunEC (reference)", SigningOps.ed25519Jdk(ed.keyPair.getPrivate())));
        rates.add(loop.measure(
                "Ed25519 per request (PEM parse + sign)", SigningOps.kalshiPerRequest(chosen, ed.privateKeyPem)));
        rates.add(
                loop.measure("Polymarket EIP-712 V2 order build + sign (warm key)", SigningOps.orderSignWarm(polyKey)));
        rates.add(loop.measure("Polymarket L1 ClobAuth EIP-712 headers (warm key)", SigningOps.l1Warm(polyKey)));
        rates.add(loop.measure(
                "Polymarket L2 HMAC-SHA256 headers (order-sized body)",
                SigningOps.l2Hmac(polyAddress, UUID.randomUUID().toString(), secret, "pass")));
        rates.add(loop.measure("Polymarket secp256k1 key parse + address", SigningOps.polymarketKeyParse(polyKey)));
        printRates(rates);
    }

    private static void printRates(List<TimedLoop.Rate> rates) {
        System.out.printf("| %-72s | %10s | %17s |%n", "operation", "ops/s", "spread");
        System.out.printf("|%s|%s|%s|%n", "-".repeat(74), "-".repeat(12), "-".repeat(19));
        for (TimedLoop.Rate r : rates) {
            System.out.printf("| %-72s | %,10.0f | %17s |%n", r.name(), r.perSecond(), r.spread());
        }
    }

    // ======================================================================== (b) full REST path

    private record Row(RestLoad.Result result, TimedLoop.Rate perRequestCrypto, TimedLoop.Rate warmSign) {}

    /** One REST scenario: its request, its expected status, and the same request's signing work alone. */
    private record Scenario(
            String name,
            Supplier<HttpRequest> request,
            int expectedStatus,
            TimedLoop.Op perRequestCrypto,
            TimedLoop.Op signOnly) {}

    private void restPath(RsaSignatureFactory chosen) throws Exception {
        System.out.println();
        System.out.printf(
                "(b) Full REST path in-process: gateway + FakeKalshi + FakePolymarket on 127.0.0.1, %d client threads"
                        + " (java.net.http, closed loop); every scenario warmed %ds first, then 2s settle + up to %ds / %,d requests"
                        + " measured%n",
                threads, warmupSeconds, seconds, maxRequests);
        RestLoad load =
                new RestLoad(threads, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(seconds), maxRequests);
        List<Row> rows = new ArrayList<>();
        boolean compareJdk = chosen.isNative() && !Boolean.getBoolean("bench.skip-jdk-gateway");
        String apiKey = "bench-" + UUID.randomUUID();
        try (FakeKalshi kalshi = new FakeKalshi().start();
                FakePolymarket polymarket = new FakePolymarket().start();
                ConfigurableApplicationContext app = startGateway(apiKey, kalshi, polymarket, "auto");
                ConfigurableApplicationContext jdkApp =
                        compareJdk ? startGateway(apiKey, kalshi, polymarket, "jdk") : null) {
            RsaSignatureFactory gatewayRsa = app.getBean(RsaSignatureFactory.class);
            System.out.println("gateway RSA provider: " + gatewayRsa.description()
                    + (gatewayRsa.isNative() ? " (native)" : " (JDK)")
                    + (compareJdk
                            ? "; a second gateway with " + RsaSignatureFactory.PROPERTY + "=jdk runs beside it"
                            : ""));
            String base = baseUrl(app);
            KalshiAccount rsa = kalshiAccount(kalshi, KalshiAccount.KeyFormat.RSA_PKCS8);
            KalshiAccount ed = kalshiAccount(kalshi, KalshiAccount.KeyFormat.ED25519);
            List<Scenario> scenarios = new ArrayList<>();
            scenarios.add(kalshiBalance(
                    base, apiKey, rsa, gatewayRsa, "Kalshi balance (RSA-2048, " + gatewayRsa.providerName() + ")"));
            if (compareJdk) {
                scenarios.add(kalshiBalance(
                        baseUrl(jdkApp),
                        apiKey,
                        rsa,
                        jdkApp.getBean(RsaSignatureFactory.class),
                        "Kalshi balance (RSA-2048, JDK: " + RsaSignatureFactory.PROPERTY + "=jdk)"));
            }
            scenarios.add(kalshiBalance(base, apiKey, ed, gatewayRsa, "Kalshi balance (Ed25519)"));
            scenarios.add(kalshiCreate(base, apiKey, kalshi, rsa, gatewayRsa));
            scenarios.add(polymarketCreate(base, apiKey, polymarket, true));
            scenarios.add(polymarketCreate(base, apiKey, polymarket, false));

            for (Scenario s : scenarios) {
                RestLoad.Result warm = load.warm(s.name(), s.request(), s.expectedStatus());
                if (warm.errors() > 0) {
                    throw new AssertionError(s.name() + " fails during warm-up: " + warm.firstError());
                }
            }
            kalshi.clearRequests();
            for (Scenario s : scenarios) {
                TimedLoop.Rate perRequest = loop.measure(s.name(), s.perRequestCrypto());
                TimedLoop.Rate signOnly = loop.measure(s.name(), s.signOnly());
                rows.add(new Row(load.measure(s.name(), s.request(), s.expectedStatus()), perRequest, signOnly));
                kalshi.clearRequests();
            }
        }
        printRows(rows);
    }

    private static String baseUrl(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/api/v1";
    }

    private ConfigurableApplicationContext startGateway(
            String apiKey, FakeKalshi kalshi, FakePolymarket polymarket, String rsaProvider) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("pmgate.api-keys", apiKey);
        properties.put("pmgate.kalshi.base-url", kalshi.baseUrl());
        properties.put("pmgate.polymarket.clob-url", polymarket.clobUrl());
        properties.put("pmgate.polymarket.data-url", polymarket.dataUrl());
        properties.put("pmgate.kafka.brokers", "");
        properties.put(RsaSignatureFactory.PROPERTY, rsaProvider);
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.dev.pmgate.kalshi.RsaSignatureFactory", "INFO");
        // Command-line arguments outrank application.yaml (whose ${SERVER_PORT:8080} etc. would win over defaults).
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(PmgateApplication.class).run(args);
    }

    private static KalshiAccount kalshiAccount(FakeKalshi kalshi, KalshiAccount.KeyFormat format) {
        KalshiAccount account = new KalshiAccount(format);
        kalshi.registerKey(account.keyId, account.keyPair.getPublic());
        kalshi.setBalance(account.keyId, new BigDecimal("1000000000"));
        return account;
    }

    private static Scenario kalshiBalance(
            String base, String apiKey, KalshiAccount account, RsaSignatureFactory rsa, String name) {
        String header = account.header();
        Supplier<HttpRequest> request = () -> RestLoad.request(base + "/balance?exchange=kalshi")
                .header("X-API-Key", apiKey)
                .header("X-Exchange-Credentials", header)
                .GET()
                .build();
        return new Scenario(
                name,
                request,
                200,
                SigningOps.kalshiPerRequest(rsa, account.privateKeyPem),
                SigningOps.kalshiWarm(rsa, account.privateKeyPem));
    }

    private static Scenario kalshiCreate(
            String base, String apiKey, FakeKalshi kalshi, KalshiAccount account, RsaSignatureFactory rsa) {
        String ticker =
                "KXBENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        kalshi.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
        String body =
                "{\"market_id\":\"" + ticker + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.01,\"size\":1}";
        String header = account.header();
        Supplier<HttpRequest> request = () -> RestLoad.request(base + "/orders?exchange=kalshi")
                .header("X-API-Key", apiKey)
                .header("X-Exchange-Credentials", header)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return new Scenario(
                "Kalshi create order (RSA-2048, " + rsa.providerName() + ")",
                request,
                201,
                SigningOps.kalshiPerRequest(rsa, account.privateKeyPem),
                SigningOps.kalshiWarm(rsa, account.privateKeyPem));
    }

    private static Scenario polymarketCreate(String base, String apiKey, FakePolymarket polymarket, boolean withClob) {
        PolymarketAccount account =
                withClob ? PolymarketAccount.withClobCredentials(polymarket) : PolymarketAccount.keyOnly(polymarket);
        polymarket.setCollateral(account.address(), new BigDecimal("1000000000"));
        FakePolymarket.ApiCreds creds = withClob
                ? account.creds
                : new FakePolymarket.ApiCreds(
                        UUID.randomUUID().toString(),
                        Base64.getUrlEncoder().encodeToString(randomBytes(32)),
                        "passphrase");
        FakePolymarket.Market market = FakePolymarket.Market.binary(
                "0x" + HexFormat.of().formatHex(randomBytes(32)),
                new java.math.BigInteger(120, RANDOM).toString(),
                new java.math.BigInteger(120, RANDOM).toString(),
                "0.01",
                false);
        polymarket.addMarket(market);
        String body = "{\"market_id\":\"" + market.conditionId()
                + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.01,\"size\":10}";
        String header = account.header();
        Supplier<HttpRequest> request = () -> RestLoad.request(base + "/orders?exchange=polymarket")
                .header("X-API-Key", apiKey)
                .header("X-Exchange-Credentials", header)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return new Scenario(
                withClob ? "Polymarket create order (CLOB credentials)" : "Polymarket create order (key only, derive)",
                request,
                201,
                SigningOps.polymarketCreatePerRequest(
                        account.privateKeyHex, creds.apiKey(), creds.secret(), creds.passphrase(), !withClob),
                SigningOps.orderSignWarm(account.privateKeyHex));
    }

    private void printRows(List<Row> rows) {
        System.out.println();
        System.out.println(
                "req crypto/s = the signing one such request does (key parse + every signature), one thread, same key,"
                        + " same run; sign-only = the exchange signature alone with a parsed key;");
        System.out.println(
                "ratio = REST req/s ÷ req crypto/s; CPU ms/req = this JVM's CPU time (gateway + fakes + client) per"
                        + " request; crypto share = (1000 ÷ req crypto/s) ÷ CPU ms/req; cores = CPU time ÷ wall time");
        System.out.printf(
                "| %-62s | %8s | %8s | %8s | %6s | %16s | %10s | %6s | %10s | %6s | %5s |%n",
                "scenario",
                "req/s",
                "p50 ms",
                "p99 ms",
                "errors",
                "req crypto/s (1t)",
                "sign-only/s",
                "ratio",
                "CPU ms/req",
                "crypto",
                "cores");
        System.out.printf(
                "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n",
                "-".repeat(64),
                "-".repeat(10),
                "-".repeat(10),
                "-".repeat(10),
                "-".repeat(8),
                "-".repeat(18),
                "-".repeat(12),
                "-".repeat(8),
                "-".repeat(12),
                "-".repeat(8),
                "-".repeat(7));
        for (Row row : rows) {
            RestLoad.Result r = row.result();
            double cryptoMs = 1000 / row.perRequestCrypto().perSecond();
            System.out.printf(
                    "| %-62s | %,8.0f | %8.2f | %8.2f | %6d | %,16.0f | %,10.0f | %6.2f | %10.2f | %5.0f%% | %5.2f |%n",
                    r.name(),
                    r.perSecond(),
                    r.p50Ms(),
                    r.p99Ms(),
                    r.errors(),
                    row.perRequestCrypto().perSecond(),
                    row.warmSign().perSecond(),
                    r.perSecond() / row.perRequestCrypto().perSecond(),
                    r.cpuMsPerRequest(),
                    100 * cryptoMs / r.cpuMsPerRequest(),
                    r.coresUsed());
        }
        for (Row row : rows) {
            if (row.result().firstError() != null) {
                System.out.println("first error in " + row.result().name() + ": "
                        + row.result().firstError());
            }
        }
        System.out.printf(
                "%d requests measured in total. Caveats: the fakes verify every signature (RSA-PSS, Ed25519 via the"
                        + " JDK, secp256k1 recovery, HMAC) and the client runs, on the same %d cores as the gateway, so req/s is a floor;"
                        + " the fakes' HttpServer runs with sun.net.httpserver.nodelay=%s.%n",
                rows.stream().mapToLong(r -> r.result().requests()).sum(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("sun.net.httpserver.nodelay"));
        if (rows.stream().anyMatch(r -> r.result().errors() > 0)) {
            throw new AssertionError("some requests failed; see above");
        }
    }

    // ======================================================================== helpers

    /** Other processes on the machine distort every number here: the load average says how much. */
    private static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .trim()
                    .split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String randomPolymarketKey() {
        byte[] key = randomBytes(32);
        key[0] = (byte) (key[0] & 0x7f | 0x01);
        return "0x" + HexFormat.of().formatHex(key);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
