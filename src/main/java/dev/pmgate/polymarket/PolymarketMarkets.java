package dev.pmgate.polymarket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A TTL cache of public market metadata, bounded in size. Holds nothing about any account. */
public class PolymarketMarkets {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(PolymarketMarket market, Instant expires) {}

    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public PolymarketMarkets(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    public Optional<PolymarketMarket> get(String conditionId) {
        Entry entry = cache.get(PolymarketProtocol.canonicalConditionId(conditionId));
        if (entry == null || entry.expires().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.market());
    }

    public void put(PolymarketMarket market) {
        if (ttl.isZero()) {
            return;
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        // a 31-byte Protocol-V2 id and its 00-padded spelling share one entry
        cache.put(
                PolymarketProtocol.canonicalConditionId(market.conditionId()),
                new Entry(market, clock.instant().plus(ttl)));
    }
}
