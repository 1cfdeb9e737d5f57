package dev.pmgate.config;

import dev.pmgate.pipeline.ErrorTranslator;
import dev.pmgate.rest.HttpResponseWriter;
import dev.pmgate.pipeline.RequestValidationProcessor;
import dev.pmgate.pipeline.RequestValidator;
import dev.pmgate.rest.RestRequestReader;
import dev.pmgate.credentials.CredentialParser;
import dev.pmgate.credentials.CredentialsDecoder;
import dev.pmgate.pipeline.CredentialsProcessor;
import dev.pmgate.credentials.SealedCredentials;
import dev.pmgate.credentials.SessionTracker;
import dev.pmgate.security.ApiKeyAuthenticator;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pipeline's processors, named as the routes in {@code routes/} refer to them. */
@Configuration(proxyBeanMethods = false)
public class GatewayBeans {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayBeans.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ApiKeyAuthenticator apiKeyAuthenticator(PmgateProperties properties) {
        List<String> keys = properties.apiKeys().stream().filter(k -> !k.isBlank()).toList();
        if (keys.isEmpty()) {
            String generated = ApiKeyAuthenticator.generateKey();
            // Printed once on the console for the operator, deliberately not through the logging system.
            System.out.println("pmgate: PMGATE_API_KEYS is not set; generated API key for this run: " + generated);
            LOG.warn("PMGATE_API_KEYS is not set; a random API key was generated and printed on the console");
            keys = List.of(generated);
        }
        return new ApiKeyAuthenticator(keys);
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
            LOG.info("no sealing keys configured: generated an in-memory key pair set (published at /api/v1/credentials/jwks)");
            keys = SealedCredentials.generateKeys();
        }
        return new SealedCredentials(keys, clock);
    }

    @Bean
    CredentialsDecoder credentialsDecoder(List<CredentialParser> parsers, SessionTracker tracker,
                                          SealedCredentials sealed, PmgateProperties properties) {
        return new CredentialsDecoder(parsers, tracker, sealed, properties.maxCredentialsBytes());
    }

    @Bean
    CredentialsProcessor credentialsProcessor(CredentialsDecoder decoder, PmgateProperties properties) {
        return new CredentialsProcessor(decoder, properties.kafka().allowPlaintextCredentials());
    }

    @Bean
    dev.pmgate.rest.PublicEndpoints publicEndpoints(SealedCredentials sealed) {
        return new dev.pmgate.rest.PublicEndpoints(sealed);
    }

    @Bean
    RestRequestReader restRequestReader() {
        return new RestRequestReader();
    }

    @Bean
    RequestValidationProcessor requestValidator(Clock clock, dev.pmgate.pipeline.Exchanges exchanges) {
        return new RequestValidationProcessor(new RequestValidator(clock, exchanges));
    }

    @Bean
    dev.pmgate.pipeline.Exchanges exchanges(List<dev.pmgate.pipeline.ExchangeModule> modules) {
        return new dev.pmgate.pipeline.Exchanges(modules);
    }

    @Bean
    HttpResponseWriter httpResponseWriter() {
        return new HttpResponseWriter();
    }

    @Bean
    dev.pmgate.kafka.KafkaRequestReader kafkaRequestReader() {
        return new dev.pmgate.kafka.KafkaRequestReader();
    }

    @Bean
    dev.pmgate.kafka.KafkaResultWriter kafkaResultWriter() {
        return new dev.pmgate.kafka.KafkaResultWriter();
    }

    @Bean
    dev.pmgate.kafka.KafkaDeadLetter kafkaDeadLetter() {
        return new dev.pmgate.kafka.KafkaDeadLetter();
    }

    @Bean
    dev.pmgate.kafka.KafkaOffsetCommitter kafkaOffsetCommitter() {
        return new dev.pmgate.kafka.KafkaOffsetCommitter();
    }

    @Bean
    ErrorTranslator errorTranslator() {
        return new ErrorTranslator();
    }
}
