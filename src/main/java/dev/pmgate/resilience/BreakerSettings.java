package dev.pmgate.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;

/**
 * The per-exchange circuit breaker of SPEC §7: opens at {@code failureRatePercent} failures over the
 * last {@code windowCalls} calls once at least {@code minimumCalls} were made, stays open for
 * {@code openMs}, then lets {@code halfOpenCalls} trial calls through and closes if they do well.
 * Which calls are failures is decided by {@link UpstreamGuard} (exchange 5xx, timeouts, resets).
 */
public record BreakerSettings(
        float failureRatePercent, int minimumCalls, int windowCalls, long openMs, int halfOpenCalls) {

    public CircuitBreaker create(String name, Clock clock) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(windowCalls, minimumCalls))
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(failureRatePercent)
                .waitDurationInOpenState(Duration.ofMillis(openMs))
                .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
                .clock(clock)
                .build();
        return CircuitBreaker.of(name, config);
    }
}
