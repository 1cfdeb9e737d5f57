package dev.pmgate.resilience;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.upstream.TransportFailure;
import dev.pmgate.upstream.UpstreamRequest;
import dev.pmgate.upstream.UpstreamResponse;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.ExchangeHelper;

/**
 * Guards every call to one exchange (SPEC §7). Around each call: a slot of the exchange's in-flight
 * bound (none free → 503 at once), then per attempt a permit of the exchange's circuit breaker (open →
 * 503 without calling the exchange). An attempt is one run of an attempt route, which signs the
 * request right before sending it, so every retry carries fresh signatures and timestamps.
 *
 * <p>Only idempotent reads ({@link UpstreamRequest#idempotent()}) are retried, and only after an
 * exchange 5xx, a timeout or a connection failure; never an order placement or a cancel. The breaker
 * counts exactly those failures; every other answer (2xx, 4xx, 429) is a success for it, since the
 * exchange did answer.
 */
public class UpstreamGuard {

    /**
     * Exchange property set to {@code true} once a non-idempotent upstream request (an order) has been handed
     * to the HTTP client: from then on its fate is unknown if the call fails (the pipeline's error translation).
     */
    public static final String WRITE_SENT = "pmgateWriteSent";

    /** How the guard waits between attempts; tests substitute a recorder. */
    @FunctionalInterface
    public interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    /** One attempt: runs the attempt route on the exchange (the answer or the failure is left on it). */
    @FunctionalInterface
    public interface Attempt {
        void run(Exchange exchange);
    }

    private final String exchangeName;
    private final String displayName;
    private final CircuitBreaker breaker;
    private final InFlightLimit inFlight;
    private final RetryPolicy retry;
    private final Pause pause;
    private final ProducerTemplate template;
    private final MeterRegistry meters;
    private final Counter retries;
    private final long breakerRetryAfterSeconds;
    private final ConcurrentHashMap<String, Timer> callTimers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> rejections = new ConcurrentHashMap<>();

    /** The guard of one exchange as configured by {@code pmgate.resilience.*} (SPEC §7). */
    public static UpstreamGuard forExchange(
            String exchange,
            String displayName,
            dev.pmgate.config.PmgateProperties.Resilience settings,
            ProducerTemplate template,
            MeterRegistry meters) {
        dev.pmgate.config.PmgateProperties.CircuitBreaker cb = settings.circuitBreaker();
        BreakerSettings breaker = new BreakerSettings(
                cb.failureRatePercent(), cb.minimumCalls(), cb.windowCalls(), cb.openMs(), cb.halfOpenCalls());
        dev.pmgate.config.PmgateProperties.Retry retry = settings.retry();
        return new UpstreamGuard(
                exchange,
                displayName,
                breaker.create(exchange, java.time.Clock.systemUTC()),
                new InFlightLimit(settings.maxInFlight()),
                RetryPolicy.of(retry.maxRetries(), retry.initialBackoffMs(), retry.maxBackoffMs()),
                Thread::sleep,
                template,
                meters);
    }

    public UpstreamGuard(
            String exchangeName,
            String displayName,
            CircuitBreaker breaker,
            InFlightLimit inFlight,
            RetryPolicy retry,
            Pause pause,
            ProducerTemplate template,
            MeterRegistry meters) {
        this.exchangeName = exchangeName;
        this.displayName = displayName;
        this.breaker = breaker;
        this.inFlight = inFlight;
        this.retry = retry;
        this.pause = pause;
        this.template = template;
        this.meters = meters;
        long openMs = breaker.getCircuitBreakerConfig()
                .getWaitIntervalFunctionInOpenState()
                .apply(1);
        this.breakerRetryAfterSeconds = Math.max(1, (openMs + 999) / 1000);
        this.retries = Counter.builder("pmgate.upstream.retries")
                .description("retried idempotent exchange calls")
                .tag("exchange", exchangeName)
                .register(meters);
        Gauge.builder("pmgate.upstream.in.flight", inFlight, InFlightLimit::inFlight)
                .description("calls to the exchange in flight")
                .tag("exchange", exchangeName)
                .register(meters);
        Gauge.builder("pmgate.circuit.breaker.state", breaker, b -> stateValue(b.getState()))
                .description("0 closed, 1 open, 2 half-open, 3 other")
                .tag("exchange", exchangeName)
                .register(meters);
    }

    /**
     * The guarded call as a route step ({@code process: ref: kalshiHttpCall}): a typed processor rather than a
     * bean method whose parameters Camel would bind from an expression on every call (issue 13: that binding
     * and the endpoint lookup by URI were a measurable share of a request's CPU).
     */
    public Processor caller(String attemptUri) {
        return exchange -> call(exchange, attemptUri);
    }

