package dev.pmgate.polymarket;

import dev.pmgate.config.PmgateProperties;
import dev.pmgate.marketdata.PublicFetcher;
import dev.pmgate.marketdata.PublicMarkets;
import dev.pmgate.marketdata.PublicSource;
import dev.pmgate.resilience.UpstreamGuard;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every bean of Polymarket: its module, credential parser, market cache, translator, normalizer, signing,
 * batch, its guarded upstream and its public market data (Gamma, the CLOB and the Data API, docs/market-data.md); the route file {@code routes/polymarket.camel.yaml} refers to them by name.
 */
@Configuration(proxyBeanMethods = false)
class PolymarketConfiguration {

    @Bean
    PolymarketModule polymarketModule() {
        return new PolymarketModule();
    }

    @Bean
    PolymarketCredentialParser polymarketCredentialParser() {
        return new PolymarketCredentialParser();
    }

    @Bean
    PolymarketMarkets polymarketMarkets(PolymarketProperties properties, Clock clock) {
        return new PolymarketMarkets(Duration.ofSeconds(properties.marketCacheSeconds()), clock);
    }

    @Bean
    PolymarketRequestTranslator polymarketTranslator(
            PolymarketProperties properties, PolymarketMarkets markets, Clock clock) {
        return new PolymarketRequestTranslator(properties.chainId(), markets, clock);
    }

    @Bean
    PolymarketNormalizer polymarketNormalizer(PolymarketMarkets markets) {
        return new PolymarketNormalizer(markets);
    }

    @Bean
    PolymarketSigning polymarketSigning(PolymarketProperties properties, Clock clock) {
        return new PolymarketSigning(properties.chainId(), clock);
    }

    @Bean
    PolymarketBatch polymarketBatch(
            PolymarketRequestTranslator polymarketTranslator,
            PolymarketNormalizer polymarketNormalizer,
            PolymarketMarkets polymarketMarkets) {
        return new PolymarketBatch(polymarketTranslator, polymarketNormalizer, polymarketMarkets);
    }

    @Bean
    UpstreamGuard polymarketUpstream(PmgateProperties properties, ProducerTemplate template, MeterRegistry meters) {
        return UpstreamGuard.forExchange(
                PolymarketModule.NAME.wireName(), "Polymarket", properties.resilience(), template, meters);
    }

    /** One guarded call to Polymarket's CLOB (route polymarket-clob-http): each attempt runs polymarket-clob-attempt. */
    @Bean
    Processor polymarketClobCall(@Qualifier("polymarketUpstream") UpstreamGuard guard) {
        return guard.caller("direct:polymarket-clob-attempt");
    }

    /** One guarded call to Polymarket's Data API (route polymarket-data-call): attempts run polymarket-data-attempt. */
    @Bean
    Processor polymarketDataCall(@Qualifier("polymarketUpstream") UpstreamGuard guard) {
        return guard.caller("direct:polymarket-data-attempt");
    }

    @Bean
    PublicMarkets polymarketPublicMarkets(
            PublicFetcher fetcher,
            @Qualifier("polymarketUpstream") UpstreamGuard guard,
            PolymarketProperties properties) {
        String exchange = PolymarketPublicMarkets.EXCHANGE;
        return new PolymarketPublicMarkets(
                fetcher,
                new PolymarketPublicMarkets.Sources(
                        new PublicSource(exchange, "gamma", properties.gammaUrl(), guard),
                        new PublicSource(exchange, "clob", properties.clobUrl(), guard),
                        new PublicSource(exchange, "data", properties.dataUrl(), guard)));
    }
}
