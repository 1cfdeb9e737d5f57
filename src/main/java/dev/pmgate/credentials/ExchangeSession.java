package dev.pmgate.credentials;

import dev.pmgate.api.ExchangeName;

/**
 * The transient per-request session built from the caller's credentials (SPEC §3). It lives for one
 * request, is never cached, and is closed in every outcome; closing wipes what the JVM lets us wipe.
 */
public interface ExchangeSession extends AutoCloseable {

    ExchangeName exchange();

    /** Idempotent; wipes secret material where the underlying library allows it. */
    @Override
    void close();
}
