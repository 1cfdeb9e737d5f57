package dev.pmgate.kalshi;

import dev.pmgate.marketdata.PublicFetcher;
import dev.pmgate.marketdata.PublicMarkets;
import dev.pmgate.marketdata.PublicSource;
import dev.pmgate.resilience.UpstreamGuard;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Kalshi's public market data: its Trade API read through Kalshi's guard (docs/market-data.md). */
@Configuration(proxyBeanMethods = false)
class KalshiMarketDataConfiguration {

    @Bean
    PublicMarkets kalshiPublicMarkets(PublicFetcher fetcher, @Qualifier("kalshiUpstream") UpstreamGuard guard,
                                      @Value("${pmgate.kalshi.base-url}") String baseUrl, Clock clock) {
        return new KalshiPublicMarkets(fetcher, new PublicSource(KalshiPublicMarkets.EXCHANGE, "trade-api", baseUrl, guard),
                clock);
    }
}
