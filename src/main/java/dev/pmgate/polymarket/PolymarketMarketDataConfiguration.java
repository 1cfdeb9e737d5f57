package dev.pmgate.polymarket;

import dev.pmgate.marketdata.PublicFetcher;
import dev.pmgate.marketdata.PublicMarkets;
import dev.pmgate.marketdata.PublicSource;
import dev.pmgate.resilience.UpstreamGuard;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Polymarket's public market data: Gamma (listings, market metadata), the CLOB (books, price history) and the
 * Data API (trades), all read through Polymarket's guard (docs/market-data.md).
 */
@Configuration(proxyBeanMethods = false)
class PolymarketMarketDataConfiguration {

    @Bean
    PublicMarkets polymarketPublicMarkets(PublicFetcher fetcher,
                                          @Qualifier("polymarketUpstream") UpstreamGuard guard,
                                          @Value("${pmgate.polymarket.gamma-url}") String gammaUrl,
                                          @Value("${pmgate.polymarket.clob-url}") String clobUrl,
                                          @Value("${pmgate.polymarket.data-url}") String dataUrl) {
        String exchange = PolymarketPublicMarkets.EXCHANGE;
        return new PolymarketPublicMarkets(fetcher, new PolymarketPublicMarkets.Sources(
                new PublicSource(exchange, "gamma", gammaUrl, guard),
                new PublicSource(exchange, "clob", clobUrl, guard),
                new PublicSource(exchange, "data", dataUrl, guard)));
    }
}
