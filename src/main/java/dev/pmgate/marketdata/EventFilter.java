package dev.pmgate.marketdata;

import dev.pmgate.marketdata.ParsecModels.Event;
import java.math.BigDecimal;

/**
 * The Parsec {@code /events} filters: status (a Parsec status, null = any), search text, minimum volume, and
 * whether each event carries its markets.
 */
public record EventFilter(String status, String search, BigDecimal minVolume, boolean includeMarkets) {

    /** Whether a normalized event passes the filters (applied after any upstream pre-filtering). */
    public boolean accepts(Event e) {
        return (status == null || status.equals(e.status()))
                && (minVolume == null || e.totalVolume().compareTo(minVolume) >= 0)
                && (search == null || MarketFilter.matches(search, e.title(), e.eventId()));
    }
}
