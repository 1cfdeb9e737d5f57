package dev.pmgate.security;

import dev.pmgate.config.PmgateProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API key check of every private request (SPEC §3). */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    ApiKeyAuthenticator apiKeyAuthenticator(PmgateProperties properties) {
        List<String> keys =
                properties.apiKeys().stream().filter(k -> !k.isBlank()).toList();
        if (keys.isEmpty()) {
            String generated = ApiKeyAuthenticator.generateKey();
            // Printed once on the console for the operator, deliberately not through the logging system.
            System.out.println("pmgate: PMGATE_API_KEYS is not set; generated API key for this run: " + generated);
            LOG.warn("PMGATE_API_KEYS is not set; a random API key was generated and printed on the console");
            keys = List.of(generated);
        }
        return new ApiKeyAuthenticator(keys);
    }
}
