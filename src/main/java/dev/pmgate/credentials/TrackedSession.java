package dev.pmgate.credentials;

import dev.pmgate.api.ExchangeName;
import java.util.concurrent.atomic.AtomicBoolean;

/** Wraps an exchange-specific session so that opening and closing are counted exactly once. */
public final class TrackedSession implements ExchangeSession {

    private final ExchangeSession delegate;
    private final SessionTracker tracker;
    private final AtomicBoolean closed = new AtomicBoolean();

    TrackedSession(ExchangeSession delegate, SessionTracker tracker) {
        this.delegate = delegate;
        this.tracker = tracker;
        tracker.opened();
    }

    @Override
    public ExchangeName exchange() {
        return delegate.exchange();
    }

    /** The exchange-specific session, e.g. {@code KalshiSession}. */
    public <T extends ExchangeSession> T unwrap(Class<T> type) {
        return type.cast(delegate);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                delegate.close();
            } finally {
                tracker.closed();
            }
        }
    }

    @Override
    public String toString() {
        return "ExchangeSession[" + delegate.exchange().wireName() + ", redacted]";
    }
}
