package dev.pmgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.upstream.UpstreamRequest;
import dev.pmgate.upstream.UpstreamResponse;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The guard's retry, breaker and in-flight rules against scripted attempts (no network, no waiting). */
class UpstreamGuardTest {

    private static final UpstreamRequest GET = UpstreamRequest.get("/portfolio/balance");
    private static final UpstreamRequest POST = UpstreamRequest.post("/portfolio/events/orders", "{}");
    private static final UpstreamRequest DELETE = UpstreamRequest.delete("/portfolio/events/orders/x", Map.of(), null);

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final MutableClock clock = new MutableClock();
    private final List<Long> pauses = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** SPEC §7 defaults: 50 % over ≥ 20 calls, 10 s open, 5 trial calls. */
    private final CircuitBreaker breaker = new BreakerSettings(50, 20, 20, 10_000, 5).create("kalshi", clock);

    private final InFlightLimit limit = new InFlightLimit(4);
    private final UpstreamGuard guard = new UpstreamGuard(
            "kalshi", "Kalshi", breaker, limit, new RetryPolicy(2, 100, 1000, () -> 0.5), pauses::add, null, meters);

    /** Scripted exchange answers: an Integer status or a Throwable, consumed one per attempt. */
    private final class Script implements UpstreamGuard.Attempt {
        final Deque<Object> outcomes = new ArrayDeque<>();
        final List<Object> bodiesSeen = new ArrayList<>();
        boolean answerAsOutMessage;

        Script(Object... outcomes) {
            this.outcomes.addAll(List.of(outcomes));
        }

        @Override
        @SuppressWarnings("deprecation")
        public void run(Exchange exchange) {
            if (answerAsOutMessage) {
                org.apache.camel.support.ExchangeHelper.prepareOutToIn(exchange); // as a route's pipeline does
            }
            bodiesSeen.add(exchange.getIn().getBody()); // what the attempt route's first step reads
            exchange.getIn().setBody("signed bytes"); // what the attempt route leaves behind on failure
            Object next = outcomes.removeFirst();
            if (next instanceof Exception e) {
                exchange.setException(e);
            } else {
                (answerAsOutMessage ? exchange.getOut() : exchange.getIn())
                        .setBody(new UpstreamResponse((Integer) next, null, "{}"));
            }
        }
    }

