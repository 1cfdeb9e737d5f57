package dev.pmgate.sandbox;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot fault the fake applies to one matching request, before authentication and routing.
 * Custom faults implement {@link #apply(FaultExchange)}; the factories cover the usual resilience cases.
 */
@FunctionalInterface
public interface FakeFault {

    /**
     * Applies the fault.
     *
     * @return {@code true} when the request is fully handled (answered or dropped) and normal processing
     *         must not run; {@code false} to go on with normal processing afterwards
     */
    boolean apply(FaultExchange exchange) throws IOException, InterruptedException;

    /** What a fault can do with the request it matched. */
    interface FaultExchange {
        RecordedRequest request();

        /** Answers with exactly this status, body (may be empty) and headers. */
        void respond(int status, String body, Map<String, String> headers) throws IOException;

        /** Closes the connection without writing any response byte (client sees EOF / reset). */
        void dropConnection();

        /** Processes the request normally, then closes the connection instead of sending the answer. */
        void dropResponseAfterProcessing();

        /** Processes the request normally, then waits this long before sending the answer. */
        void delayResponse(Duration delay);

        /**
         * Waits up to {@code d}, returning early when the fake stops.
         *
         * @return {@code true} if the full time elapsed, {@code false} if the fake is stopping
         */
        boolean pause(Duration d) throws InterruptedException;
    }

    /** Answer with the given status/body/headers; nothing is executed. */
    static FakeFault fail(int status, String body, Map<String, String> headers) {
        Map<String, String> h = headers == null ? Map.of() : Map.copyOf(headers);
        String b = body == null ? "" : body;
        return ex -> {
            ex.respond(status, b, h);
            return true;
        };
    }

    /** Wait, then process normally (a slow exchange). */
    static FakeFault delay(Duration d) {
        Objects.requireNonNull(d);
        return ex -> {
            ex.pause(d);
            return false;
        };
    }

    /** Drop the connection before anything is executed. */
    static FakeFault resetConnection() {
        return ex -> {
            ex.dropConnection();
            return true;
        };
    }

    /** Execute the request (e.g. the order lands), but drop the connection instead of answering. */
    static FakeFault resetConnectionAfterProcessing() {
        return ex -> {
            ex.dropResponseAfterProcessing();
            return false;
        };
    }

    /** Execute the request, then hold the answer back for {@code d}. */
    static FakeFault delayResponse(Duration d) {
        Objects.requireNonNull(d);
        return ex -> {
            ex.delayResponse(d);
            return false;
        };
    }

    /**
     * A latch-controlled hold: the request blocks (before processing) until {@link #release()} or until
     * the fake stops. {@link #awaitArrival(Duration)} lets a test know the request is being held.
     */
    final class Gate implements FakeFault {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        @Override
        public boolean apply(FaultExchange exchange) throws InterruptedException {
            arrived.countDown();
            while (!released.await(50, TimeUnit.MILLISECONDS)) {
                if (!exchange.pause(Duration.ZERO)) {
                    return false;
                }
            }
            return false;
        }

        public boolean awaitArrival(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        public void release() {
            released.countDown();
        }
    }
}
