package dev.pmgate.resilience;

import java.util.function.DoubleSupplier;

/**
 * Retries for idempotent reads only: at most {@code maxRetries} after the first try, with exponential
 * backoff and "equal jitter" (half the delay fixed, half random) so that callers that failed together
 * do not retry together.
 */
public record RetryPolicy(int maxRetries, long initialBackoffMs, long maxBackoffMs, DoubleSupplier random) {

    public RetryPolicy {
        if (maxRetries < 0 || initialBackoffMs < 0 || maxBackoffMs < initialBackoffMs) {
            throw new IllegalArgumentException("invalid retry policy");
        }
    }

    public static RetryPolicy of(int maxRetries, long initialBackoffMs, long maxBackoffMs) {
        return new RetryPolicy(
                maxRetries,
                initialBackoffMs,
                maxBackoffMs,
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** Pause before retry number {@code retry} (1-based): in [d/2, d] with d = min(max, initial · 2^(retry-1)). */
    public long backoffMs(int retry) {
        long delay = initialBackoffMs;
        for (int i = 1; i < retry && delay < maxBackoffMs; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, maxBackoffMs);
        long half = delay / 2;
        return half + Math.round((delay - half) * random.getAsDouble());
    }
}
