package dev.pmgate.marketdata;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Public market data (SPEC §8), exchange-neutral: one cache shared by every tenant (public answers only), the
 * fetcher every exchange's public reads go through, and the endpoints over every exchange's {@link PublicMarkets}
 * bean (each declared by its exchange package).
 */
@Configuration(proxyBeanMethods = false)
class MarketDataConfiguration {

    @Bean
    PublicCache publicMarketDataCache(
            @Value("${pmgate.market-data.cache-ttl-ms:2000}") long ttlMs,
            @Value("${pmgate.market-data.cache-max-entries:5000}") int maxEntries,
            @Value("${pmgate.market-data.cache-max-body-chars:2000000}") int maxBodyChars,
            MeterRegistry meters) {
        PublicCache cache = new PublicCache(ttlMs, maxEntries, maxBodyChars, System::nanoTime);
        Gauge.builder("pmgate.market.data.cache.entries", cache, PublicCache::size)
                .description("public market-data answers cached")
                .register(meters);
        return cache;
    }

    @Bean
    PublicFetcher publicFetcher(CamelContext camel, PublicCache cache, MeterRegistry meters) {
        return new PublicFetcher(camel, cache, meters);
    }

    @Bean
    MarketDataEndpoints marketData(List<PublicMarkets> exchanges, Clock clock, MeterRegistry meters) {
        return new MarketDataEndpoints(exchanges, clock, meters);
    }
}
