package dev.pmgate.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmgate.upstream.UpstreamResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PublicCacheTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private static UpstreamResponse answer(String body) {
        return new UpstreamResponse(200, null, body);
    }

    @Test
    void anEntryLivesExactlyItsTtl() {
        PublicCache cache = new PublicCache(2000, 10, 1000, nanos::get);
        cache.put("k", answer("{}"));
        nanos.addAndGet(1_999_999_999L);
        assertThat(cache.get("k")).isNotNull();
        nanos.addAndGet(1);
        assertThat(cache.get("k")).as("expired at the TTL").isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theLeastRecentlyUsedEntryIsEvictedAtTheBound() {
        PublicCache cache = new PublicCache(60_000, 3, 1000, nanos::get);
        cache.put("a", answer("1"));
        cache.put("b", answer("2"));
        cache.put("c", answer("3"));
        assertThat(cache.get("a")).isNotNull(); // a is now the most recently used
        cache.put("d", answer("4"));
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("b")).as("least recently used goes first").isNull();
        assertThat(cache.get("a")).isNotNull();
        assertThat(cache.get("c")).isNotNull();
        assertThat(cache.get("d")).isNotNull();
        for (int i = 0; i < 1000; i++) {
            cache.put("x" + i, answer("x"));
        }
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void oversizedAnswersAndAZeroTtlAreNotKept() {
        PublicCache cache = new PublicCache(60_000, 10, 5, nanos::get);
        cache.put("big", answer("123456"));
        assertThat(cache.get("big")).isNull();
        PublicCache off = new PublicCache(0, 10, 1000, nanos::get);
        off.put("k", answer("{}"));
        assertThat(off.get("k")).isNull();
    }
}
