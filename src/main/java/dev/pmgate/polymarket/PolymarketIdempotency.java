package dev.pmgate.polymarket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The salt and order timestamp of an order. Derived from an idempotency key they are a pure function of
 * the key and a coarse clock, so a retried request signs the identical order (same order hash) and the
 * CLOB refuses the duplicate instead of placing a second order.
 *
 * <p>The timestamp is the latest instant {@code t ≤ now} with {@code t ≡ offset(key) (mod WINDOW)}: never
 * in the future, at most {@link #WINDOW_MS} old (a recent time, as the official clients' {@code Date.now()}),
 * and the same for every attempt until the next window boundary of that key. Within
 * {@link #LOOKBACK_MS} after such a boundary the previous window's timestamp is returned as well: the
 * caller looks that order up first, so a retry that straddles a boundary still finds the first attempt.
 * Retries within {@link #LOOKBACK_MS} of the first attempt are therefore always recognised.
 */
public final class PolymarketIdempotency {

    /** Salt ({@code < 2^53}) and order timestamp in milliseconds. */
    public record OrderIdentity(long salt, long timestampMs) {
        public OrderIdentity {
            if (salt < 0 || salt >= PolymarketOrderV2.MAX_SALT_EXCLUSIVE) {
                throw new IllegalArgumentException("salt: must be in [0, 2^53)");
            }
            if (timestampMs < 0) {
                throw new IllegalArgumentException("timestamp: must not be negative");
            }
        }
    }

    /** The identity to sign now, and (near a window boundary) the one an earlier attempt may have signed. */
    public record KeyedIdentity(OrderIdentity current, OrderIdentity previous) {}

    /** Key-derived timestamps are at most one day old. */
    static final long WINDOW_MS = 24L * 3600 * 1000;
    /** A retry up to an hour after the first attempt is always recognised, even across a window boundary. */
    static final long LOOKBACK_MS = 3600L * 1000;

    private static final String DOMAIN_TAG = "pmgate/polymarket/order-identity/v2\n";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PolymarketIdempotency() {}

    /**
     * Deterministic identity: SHA-256 over a domain tag and the key; the first 53 bits are the salt, the
     * next 64 bits pick the key's offset inside the window.
     */
    public static KeyedIdentity fromKey(String idempotencyKey, Clock clock) {
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            throw new IllegalArgumentException("idempotency_key: missing");
        }
        ByteBuffer hash = ByteBuffer.wrap(sha256((DOMAIN_TAG + idempotencyKey).getBytes(StandardCharsets.UTF_8)));
        long salt = hash.getLong() >>> 11;
        long offset = Long.remainderUnsigned(hash.getLong(), WINDOW_MS);
        long now = clock.millis();
        long timestamp = now - Math.floorMod(now - offset, WINDOW_MS);
        OrderIdentity current = new OrderIdentity(salt, timestamp);
        OrderIdentity previous = now - timestamp < LOOKBACK_MS && timestamp >= WINDOW_MS
                ? new OrderIdentity(salt, timestamp - WINDOW_MS)
                : null;
        return new KeyedIdentity(current, previous);
    }

    /** The identity to sign now for {@code idempotencyKey} (system clock). */
    public static OrderIdentity fromKey(String idempotencyKey) {
        return fromKey(idempotencyKey, Clock.systemUTC()).current();
    }

    /** Random salt and the current time, for requests without an idempotency key. */
    public static OrderIdentity random(Clock clock) {
        return new OrderIdentity(RANDOM.nextLong() >>> 11, clock.millis());
    }

    public static OrderIdentity random() {
        return random(Clock.systemUTC());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
