package dev.pmgate.upstream;

import dev.pmgate.api.Causes;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * What went wrong on the wire when an exchange call threw instead of answering. One classification
 * shared by the error mapping (SPEC §2.3), the retry policy and the circuit breaker (SPEC §7).
 */
public enum TransportFailure {
    /** Connect or response timeout: 504 {@code upstream_timeout}. */
    TIMEOUT("timeout"),
    /** Connection refused, no route, unknown host: 503 {@code service_unavailable}. */
    UNREACHABLE("unreachable"),
    /** Reset, closed without an answer: 502 {@code upstream_error}. */
    RESET("reset");

    private final String tag;

    TransportFailure(String tag) {
        this.tag = tag;
    }

    /** Metric tag value. */
    public String tag() {
        return tag;
    }

    /** The transport failure in {@code caught}'s cause chain, or {@code null} when it is something else (a bug). */
    public static TransportFailure of(Throwable caught) {
        return Causes.first(caught, TransportFailure::classify);
    }

    private static TransportFailure classify(Throwable t) {
        if (t instanceof SocketTimeoutException
                || t instanceof InterruptedIOException
                || t.getClass().getName().endsWith("ConnectTimeoutException")) {
            return TIMEOUT;
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
            return UNREACHABLE;
        }
        if (t instanceof SocketException
                || t.getClass().getName().endsWith("NoHttpResponseException")
                || t.getClass().getName().endsWith("ConnectionClosedException")) {
            return RESET;
        }
        return null;
    }
}
