package dev.pmgate.credentials;

import dev.pmgate.config.PmgateProperties;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's sealing keys (SPEC §3.1) and the decoder that turns {@code X-Exchange-Credentials} into a
 * tracked transient session with the {@link CredentialParser} of every exchange package.
 */
@Configuration(proxyBeanMethods = false)
public class CredentialsConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialsConfiguration.class);

    @Bean
    SessionTracker sessionTracker() {
        return new SessionTracker();
    }

    @Bean
    SealedCredentials sealedCredentials(PmgateProperties properties, Clock clock) throws Exception {
        String jwks = properties.sealing().jwks();
        String file = properties.sealing().jwksFile();
        com.nimbusds.jose.jwk.JWKSet keys;
        if (file != null && !file.isBlank()) {
            keys = com.nimbusds.jose.jwk.JWKSet.load(new java.io.File(file));
        } else if (jwks != null && !jwks.isBlank()) {
            keys = com.nimbusds.jose.jwk.JWKSet.parse(jwks);
        } else {
            LOG.info(
                    "no sealing keys configured: generated an in-memory key pair set (published at /api/v1/credentials/jwks)");
            keys = SealedCredentials.generateKeys();
        }
        return new SealedCredentials(keys, clock);
    }

    @Bean
    CredentialsDecoder credentialsDecoder(
            List<CredentialParser> parsers,
            SessionTracker tracker,
            SealedCredentials sealed,
            PmgateProperties properties) {
        return new CredentialsDecoder(parsers, tracker, sealed, properties.maxCredentialsBytes());
    }
}
