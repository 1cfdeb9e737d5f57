package dev.pmgate.polymarket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolymarketIdempotencyTest {

    @Test
    void aKeyAlwaysGivesTheSameIdentity() {
        PolymarketIdempotency.OrderIdentity first = PolymarketIdempotency.fromKey("order-2026-11-27-0001");
        assertThat(PolymarketIdempotency.fromKey("order-2026-11-27-0001")).isEqualTo(first);
        assertThat(PolymarketIdempotency.fromKey("order-2026-11-27-0002")).isNotEqualTo(first);
    }

    @Test
    void keyDerivedValuesAreJsonSafeAndPlausible() {
        Set<Long> salts = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            PolymarketIdempotency.OrderIdentity id = PolymarketIdempotency.fromKey("key-" + i);
            assertThat(id.salt()).isBetween(0L, (1L << 53) - 1);
            long now = System.currentTimeMillis();
            assertThat(id.timestampMs())
                    .as("recent, never in the future")
                    .isBetween(now - PolymarketIdempotency.WINDOW_MS, System.currentTimeMillis());
            salts.add(id.salt());
        }
        assertThat(salts).hasSize(2000);
    }

    @Test
    void aRetrySignsTheIdenticalOrder() {
        var key = PolymarketVectors.key();
        PolymarketAmounts.Amounts amounts = PolymarketAmounts.limitOrder(
                PolymarketSide.BUY, new BigDecimal("0.57"), BigDecimal.TEN, new BigDecimal("0.01"));
        PolymarketOrderSigner signer = PolymarketOrderSigner.v2(137, false);
        String[] hashes = new String[2];
        for (int attempt = 0; attempt < 2; attempt++) {
            PolymarketOrderV2 order = PolymarketOrderV2.limit(
                    PolymarketWallet.eoa(key),
                    BigInteger.TEN,
                    PolymarketSide.BUY,
                    amounts,
                    PolymarketIdempotency.fromKey("retry-me"),
                    0);
            hashes[attempt] = signer.sign(order, key).orderHash();
        }
        assertThat(hashes[1]).isEqualTo(hashes[0]);
    }

    @Test
    void withoutAKeyTheSaltIsRandomAndTheTimestampIsNow() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_790_000_000_123L), ZoneOffset.UTC);
        PolymarketIdempotency.OrderIdentity a = PolymarketIdempotency.random(clock);
        PolymarketIdempotency.OrderIdentity b = PolymarketIdempotency.random(clock);
        assertThat(a.timestampMs()).isEqualTo(1_790_000_000_123L);
        assertThat(a.salt()).isNotEqualTo(b.salt()).isLessThan(1L << 53);
        assertThat(PolymarketIdempotency.random().salt()).isBetween(0L, (1L << 53) - 1);
    }

    @Test
    void theKeyedTimestampIsRecentAndStableUntilTheKeysWindowBoundary() {
        long start = 1_796_000_000_000L;
        PolymarketIdempotency.KeyedIdentity first = PolymarketIdempotency.fromKey("k-1", at(start));
        long t = first.current().timestampMs();
        assertThat(t).isBetween(start - PolymarketIdempotency.WINDOW_MS + 1, start);
        long boundary = t + PolymarketIdempotency.WINDOW_MS;
        // every attempt before the boundary signs the same timestamp
        for (long r : new long[] {start, start + 1, boundary - 1}) {
            assertThat(PolymarketIdempotency.fromKey("k-1", at(r)).current()).isEqualTo(first.current());
        }
        // a retry right after the boundary signs the next window's timestamp and names the earlier one
        PolymarketIdempotency.KeyedIdentity after = PolymarketIdempotency.fromKey("k-1", at(boundary + 5_000));
        assertThat(after.current().timestampMs()).isEqualTo(boundary);
        assertThat(after.previous()).isEqualTo(first.current());
        // an hour after the boundary the previous window is no longer looked up
        assertThat(PolymarketIdempotency.fromKey("k-1", at(boundary + PolymarketIdempotency.LOOKBACK_MS))
                        .previous())
                .isNull();
        // keys spread over the window: different keys, different offsets
        Set<Long> offsets = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            offsets.add(Math.floorMod(
                    PolymarketIdempotency.fromKey("key-" + i, at(start))
                            .current()
                            .timestampMs(),
                    PolymarketIdempotency.WINDOW_MS));
        }
        assertThat(offsets).hasSizeGreaterThan(190);
    }

    private static Clock at(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    @Test
    void rejectsAnEmptyKey() {
        assertThatThrownBy(() -> PolymarketIdempotency.fromKey("")).hasMessage("idempotency_key: missing");
    }
}
