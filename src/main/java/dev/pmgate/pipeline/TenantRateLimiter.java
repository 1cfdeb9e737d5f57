package dev.pmgate.pipeline;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.security.TenantId;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A token bucket per tenant on the REST entry: {@code perSecond} sustained, {@code burst} at once.
 * Keyed by {@link TenantId} (a hash of the API key), never the key itself. Over the limit the
 * request is answered 429 {@code rate_limit_exceeded} with the seconds until a token is back as
 * Retry-After. Kafka requests are not limited here: the consumer already takes them at its own pace.
 * Tenants are configured API keys only (this runs after authentication), so the map stays small.
 */
public class TenantRateLimiter implements Processor {

    private final ConcurrentHashMap<TenantId, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private volatile double perSecond;
    private volatile int burst;

    public TenantRateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        configure(perSecond, burst);
    }

    public TenantRateLimiter(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    /** Changes the limit at run time; every bucket starts full again. */
    public final synchronized void configure(double perSecond, int burst) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate limit needs perSecond > 0 and burst >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        buckets.clear();
    }

    public double perSecond() {
        return perSecond;
    }

    public int burst() {
        return burst;
    }

    @Override
    public void process(Exchange exchange) {
        if (Pipeline.fromKafka(exchange)) {
            return;
        }
        TenantId tenant = exchange.getProperty(TenantId.PROPERTY, TenantId.class);
        if (tenant == null) {
            throw new IllegalStateException("rate limit before authentication");
        }
        long retryAfter = take(tenant);
        if (retryAfter > 0) {
            throw new GatewayException(
                    ErrorCode.RATE_LIMIT_EXCEEDED,
                    "request rate limit of this API key exceeded",
                    List.of(),
                    null,
                    null,
                    true,
                    retryAfter);
        }
    }

    /** Takes a token: 0 when granted, else the whole seconds (at least 1) until one is back. */
    long take(TenantId tenant) {
        double rate = perSecond;
        int capacity = burst;
        return buckets.computeIfAbsent(tenant, t -> new Bucket(capacity, nanoTime.getAsLong()))
                .take(nanoTime.getAsLong(), rate, capacity);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.last = now;
        }

        synchronized long take(long now, double rate, int capacity) {
            tokens = Math.min(capacity, tokens + Math.max(0, now - last) / 1e9 * rate);
            last = Math.max(last, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
        }
    }
}
