package dev.pmgate.sandbox;

import dev.pmgate.polymarket.PolymarketKeys;
import dev.pmgate.polymarket.PolymarketL1Auth;
import dev.pmgate.polymarket.PolymarketOrderType;
import dev.pmgate.polymarket.PolymarketSide;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.web3j.crypto.ECKeyPair;

/**
 * Measures the sandbox's heap at its default bounds (not a test; run by hand):
 * {@code java -cp target/classes:target/test-classes:<deps> dev.pmgate.sandbox.SandboxFootprint [orders]}.
 * Opens more accounts than the bound on each exchange and places more orders than the bound (half resting,
 * half filling against the house), then prints the footprints and the heap used after a full GC.
 */
public final class SandboxFootprint {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static boolean direct;

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        // "direct": orders go straight to the exchanges' request handlers (same code, no HTTP round trip)
        direct = args.length > 1 && "direct".equals(args[1]);
        Sandbox.Settings settings = Sandbox.Settings.DEFAULTS;
        long baseline = usedHeapAfterGc();
        try (Sandbox sandbox = Sandbox.start(settings, 137)) {
            long started = usedHeapAfterGc();
            long t0 = System.nanoTime();
            kalshi(sandbox, settings.maxAccounts() + 100, orders);
            long t1 = System.nanoTime();
            polymarket(sandbox, settings.maxAccounts() + 100, orders);
            long t2 = System.nanoTime();
            long full = usedHeapAfterGc();
            System.out.printf(
                    "bounds: %d accounts, %d orders per exchange; placed %d orders on each%n",
                    settings.maxAccounts(), settings.maxOrders(), orders);
            System.out.println("kalshi     " + sandbox.kalshi().footprint() + " in " + (t1 - t0) / 1_000_000 + " ms");
            System.out.println(
                    "polymarket " + sandbox.polymarket().footprint() + " in " + (t2 - t1) / 1_000_000 + " ms");
            System.out.printf(
                    "heap used after GC: JVM baseline %.1f MB, sandbox started %.1f MB, at the bounds %.1f MB"
                            + " (sandbox state ≈ %.1f MB)%n",
                    mb(baseline), mb(started), mb(full), mb(full - started));
        }
    }

    private static void kalshi(Sandbox sandbox, int accounts, int orders) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        List<KeyPair> keys = new ArrayList<>();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        for (int i = 0; i < accounts; i++) {
            ids.add(UUID.randomUUID().toString());
            keys.add(generator.generateKeyPair());
            sandbox.beforeSigning(ids.get(i), keys.get(i).getPublic());
        }
        String ticker = SandboxSeed.KALSHI.get(0).ticker();
        AtomicInteger failures = new AtomicInteger();
        if (direct) {
            java.lang.reflect.Field field = FakeKalshi.class.getDeclaredField("engine");
            field.setAccessible(true);
            FakeKalshiEngine engine = (FakeKalshiEngine) field.get(sandbox.kalshi());
            for (int i = 0; i < orders; i++) {
                int a = accounts
                        - 1
                        - (i % Math.min(accounts, sandbox.settings().maxAccounts()));
                engine.createOrder(
                        sandbox.kalshi().userId(ids.get(a)),
                        new FakeKalshiEngine.CreateOrder(
                                ticker,
                                UUID.randomUUID().toString(),
                                BookSide.BID,
                                java.math.BigDecimal.ONE,
                                new java.math.BigDecimal(i % 2 == 0 ? "0.30" : "0.44"),
                                "good_till_canceled",
                                "taker_at_cross",
                                null,
                                false,
                                false,
                                null,
                                0,
                                null,
                                null));
            }
            return;
        }
        parallel(orders, i -> {
            int a = accounts - 1 - (i % Math.min(accounts, sandbox.settings().maxAccounts()));
            String body =
                    "{\"ticker\":\"" + ticker + "\",\"side\":\"bid\",\"price\":\"" + (i % 2 == 0 ? "0.30" : "0.44")
                            + "\",\"count\":\"1\",\"time_in_force\":\"good_till_canceled\","
                            + "\"self_trade_prevention_type\":\"taker_at_cross\"}";
            String ts = Long.toString(System.currentTimeMillis());
            String path = "/trade-api/v2/portfolio/events/orders";
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(sandbox.kalshiBaseUrl() + "/portfolio/events/orders"))
                    .header("KALSHI-ACCESS-KEY", ids.get(a))
                    .header("KALSHI-ACCESS-TIMESTAMP", ts)
                    .header(
                            "KALSHI-ACCESS-SIGNATURE",
                            KalshiTestSigner.sign(keys.get(a).getPrivate(), ts + "POST" + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() != 201) {
                failures.incrementAndGet();
            }
        });
        System.out.println("kalshi orders refused: " + failures.get());
    }

    private static void polymarket(Sandbox sandbox, int accounts, int orders) throws Exception {
        FakePolymarketTestClient client = new FakePolymarketTestClient(sandbox.polymarketClobUrl());
        List<ECKeyPair> wallets = new ArrayList<>();
        List<FakePolymarket.ApiCreds> creds = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            key[0] = (byte) (key[0] & 0x7f | 0x01);
            ECKeyPair wallet = PolymarketKeys.keyPair(("0x" + HexFormat.of().formatHex(key)).toCharArray());
            FakePolymarketTestClient.Reply created = client.send(
                    "POST",
                    "/auth/api-key",
                    null,
                    PolymarketL1Auth.headers(wallet, Instant.now().getEpochSecond(), 0, 137));
            wallets.add(wallet);
            creds.add(new FakePolymarket.ApiCreds(
                    created.json().get("apiKey").asText(),
                    created.json().get("secret").asText(),
                    created.json().get("passphrase").asText()));
        }
        String token = SandboxSeed.POLYMARKET.get(0).yesTokenId();
        AtomicInteger failures = new AtomicInteger();
        if (direct) {
            java.lang.reflect.Field field = FakePolymarket.class.getDeclaredField("routes");
            field.setAccessible(true);
            FakePolymarketRoutes routes = (FakePolymarketRoutes) field.get(sandbox.polymarket());
            parallel(orders, i -> {
                int a = accounts
                        - 1
                        - (i % Math.min(accounts, sandbox.settings().maxAccounts()));
                byte[] body = FakePolymarketTestClient.limitOrderBody(
                        wallets.get(a),
                        creds.get(a),
                        token,
                        false,
                        PolymarketSide.BUY,
                        i % 2 == 0 ? "0.10" : "0.40",
                        "5",
                        PolymarketOrderType.GTC,
                        0,
                        "footprint-" + i,
                        java.time.Clock.systemUTC());
                com.sun.net.httpserver.Headers headers = new com.sun.net.httpserver.Headers();
                FakePolymarketTestClient.l2Headers(
                                wallets.get(a), creds.get(a), Instant.now().getEpochSecond(), "POST", "/order", body)
                        .forEach(headers::add);
                if (routes.dispatch(new FakePolymarketHttp.Call("POST", "/order", null, headers, body))
                                .status()
                        != 200) {
                    failures.incrementAndGet();
                }
            });
            System.out.println("polymarket orders refused: " + failures.get());
            return;
        }
        parallel(orders, i -> {
            int a = accounts - 1 - (i % Math.min(accounts, sandbox.settings().maxAccounts()));
            FakePolymarketTestClient.Reply placed = client.l2(
                    wallets.get(a),
                    creds.get(a),
                    Instant.now().getEpochSecond(),
                    "POST",
                    "/order",
                    FakePolymarketTestClient.limitOrderBody(
                            wallets.get(a),
                            creds.get(a),
                            token,
                            false,
                            PolymarketSide.BUY,
                            i % 2 == 0 ? "0.10" : "0.40",
                            "5",
                            PolymarketOrderType.GTC,
                            0,
                            "footprint-" + i,
                            java.time.Clock.systemUTC()));
            if (placed.status() != 200) {
                failures.incrementAndGet();
            }
        });
        System.out.println("polymarket orders refused: " + failures.get());
    }

    interface Step {
        void run(int i) throws Exception;
    }

    private static void parallel(int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    step.run(i);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
