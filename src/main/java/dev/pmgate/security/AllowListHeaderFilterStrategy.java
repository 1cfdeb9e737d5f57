package dev.pmgate.security;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * A header filter that lets through only named headers (case-insensitive), in both directions.
 * Camel's defaults copy every message header to HTTP requests, HTTP responses and Kafka records;
 * this replaces them wherever pmgate talks to the outside.
 */
public class AllowListHeaderFilterStrategy implements HeaderFilterStrategy {

    private final Set<String> allowedOut;
    private final Set<String> allowedIn;

    public AllowListHeaderFilterStrategy(Set<String> allowedOut, Set<String> allowedIn) {
        this.allowedOut = lower(allowedOut);
        this.allowedIn = allowedIn == null ? null : lower(allowedIn);
    }

    private static Set<String> lower(Set<String> names) {
        return names.stream()
                .map(n -> n.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Camel header → external (HTTP request/response header, Kafka record header): true means "drop". */
    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !allowedOut.contains(headerName.toLowerCase(Locale.ROOT));
    }

    /** External → Camel header; {@code allowedIn == null} lets every inbound header through to the route. */
    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return allowedIn != null && !allowedIn.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
