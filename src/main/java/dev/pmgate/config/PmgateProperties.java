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
        @DefaultValue Kafka kafka,
        @DefaultValue Sealing sealing,
        @DefaultValue Resilience resilience,
        @DefaultValue RateLimit rateLimit) {

    /**
     * Protection of each exchange (SPEC §7): an in-flight bound, retries of idempotent reads, and a
     * circuit breaker that counts only exchange 5xx, timeouts and connection failures.
     */
    public record Resilience(
            @DefaultValue("256") int maxInFlight,
            @DefaultValue Retry retry,
            @DefaultValue CircuitBreaker circuitBreaker) {}

    /** Retries of idempotent reads only: at most {@code maxRetries} after the first try, exponential backoff with jitter. */
    public record Retry(
            @DefaultValue("2") int maxRetries,
            @DefaultValue("100") long initialBackoffMs,
            @DefaultValue("1000") long maxBackoffMs) {}

    /** Opens at {@code failureRatePercent} failures over the last {@code windowCalls} (at least {@code minimumCalls}). */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRatePercent,
            @DefaultValue("20") int minimumCalls,
            @DefaultValue("20") int windowCalls,
            @DefaultValue("10000") long openMs,
            @DefaultValue("5") int halfOpenCalls) {}

    /** Per tenant (API key) token bucket on the REST entry. */
    public record RateLimit(
            @DefaultValue("1000") double perSecond,
            @DefaultValue("2000") int burst) {}

    /** Private JWK set for sealed credentials: a file path or the JSON itself; generated when absent. */
    public record Sealing(String jwksFile, String jwks) {}

    public record Kafka(
            String brokers,
            @DefaultValue("pmgate.requests") String requestTopic,
            @DefaultValue("pmgate.results") String resultTopic,
            @DefaultValue("pmgate.requests.dlq") String dlqTopic,
            @DefaultValue("pmgate") String groupId,
            @DefaultValue("6") int consumers,
            @DefaultValue("false") boolean allowPlaintextCredentials) {}
}