    /** Guards the call whose {@link UpstreamRequest} is the body, running {@code attemptUri} per attempt. */
    public void call(Exchange exchange, String attemptUri) throws Exception {
        // resolved once per attempt route: getEndpoint(String) normalizes the URI on every lookup
        Endpoint attempt = attempts.computeIfAbsent(
                attemptUri, uri -> exchange.getContext().getEndpoint(uri));
        execute(exchange, e -> template.send(attempt, e));
    }

    private final Map<String, Endpoint> attempts = new ConcurrentHashMap<>();

    /**
     * Runs the guarded call. On return the body is the exchange's {@link UpstreamResponse} (possibly a
     * 4xx/5xx the caller maps to a SPEC error); a transport failure of the last attempt is rethrown.
     */
    public void execute(Exchange exchange, Attempt attempt) throws Exception {
        UpstreamRequest request = exchange.getMessage().getBody(UpstreamRequest.class);
        if (request == null) {
            throw new IllegalStateException("no upstream request to send");
        }
        if (!inFlight.tryEnter()) {
            reject("overloaded");
            throw unavailable(displayName + " has too many requests in flight at this gateway", 1);
        }
        try {
            for (int tried = 0; ; tried++) {
                if (!breaker.tryAcquirePermission()) {
                    reject("circuit_open");
                    throw unavailable(
                            displayName + " is failing; calls are suspended for a moment", breakerRetryAfterSeconds);
                }
                Exception failure = attemptOnce(exchange, request, attempt);
                boolean retryable = failure != null
                        ? TransportFailure.of(failure) != null
                        : exchange.getMessage().getBody(UpstreamResponse.class).status() >= 500;
                if (!retryable || !request.idempotent() || tried >= retry.maxRetries()) {
                    if (failure != null) {
                        throw failure;
                    }
                    return;
                }
                retries.increment();
                try {
                    pause.sleep(retry.backoffMs(tried + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    if (failure != null) {
                        throw failure;
                    }
                    return;
                }
            }
        } finally {
            inFlight.exit();
        }
    }

    /**
     * One attempt holding one breaker permit, which is always given back exactly once. A previous
     * attempt may have left its answer as an out message: it becomes the in message first, so the
     * attempt route starts from the unsigned request.
     */
    private Exception attemptOnce(Exchange exchange, UpstreamRequest request, Attempt attempt) {
        ExchangeHelper.prepareOutToIn(exchange);
        exchange.getIn().setBody(request);
        long start = System.nanoTime();
        boolean recorded = false;
        if (!request.idempotent() && !request.path().startsWith("/auth/")) {
            // from here on the exchange may act on the write whatever we hear back (SPEC §2.3 x-should-retry)
            exchange.setProperty(WRITE_SENT, Boolean.TRUE);
        }
        try {
            attempt.run(exchange);
            Exception failure = exchange.getException();
            exchange.setException(null);
            long took = System.nanoTime() - start;
            if (failure != null) {
                TransportFailure kind = TransportFailure.of(failure);
                if (kind != null) {
                    breaker.onError(took, TimeUnit.NANOSECONDS, failure);
                } else {
                    breaker.releasePermission(); // a bug of ours says nothing about the exchange
                }
                recorded = true;
                time(kind == null ? "error" : kind.tag(), took);
                return failure;
            }
            UpstreamResponse response = exchange.getMessage().getBody(UpstreamResponse.class);
            if (response == null) {
                breaker.releasePermission();
                recorded = true;
                return new IllegalStateException("the attempt route left no upstream response");
            }
            int status = response.status();
            if (status >= 500) {
                breaker.onError(took, TimeUnit.NANOSECONDS, new ExchangeServerError(status));
            } else {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            }
            recorded = true;
            time(status == 429 ? "429" : (status / 100) + "xx", took);
            return null;
        } finally {
            if (!recorded) {
                breaker.releasePermission();
            }
        }
    }

    private GatewayException unavailable(String message, long retryAfterSeconds) {
        return new GatewayException(
                ErrorCode.SERVICE_UNAVAILABLE, message, List.of(), exchangeName, null, true, retryAfterSeconds);
    }

    private void reject(String reason) {
        rejections
                .computeIfAbsent(
                        reason,
                        r -> Counter.builder("pmgate.upstream.rejected")
                                .description("calls refused by the gateway without reaching the exchange")
                                .tags("exchange", exchangeName, "reason", r)
                                .register(meters))
                .increment();
    }

    private void time(String outcome, long nanos) {
        callTimers
                .computeIfAbsent(
                        outcome,
                        o -> Timer.builder("pmgate.upstream.calls")
                                .description("attempts sent to the exchange, by outcome")
                                .tags("exchange", exchangeName, "outcome", o)
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofMillis(1))
                                .maximumExpectedValue(Duration.ofSeconds(30))
                                .register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static int stateValue(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    public InFlightLimit inFlightLimit() {
        return inFlight;
    }

    /** An exchange 5xx as the breaker records it; no stack trace, no exchange text. */
    static final class ExchangeServerError extends RuntimeException {
        ExchangeServerError(int status) {
            super("exchange answered " + status, null, false, false);
        }
    }
}
