package dev.pmgate.config;

import dev.pmgate.security.AllowListHeaderFilterStrategy;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Allow-list header filters for every door to the outside (SPEC §3 invariants 5 and 8): upstream
 * HTTP requests, REST responses and Kafka records.
 */
@Configuration(proxyBeanMethods = false)
public class HeaderFilterBeans {

    static final Set<String> TRACE = Set.of("traceparent", "tracestate", "baggage", "X-Request-Id");

    @Bean
    AllowListHeaderFilterStrategy upstreamHeaderFilter() {
        Set<String> out = new java.util.HashSet<>(TRACE);
        out.addAll(Set.of("Content-Type", "Accept", "User-Agent",
                "KALSHI-ACCESS-KEY", "KALSHI-ACCESS-SIGNATURE", "KALSHI-ACCESS-TIMESTAMP",
                "POLY_ADDRESS", "POLY_SIGNATURE", "POLY_TIMESTAMP", "POLY_NONCE", "POLY_API_KEY", "POLY_PASSPHRASE"));
        return new AllowListHeaderFilterStrategy(out, Set.of("Content-Type", "Retry-After"));
    }

    @Bean
    AllowListHeaderFilterStrategy responseHeaderFilter() {
        return new AllowListHeaderFilterStrategy(Set.of("Content-Type", "Retry-After", "X-Request-Id",
                // SPEC §2.2 list pages and §2.3 retry advice
                "X-Next-Cursor", "Link", "x-should-retry"), null);
    }

    @Bean
    AllowListHeaderFilterStrategy kafkaHeaderFilter() {
        return new AllowListHeaderFilterStrategy(Set.of("pmgate-error", "pmgate-error-code", "X-Request-Id"), null);
    }
}
