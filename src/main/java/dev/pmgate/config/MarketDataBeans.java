package dev.pmgate.config;

import dev.pmgate.marketdata.KalshiPublic;
import dev.pmgate.marketdata.MarketDataEndpoints;
import dev.pmgate.marketdata.PolymarketPublic;
import dev.pmgate.marketdata.PublicCache;
import dev.pmgate.marketdata.PublicFetcher;
import dev.pmgate.resilience.UpstreamGuard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Public market data (SPEC §8): one cache shared by every tenant (public answers only), the public
 * reads of each exchange through that exchange's guard, and the endpoints.
 */
@Configuration(proxyBeanMethods = false)
public class MarketDataBeans {

    @Bean
    PublicCache publicMarketDataCache(@Value("${pmgate.market-data.cache-ttl-ms:2000}") long ttlMs,
                                      @Value("${pmgate.market-data.cache-max-entries:5000}") int maxEntries,
                                      @Value("${pmgate.market-data.cache-max-body-chars:2000000}") int maxBodyChars,
                                      MeterRegistry meters) {
        PublicCache cache = new PublicCache(ttlMs, maxEntries, maxBodyChars, System::nanoTime);
        Gauge.builder("pmgate.market.data.cache.entries", cache, PublicCache::size)
                .description("public market-data answers cached").register(meters);
        return cache;
    }

    @Bean
    PublicFetcher publicFetcher(CamelContext camel, @Qualifier("kalshiUpstream") UpstreamGuard kalshi,
                                @Qualifier("polymarketUpstream") UpstreamGuard polymarket, PublicCache cache,
                                MeterRegistry meters) {
        return new PublicFetcher(camel, kalshi, polymarket, cache, meters);
    }

    @Bean
    MarketDataEndpoints marketData(PublicFetcher fetcher, Clock clock, MeterRegistry meters) {
        return new MarketDataEndpoints(new KalshiPublic(fetcher), new PolymarketPublic(fetcher), clock, meters);
    }
}
