package dev.pmgate.config;

import dev.pmgate.rest.PingProcessor;
import dev.pmgate.credentials.CredentialsDecoder;
import dev.pmgate.pipeline.TenantRateLimiter;
import dev.pmgate.security.ApiKeyAuthenticator;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code GET /api/v1/ping} (SPEC §8). */
@Configuration(proxyBeanMethods = false)
public class PingBeans {

    @Bean
    PingProcessor pingProcessor(ApiKeyAuthenticator apiKeyAuthenticator, TenantRateLimiter tenantRateLimiter,
                                CredentialsDecoder decoder, CamelContext camel) {
        return new PingProcessor(apiKeyAuthenticator, tenantRateLimiter, decoder, camel.createProducerTemplate());
    }
}
