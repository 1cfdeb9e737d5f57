package dev.pmgate.bench;

import com.nimbusds.jose.JWEAlgorithm;
import dev.pmgate.credentials.SealedCredentials;
import dev.pmgate.sandbox.FakeKalshi;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.PolymarketAccount;
import dev.pmgate.support.Sealer;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Process 1 of the gateway-only benchmark ({@link GatewayBench}): the strict fake exchanges (every
 * signature verified) and, unless {@code bench.kafka=false}, an embedded KRaft broker, all on
 * 127.0.0.1. It registers bench accounts and writes everything the other processes need (URLs, broker,
 * sealing keys, test credentials) to the properties file named by its argument, then runs until its
 * standard input closes (the parent ends or dies) or {@code bench.exchanges-max-minutes} pass.
 * Recorded requests are dropped every second so a long run does not fill the heap.
 */
public final class GatewayBenchExchanges {

    private static final SecureRandom RANDOM = new SecureRandom();

    private GatewayBenchExchanges() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        Path out = Path.of(args[0]);
        boolean kafka = !"false".equals(System.getProperty("bench.kafka"));
        long maxMinutes = Long.getLong("bench.exchanges-max-minutes", 60);
        EmbeddedKafkaKraftBroker broker = null;
        FakeKalshi kalshi = new FakeKalshi().start();
        FakePolymarket polymarket = new FakePolymarket().start();
        ScheduledExecutorService cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-request-log-cleaner");
            t.setDaemon(true);
            return t;
        });
        try {
            Properties p = new Properties();
            p.setProperty("kalshi.url", kalshi.baseUrl());
            p.setProperty("polymarket.clob-url", polymarket.clobUrl());
            p.setProperty("polymarket.data-url", polymarket.dataUrl());
            if (kafka) {
                broker = new EmbeddedKafkaKraftBroker(1, 6, "pmgate.requests", "pmgate.results", "pmgate.requests.dlq");
                broker.afterPropertiesSet();
                p.setProperty("kafka.brokers", broker.getBrokersAsString());
            }
            String jwks = SealedCredentials.generateKeys().toString(false);
            p.setProperty("sealing.jwks", jwks);
            long sealedUntil = Instant.now().getEpochSecond() + maxMinutes * 60 + 600;

            String ticker =
                    "KXBENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            kalshi.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
            p.setProperty("kalshi.ticker", ticker);
            for (KalshiAccount.KeyFormat format :
                    new KalshiAccount.KeyFormat[] {KalshiAccount.KeyFormat.RSA_PKCS8, KalshiAccount.KeyFormat.ED25519
                    }) {
                KalshiAccount account = new KalshiAccount(format);
                kalshi.registerKey(account.keyId, account.keyPair.getPublic());
                kalshi.setBalance(account.keyId, new BigDecimal("1000000000"));
                String prefix = format == KalshiAccount.KeyFormat.ED25519 ? "kalshi.ed25519." : "kalshi.rsa.";
                p.setProperty(prefix + "header", account.header());
                p.setProperty(prefix + "pem", account.privateKeyPem);
                p.setProperty(
                        prefix + "sealed",
                        Sealer.seal(jwks, account.credentialsJson(), sealedUntil, JWEAlgorithm.ECDH_ES));
            }

            FakePolymarket.Market market = FakePolymarket.Market.binary(
                    "0x" + HexFormat.of().formatHex(bytes(32)),
                    new BigInteger(120, RANDOM).toString(),
                    new BigInteger(120, RANDOM).toString(),
                    "0.01",
                    false);
            polymarket.addMarket(market);
            p.setProperty("polymarket.market", market.conditionId());
            for (boolean withClob : new boolean[] {true, false}) {
                PolymarketAccount account = withClob
                        ? PolymarketAccount.withClobCredentials(polymarket)
                        : PolymarketAccount.keyOnly(polymarket);
                polymarket.setCollateral(account.address(), new BigDecimal("1000000000"));
                String prefix = withClob ? "polymarket.clob." : "polymarket.key-only.";
                p.setProperty(prefix + "header", account.header());
                p.setProperty(prefix + "private-key", account.privateKeyHex);
                p.setProperty(
                        prefix + "sealed",
                        Sealer.seal(jwks, account.credentialsJson(), sealedUntil, JWEAlgorithm.ECDH_ES));
                if (withClob) {
                    p.setProperty(prefix + "api-key", account.creds.apiKey());
                    p.setProperty(prefix + "secret", account.creds.secret());
                    p.setProperty(prefix + "passphrase", account.creds.passphrase());
                }
            }
            cleaner.scheduleWithFixedDelay(
                    () -> {
                        kalshi.clearRequests();
                        polymarket.clearRequests();
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);

            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (var w = Files.newBufferedWriter(tmp)) {
                p.store(w, "gateway bench exchanges (test credentials only)");
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            System.out.println("exchanges ready: " + out);

            Thread stdin = new Thread(
                    () -> {
                        try (InputStream in = System.in) {
                            while (in.read() >= 0) {
                                // the parent writes nothing; end of input means it is gone
                            }
                        } catch (Exception ignored) {
                            // closed
                        }
                    },
                    "bench-stdin-watch");
            stdin.setDaemon(true);
            stdin.start();
            stdin.join(TimeUnit.MINUTES.toMillis(maxMinutes));
        } finally {
            cleaner.shutdownNow();
            kalshi.stop();
            polymarket.stop();
            if (broker != null) {
                broker.destroy();
            }
        }
        System.exit(0);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
