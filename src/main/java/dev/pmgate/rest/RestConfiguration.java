package dev.pmgate.rest;

import dev.pmgate.credentials.CredentialsDecoder;
import dev.pmgate.credentials.SealedCredentials;
import dev.pmgate.pipeline.Exchanges;
import dev.pmgate.pipeline.TenantRateLimiter;
import dev.pmgate.security.AllowListHeaderFilterStrategy;
import dev.pmgate.security.ApiKeyAuthenticator;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The REST door: request reader, response writer, ping and the public answers (routes/rest-api.camel.yaml). */
@Configuration(proxyBeanMethods = false)
public class RestConfiguration {

    @Bean
    RestRequestReader restRequestReader() {
        return new RestRequestReader();
    }

    @Bean
    HttpResponseWriter httpResponseWriter() {
        return new HttpResponseWriter();
    }

    @Bean
    PublicEndpoints publicEndpoints(SealedCredentials sealed) {
        return new PublicEndpoints(sealed);
    }

    @Bean
    PingProcessor pingProcessor(
            ApiKeyAuthenticator apiKeyAuthenticator,
            TenantRateLimiter tenantRateLimiter,
            CredentialsDecoder decoder,
            Exchanges exchanges,
            CamelContext camel) {
        return new PingProcessor(
                apiKeyAuthenticator, tenantRateLimiter, decoder, exchanges, camel.createProducerTemplate());
    }

    /** REST responses carry only our own headers (SPEC §3 invariant 8, §2.2 list pages, §2.3 retry advice). */
    @Bean
    AllowListHeaderFilterStrategy responseHeaderFilter() {
        return new AllowListHeaderFilterStrategy(
                Set.of(
                        "Content-Type",
                        "Retry-After",
                        "X-Request-Id",
                        HttpResponseWriter.NEXT_CURSOR,
                        "Link",
                        HttpResponseWriter.SHOULD_RETRY),
                null);
    }
}
