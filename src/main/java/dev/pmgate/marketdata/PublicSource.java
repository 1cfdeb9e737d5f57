package dev.pmgate.marketdata;

import dev.pmgate.resilience.UpstreamGuard;
import java.util.Objects;

/**
 * One public upstream surface market data is read from (Kalshi's Trade API, Polymarket's Gamma, CLOB or Data
 * API...): the exchange it belongs to (errors and metrics are named after it), a short name of the surface
 * (cache keys), its base URL, and the exchange's {@link UpstreamGuard} every read of it goes through. Declared by
 * the exchange package, one per surface.
 */
public record PublicSource(String exchange, String name, String baseUrl, UpstreamGuard guard) {

    public PublicSource {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    @Override
    public String toString() {
        return "PublicSource[" + exchange + "/" + name + "]";
    }
}
