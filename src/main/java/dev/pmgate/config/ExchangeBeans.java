package dev.pmgate.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Per-exchange translators, normalizers and signers. */
@Configuration(proxyBeanMethods = false)
public class ExchangeBeans {

    @Bean
    dev.pmgate.polymarket.PolymarketModule polymarketModule() {
        return new dev.pmgate.polymarket.PolymarketModule();
    }

    @Bean
    dev.pmgate.polymarket.PolymarketCredentialParser polymarketCredentialParser() {
        return new dev.pmgate.polymarket.PolymarketCredentialParser();
    }

    @Bean
    dev.pmgate.polymarket.PolymarketMarkets polymarketMarkets(PmgateProperties properties, Clock clock) {
        return new dev.pmgate.polymarket.PolymarketMarkets(
                java.time.Duration.ofSeconds(properties.polymarket().marketCacheSeconds()), clock);
    }

    @Bean
    dev.pmgate.polymarket.PolymarketRequestTranslator polymarketTranslator(PmgateProperties properties,
            dev.pmgate.polymarket.PolymarketMarkets markets, Clock clock) {
        return new dev.pmgate.polymarket.PolymarketRequestTranslator(properties.polymarket().chainId(), markets, clock);
    }

    @Bean
    dev.pmgate.polymarket.PolymarketNormalizer polymarketNormalizer(dev.pmgate.polymarket.PolymarketMarkets markets) {
        return new dev.pmgate.polymarket.PolymarketNormalizer(markets);
    }

    @Bean
    dev.pmgate.polymarket.PolymarketHttpCall polymarketHttpCall(PmgateProperties properties, Clock clock) {
        return new dev.pmgate.polymarket.PolymarketHttpCall(properties.polymarket().chainId(), clock);
    }
}
