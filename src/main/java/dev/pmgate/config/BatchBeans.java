package dev.pmgate.config;

import dev.pmgate.polymarket.PolymarketBatch;
import dev.pmgate.polymarket.PolymarketMarkets;
import dev.pmgate.polymarket.PolymarketNormalizer;
import dev.pmgate.polymarket.PolymarketRequestTranslator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Batch trading (SPEC §10): the per-exchange batch operations. */
@Configuration(proxyBeanMethods = false)
public class BatchBeans {

    @Bean
    PolymarketBatch polymarketBatch(PolymarketRequestTranslator polymarketTranslator,
                                    PolymarketNormalizer polymarketNormalizer, PolymarketMarkets polymarketMarkets) {
        return new PolymarketBatch(polymarketTranslator, polymarketNormalizer, polymarketMarkets);
    }
}
