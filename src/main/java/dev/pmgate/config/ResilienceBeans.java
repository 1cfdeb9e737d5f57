package dev.pmgate.config;

import dev.pmgate.resilience.UpstreamGuard;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One guard per exchange (in-flight bound, circuit breaker, read retries). */
@Configuration(proxyBeanMethods = false)
public class ResilienceBeans {

    @Bean
    UpstreamGuard polymarketUpstream(PmgateProperties properties, ProducerTemplate template, MeterRegistry meters) {
        return UpstreamGuard.forExchange("polymarket", "Polymarket", properties.resilience(), template, meters);
    }
}
