package dev.pmgate.config;

import dev.pmgate.api.BatchRunner;
import dev.pmgate.kalshi.KalshiBatch;
import dev.pmgate.kalshi.KalshiNormalizer;
import dev.pmgate.kalshi.KalshiRequestTranslator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Batch trading (SPEC §10): the per-exchange batch operations and the loop that drives their calls. */
@Configuration(proxyBeanMethods = false)
public class BatchBeans {

    @Bean
    BatchRunner batchRunner(io.micrometer.core.instrument.MeterRegistry meters) {
        return new BatchRunner(meters);
    }

    @Bean
    KalshiBatch kalshiBatch(KalshiRequestTranslator kalshiTranslator, KalshiNormalizer kalshiNormalizer) {
        return new KalshiBatch(kalshiTranslator, kalshiNormalizer);
    }

}
