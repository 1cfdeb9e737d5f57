package dev.pmgate.polymarket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The salt and order timestamp of an order. Derived from an idempotency key they are a pure function
 * of it, so a retried request signs the identical order (same order hash) and the CLOB refuses the
 * duplicate instead of placing a second order.
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

    /** 2026-04-28T11:00:00Z, the CLOB V2 cut-over: key-derived timestamps lie after it. */
    static final long KEY_TIMESTAMP_BASE_MS = 1_777_374_000_000L;
    /** Key-derived timestamps spread over 2^32 ms (about 49.7 days) after the base, never in the future. */
    private static final long KEY_TIMESTAMP_SPREAD_MASK = 0xFFFF_FFFFL;
    private static final String DOMAIN_TAG = "pmgate/polymarket/order-identity/v1\n";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PolymarketIdempotency() {}

    /**
     * Deterministic identity: SHA-256 over a domain tag and the key; the first 53 bits are the salt, the
     * next 32 bits the offset of the timestamp after {@link #KEY_TIMESTAMP_BASE_MS}.
     */
    public static OrderIdentity fromKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            throw new IllegalArgumentException("idempotency_key: missing");
        }
        ByteBuffer hash = ByteBuffer.wrap(sha256((DOMAIN_TAG + idempotencyKey).getBytes(StandardCharsets.UTF_8)));
        long salt = hash.getLong() >>> 11;
        long offset = hash.getLong() & KEY_TIMESTAMP_SPREAD_MASK;
        return new OrderIdentity(salt, KEY_TIMESTAMP_BASE_MS + offset);
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
