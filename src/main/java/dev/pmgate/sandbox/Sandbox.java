package dev.pmgate.sandbox;

import dev.pmgate.kalshi.KalshiKeyRegistrar;
import java.math.BigDecimal;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Objects;

/**
 * Sandbox mode (SPEC §9): the simulated Kalshi and Polymarket exchanges of this process, on loopback ports,
 * seeded with {@link SandboxSeed}, bounded in memory and keeping nothing on disk. They are the very fakes the
 * tests use, so they verify signatures exactly as strictly.
 *
 * <p>Paper accounts: Kalshi — opened on first use of an {@code api_key_id}, bound to the public key of the
 * private key that first signed with it ({@link #beforeSigning}); a later request with the same id and another
 * key is refused by the exchange (401, as Kalshi refuses a signature by the wrong key). Polymarket — any
 * wallet holds {@link Settings#paperBalance()} pUSD when first seen; CLOB credentials are created and derived
 * through L1 as on the real CLOB.
 */
public final class Sandbox implements KalshiKeyRegistrar, AutoCloseable {

    /** Paper money per account and the memory bounds (per exchange). */
    public record Settings(BigDecimal paperBalance, int maxAccounts, int maxOrders) {
        public static final Settings DEFAULTS = new Settings(new BigDecimal("10000"), 1000, 10_000);

        public Settings {
            Objects.requireNonNull(paperBalance, "paperBalance");
            if (paperBalance.signum() < 0 || maxAccounts < 1 || maxOrders < 1) {
                throw new IllegalArgumentException("sandbox: paper balance >= 0, max accounts and max orders >= 1");
            }
        }
    }

    private final Settings settings;
    private final FakeKalshi kalshi;
    private final FakePolymarket polymarket;

    private Sandbox(Settings settings, FakeKalshi kalshi, FakePolymarket polymarket) {
        this.settings = settings;
        this.kalshi = kalshi;
        this.polymarket = polymarket;
    }

    /** Starts both exchanges on loopback ephemeral ports, seeded and bounded. */
    public static Sandbox start(Settings settings, long polymarketChainId) {
        FakeKalshi kalshi = new FakeKalshi()
                .setRecordRequests(false)
                .setReplenishLiquidity(true)
                // fills: every order may take several levels; keep as many fills as orders
                .setLimits(settings.maxAccounts(), settings.maxOrders(), settings.maxOrders());
        FakePolymarket polymarket = new FakePolymarket(polymarketChainId, Clock.systemUTC())
                .setRecordRequests(false)
                .setPaperCollateral(settings.paperBalance())
                .setLimits(settings.maxAccounts(), settings.maxOrders(), settings.maxOrders());
        SandboxSeed.seed(kalshi);
        SandboxSeed.seed(polymarket);
        kalshi.start();
        try {
            polymarket.start();
        } catch (RuntimeException e) {
            kalshi.close();
            throw e;
        }
        return new Sandbox(settings, kalshi, polymarket);
    }

    public Settings settings() {
        return settings;
    }

    public FakeKalshi kalshi() {
        return kalshi;
    }

    public FakePolymarket polymarket() {
        return polymarket;
    }

    public String kalshiBaseUrl() {
        return kalshi.baseUrl();
    }

    public String polymarketClobUrl() {
        return polymarket.clobUrl();
    }

    public String polymarketDataUrl() {
        return polymarket.dataUrl();
    }

    /** Where Polymarket market metadata (Gamma) is served in sandbox mode. */
    public String polymarketGammaUrl() {
        return polymarket.gammaUrl();
    }

    /** Opens the Kalshi paper account of {@code apiKeyId} on first use (public key only; see the class doc). */
    @Override
    public void beforeSigning(String apiKeyId, PublicKey publicKey) {
        kalshi.openPaperAccount(apiKeyId, publicKey, settings.paperBalance());
    }

    @Override
    public void close() {
        try {
            polymarket.close();
        } finally {
            kalshi.close();
        }
    }
}
