package dev.pmgate.credentials;

import java.util.concurrent.atomic.AtomicLong;

/** Counts sessions opened and not yet closed, so tests and metrics can prove none is left behind. */
public class SessionTracker {

    private final AtomicLong open = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();

    void opened() {
        open.incrementAndGet();
        opened.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    public long openSessions() {
        return open.get();
    }

    public long totalOpened() {
        return opened.get();
    }
}
