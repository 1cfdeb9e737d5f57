package dev.pmgate.pipeline;

import dev.pmgate.config.PmgateProperties;
import dev.pmgate.credentials.CredentialsDecoder;
import dev.pmgate.security.AllowListHeaderFilterStrategy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The exchange-neutral pipeline's steps, named as {@code routes/pipeline.camel.yaml} refers to them, and the
 * registry of every exchange package's {@link ExchangeModule}.
 */
@Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {

    /** Trace context and the request id: the headers every door lets through. */
    static final Set<String> TRACE = Set.of("traceparent", "tracestate", "baggage", "X-Request-Id");

    @Bean
    Exchanges exchanges(List<ExchangeModule> modules) {
        return new Exchanges(modules);
    }

    @Bean
    TenantRateLimiter tenantRateLimiter(PmgateProperties properties) {
        return new TenantRateLimiter(
                properties.rateLimit().perSecond(), properties.rateLimit().burst());
    }

    @Bean
    CredentialsProcessor credentialsProcessor(
            CredentialsDecoder decoder, Exchanges exchanges, PmgateProperties properties) {
        return new CredentialsProcessor(decoder, exchanges, properties.kafka().allowPlaintextCredentials());
    }

    @Bean
    RequestValidationProcessor requestValidationProcessor(Clock clock, Exchanges exchanges) {
        return new RequestValidationProcessor(new RequestValidator(clock, exchanges));
    }

    @Bean
    ErrorTranslator errorTranslator() {
        return new ErrorTranslator();
    }

    @Bean
    BatchRunner batchRunner(MeterRegistry meters) {
        return new BatchRunner(meters);
    }

    @Bean
    RequestMetrics requestMetrics(MeterRegistry meters, Exchanges exchanges) {
        return new RequestMetrics(meters, exchanges);
    }

    /**
     * The upstream HTTP allow-list (SPEC §3 invariants 5 and 8): transport and trace headers plus the signing
     * headers of every exchange module; in: only {@code Content-Type} and {@code Retry-After}.
     */
    @Bean
    AllowListHeaderFilterStrategy upstreamHeaderFilter(Exchanges exchanges) {
        Set<String> out = new HashSet<>(TRACE);
        out.addAll(Set.of("Content-Type", "Accept", "User-Agent"));
        exchanges.all().forEach(module -> out.addAll(module.signingHeaders()));
        return new AllowListHeaderFilterStrategy(out, Set.of("Content-Type", "Retry-After"));
    }
}