    private Exchange exchange(UpstreamRequest request) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(request);
        return exchange;
    }

    private int status(Exchange exchange) {
        return exchange.getMessage().getBody(UpstreamResponse.class).status();
    }

    @Test
    void aGetIsRetriedAfterA5xxWithTheUnsignedRequestEachTime() throws Exception {
        Script script = new Script(500, 200);
        Exchange exchange = exchange(GET);
        guard.execute(exchange, script);
        assertThat(status(exchange)).isEqualTo(200);
        assertThat(script.bodiesSeen)
                .as("every attempt starts from the unsigned request, to be signed afresh")
                .containsExactly(GET, GET);
        assertThat(pauses).containsExactly(75L);
        assertThat(meters.counter("pmgate.upstream.retries", "exchange", "kalshi")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anAnswerLeftAsOutMessageDoesNotReachTheRetry() throws Exception {
        Script script = new Script(500, 200);
        script.answerAsOutMessage = true;
        Exchange exchange = exchange(GET);
        guard.execute(exchange, script);
        assertThat(status(exchange)).isEqualTo(200);
        assertThat(script.bodiesSeen).containsExactly(GET, GET);
    }

    @Test
    void aGetIsRetriedAtMostTwiceWithGrowingBackoffThenTheLast5xxStands() throws Exception {
        Script script = new Script(503, 502, 500, 200);
        Exchange exchange = exchange(GET);
        guard.execute(exchange, script);
        assertThat(status(exchange)).isEqualTo(500);
        assertThat(script.bodiesSeen).hasSize(3);
        assertThat(pauses).containsExactly(75L, 150L);
    }

    @Test
    void timeoutsAndResetsAreRetriedForReads() throws Exception {
        Script script =
                new Script(new SocketTimeoutException("Read timed out"), new SocketException("Connection reset"), 200);
        Exchange exchange = exchange(GET);
        guard.execute(exchange, script);
        assertThat(status(exchange)).isEqualTo(200);
        assertThat(exchange.getException()).isNull();
        assertThat(script.bodiesSeen).hasSize(3);
    }

    @Test
    void theLastTransportFailureIsRethrownWhenRetriesAreSpent() {
        Script script = new Script(
                new SocketTimeoutException("a"), new SocketTimeoutException("b"), new SocketTimeoutException("c"));
        assertThatThrownBy(() -> guard.execute(exchange(GET), script))
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessage("c");
    }

    @Test
    void orderPlacementAndCancelAreNeverRetried() {
        for (UpstreamRequest write : List.of(POST, DELETE)) {
            Script failing = new Script(500, 200);
            Exchange exchange = exchange(write);
            try {
                guard.execute(exchange, failing);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(status(exchange)).isEqualTo(500);
            assertThat(failing.bodiesSeen).hasSize(1);

            Script timingOut = new Script(new SocketTimeoutException("Read timed out"), 200);
            assertThatThrownBy(() -> guard.execute(exchange(write), timingOut))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(timingOut.bodiesSeen).hasSize(1);
        }
        assertThat(pauses).isEmpty();
    }

    @Test
    void fourHundredsAnd429AreNeitherRetriedNorFailuresForTheBreaker() throws Exception {
        for (int status : new int[] {429, 404, 400, 401}) {
            Script script = new Script(status, 200);
            Exchange exchange = exchange(GET);
            guard.execute(exchange, script);
            assertThat(status(exchange)).isEqualTo(status);
            assertThat(script.bodiesSeen).hasSize(1);
        }
        for (int i = 0; i < 30; i++) {
            guard.execute(exchange(POST), new Script(429));
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void aBugIsNotRetriedAndDoesNotCountAgainstTheExchange() {
        Script script = new Script(new IllegalStateException("our bug"), 200);
        assertThatThrownBy(() -> guard.execute(exchange(GET), script)).isInstanceOf(IllegalStateException.class);
        assertThat(script.bodiesSeen).hasSize(1);
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
    }

    @Test
    void theBreakerOpensAtHalfFailuresOverTwentyCallsAndThenRefusesWithoutCalling() throws Exception {
        // resets, timeouts and 5xx all count; a transport failure is rethrown to the caller
        for (int i = 0; i < 10; i++) {
            guard.execute(exchange(POST), new Script(200));
        }
        for (int i = 0; i < 9; i++) {
            guard.execute(exchange(POST), new Script(500));
        }
        assertThat(breaker.getState()).as("fewer than 20 calls never open it").isEqualTo(CircuitBreaker.State.CLOSED);
        guard.execute(exchange(POST), new Script(200));
        assertThat(breaker.getState()).as("9 of 20 failed").isEqualTo(CircuitBreaker.State.CLOSED);
        assertThatThrownBy(() -> guard.execute(exchange(POST), new Script(new SocketException("Connection reset"))))
                .isInstanceOf(SocketException.class);
        assertThat(breaker.getState()).as("10 of the last 20 failed").isEqualTo(CircuitBreaker.State.OPEN);

        Script never = new Script(200);
        assertThatThrownBy(() -> guard.execute(exchange(GET), never))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.exchange()).isEqualTo("kalshi");
                    assertThat(e.retryAfterSeconds()).isEqualTo(10L);
                });
        assertThat(never.bodiesSeen).isEmpty();
        assertThat(meters.counter("pmgate.upstream.rejected", "exchange", "kalshi", "reason", "circuit_open")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theBreakerHalfOpensAfterTheOpenTimeAndClosesAfterGoodTrialCalls() throws Exception {
        breaker.transitionToOpenState();
        clock.advance(Duration.ofSeconds(9));
        assertThatThrownBy(() -> guard.execute(exchange(GET), new Script(200))).isInstanceOf(GatewayException.class);
        clock.advance(Duration.ofMillis(1001));
        for (int i = 0; i < 5; i++) {
            Exchange exchange = exchange(GET);
            guard.execute(exchange, new Script(200));
            assertThat(status(exchange)).isEqualTo(200);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aFailingTrialCallOpensTheBreakerAgain() throws Exception {
        breaker.transitionToOpenState();
        clock.advance(Duration.ofSeconds(11));
        for (int i = 0; i < 5; i++) {
            guard.execute(exchange(POST), new Script(503));
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void overTheInFlightBoundACallIsRefusedAtOnceAndSlotsAreGivenBack() throws Exception {
        limit.setMax(1);
        List<Object> nested = new ArrayList<>();
        guard.execute(exchange(GET), exchange -> {
            // a second call while the only slot is taken
            Script inner = new Script(200);
            try {
                guard.execute(exchange(GET), inner);
                nested.add("ran");
            } catch (GatewayException e) {
                nested.add(e);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(inner.bodiesSeen).isEmpty();
            exchange.getMessage().setBody(new UpstreamResponse(200, null, "{}"));
        });
        assertThat(nested).singleElement().isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.retryAfterSeconds()).isEqualTo(1L);
        });
        assertThat(limit.inFlight()).isZero();
        assertThatThrownBy(() -> guard.execute(
                        exchange(GET),
                        new Script(
                                new SocketTimeoutException("t"),
                                new SocketTimeoutException("t"),
                                new SocketTimeoutException("t"))))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(limit.inFlight())
                .as("the slot is given back after a failure too")
                .isZero();
        assertThat(meters.counter("pmgate.upstream.rejected", "exchange", "kalshi", "reason", "overloaded")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void attemptsAreTimedByOutcome() throws Exception {
        guard.execute(exchange(GET), new Script(503, new SocketTimeoutException("t"), 200));
        guard.execute(exchange(POST), new Script(429));
        assertThat(meters.timer("pmgate.upstream.calls", "exchange", "kalshi", "outcome", "5xx")
                        .count())
                .isEqualTo(1);
        assertThat(meters.timer("pmgate.upstream.calls", "exchange", "kalshi", "outcome", "timeout")
                        .count())
                .isEqualTo(1);
        assertThat(meters.timer("pmgate.upstream.calls", "exchange", "kalshi", "outcome", "2xx")
                        .count())
                .isEqualTo(1);
        assertThat(meters.timer("pmgate.upstream.calls", "exchange", "kalshi", "outcome", "429")
                        .count())
                .isEqualTo(1);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
