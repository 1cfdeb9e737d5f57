package dev.pmgate.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** pmgate's settings; every SPEC §6 environment variable is mapped onto these in application.yaml. */
@ConfigurationProperties(prefix = "pmgate")
public record PmgateProperties(
        @DefaultValue List<String> apiKeys,
        @DefaultValue("10000") long upstreamTimeoutMs,
        @DefaultValue("16384") int maxCredentialsBytes,
        @DefaultValue Kalshi kalshi,
        @DefaultValue Polymarket polymarket,
        @DefaultValue Kafka kafka,
        @DefaultValue Sealing sealing) {

    /** Private JWK set for sealed credentials: a file path or the JSON itself; generated when absent. */
    public record Sealing(String jwksFile, String jwks) {
    }

    public record Kalshi(@DefaultValue("https://external-api.kalshi.com/trade-api/v2") String baseUrl) {
    }

    public record Polymarket(
            @DefaultValue("https://clob.polymarket.com") String clobUrl,
            @DefaultValue("https://data-api.polymarket.com") String dataUrl,
            @DefaultValue("137") long chainId,
            @DefaultValue("300") long marketCacheSeconds) {
    }

    public record Kafka(
            String brokers,
            @DefaultValue("pmgate.requests") String requestTopic,
            @DefaultValue("pmgate.results") String resultTopic,
            @DefaultValue("pmgate.requests.dlq") String dlqTopic,
            @DefaultValue("pmgate") String groupId,
            @DefaultValue("false") boolean allowPlaintextCredentials) {
    }
}
