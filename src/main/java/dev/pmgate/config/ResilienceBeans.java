package dev.pmgate.config;

import dev.pmgate.resilience.InFlightLimit;
import dev.pmgate.resilience.RequestMetrics;
import dev.pmgate.resilience.RetryPolicy;
import dev.pmgate.resilience.TenantRateLimiter;
import dev.pmgate.resilience.UpstreamGuard;
import dev.pmgate.resilience.BreakerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One guard per exchange (in-flight bound, circuit breaker, read retries), the tenant rate limit, request metrics. */
@Configuration(proxyBeanMethods = false)
public class ResilienceBeans {

    @Bean
    UpstreamGuard kalshiUpstream(PmgateProperties properties, ProducerTemplate template, MeterRegistry meters) {
        return UpstreamGuard.forExchange("kalshi", "Kalshi", properties.resilience(), template, meters);
    }


    @Bean
    TenantRateLimiter tenantRateLimiter(PmgateProperties properties) {
        return new TenantRateLimiter(properties.rateLimit().perSecond(), properties.rateLimit().burst());
    }

    @Bean
    RequestMetrics requestMetrics(MeterRegistry meters) {
        return new RequestMetrics(meters);
    }
}
