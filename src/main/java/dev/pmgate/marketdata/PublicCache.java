package dev.pmgate.marketdata;

import dev.pmgate.upstream.UpstreamResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The one cache of public market data, shared by every tenant: exchange answers to unauthenticated
 * public reads, keyed by source, path and query. It never sees a credential: public calls carry none,
 * and only their answers are stored. Entries live {@code ttlMillis}; at most {@code maxEntries} are
 * kept (least recently used evicted first) and an answer larger than {@code maxBodyChars} is not kept.
 */
public final class PublicCache {

    private record Entry(UpstreamResponse response, long expiresAtNanos) {}

    private final long ttlNanos;
    private final int maxEntries;
    private final int maxBodyChars;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<String, Entry> entries;

    public PublicCache(long ttlMillis, int maxEntries, int maxBodyChars, LongSupplier nanoTime) {
        if (ttlMillis < 0 || maxEntries < 0) {
            throw new IllegalArgumentException("cache TTL and size must be >= 0");
        }
        this.ttlNanos = ttlMillis * 1_000_000L;
        this.maxEntries = maxEntries;
        this.maxBodyChars = maxBodyChars;
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > PublicCache.this.maxEntries;
            }
        };
    }

    /** The cached answer, or {@code null} when absent or expired. */
    public synchronized UpstreamResponse get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (nanoTime.getAsLong() - e.expiresAtNanos >= 0) {
            entries.remove(key);
            return null;
        }
        return e.response;
    }

    /** Keeps a public answer (2xx, or a 404 that says "no such market") for the TTL. */
    public synchronized void put(String key, UpstreamResponse response) {
        if (ttlNanos == 0 || maxEntries == 0 || response.body().length() > maxBodyChars) {
            return;
        }
        entries.put(key, new Entry(response, nanoTime.getAsLong() + ttlNanos));
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }

    public long ttlMillis() {
        return ttlNanos / 1_000_000L;
    }

    public int maxEntries() {
        return maxEntries;
    }
}
