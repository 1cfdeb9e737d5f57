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
        return guard("kalshi", "Kalshi", properties.resilience(), template, meters);
    }

    @Bean
    UpstreamGuard polymarketUpstream(PmgateProperties properties, ProducerTemplate template, MeterRegistry meters) {
        return guard("polymarket", "Polymarket", properties.resilience(), template, meters);
    }

    @Bean
    TenantRateLimiter tenantRateLimiter(PmgateProperties properties) {
        return new TenantRateLimiter(properties.rateLimit().perSecond(), properties.rateLimit().burst());
    }

    @Bean
    RequestMetrics requestMetrics(MeterRegistry meters) {
        return new RequestMetrics(meters);
    }

    static UpstreamGuard guard(String exchange, String displayName, PmgateProperties.Resilience settings,
                               ProducerTemplate template, MeterRegistry meters) {
        PmgateProperties.CircuitBreaker cb = settings.circuitBreaker();
        BreakerSettings breaker = new BreakerSettings(cb.failureRatePercent(), cb.minimumCalls(), cb.windowCalls(),
                cb.openMs(), cb.halfOpenCalls());
        PmgateProperties.Retry retry = settings.retry();
        return new UpstreamGuard(exchange, displayName, breaker.create(exchange, Clock.systemUTC()),
                new InFlightLimit(settings.maxInFlight()),
                RetryPolicy.of(retry.maxRetries(), retry.initialBackoffMs(), retry.maxBackoffMs()),
                Thread::sleep, template, meters);
    }
}
