package dev.pmgate.resilience;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-blocking bound on concurrent calls to one exchange: a call over the bound is refused at once
 * instead of queueing behind the others (an overloaded exchange then sheds load quickly).
 */
public final class InFlightLimit {

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int max;

    public InFlightLimit(int max) {
        setMax(max);
    }

    /** Takes a slot, or returns false (taking nothing) when all are taken. */
    public boolean tryEnter() {
        while (true) {
            int current = inFlight.get();
            if (current >= max) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void exit() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int max() {
        return max;
    }

    /** Changes the bound at run time; calls already in flight keep their slot. */
    public void setMax(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1");
        }
        this.max = max;
    }
}
