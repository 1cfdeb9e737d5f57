package dev.pmgate.marketdata;

import dev.pmgate.api.GatewayException;
import dev.pmgate.marketdata.ParsecModels.Market;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/** The Parsec listing filters as applied to normalized markets (after any upstream pre-filtering). */
public record MarketFilter(String status, String search, BigDecimal minVolume, BigDecimal minLiquidity) {

    static final Set<String> STATUSES = Set.of("open", "closed", "resolved", "upcoming", "paused", "archived");

    static String status(String value) {
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("all")) {
            return null;
        }
        if (lower.equals("active")) {
            return "open";
        }
        if (lower.equals("settled")) {
            return "resolved";
        }
        if (!STATUSES.contains(lower)) {
            throw GatewayException.validation(
                    "status", "must be one of open, closed, resolved, upcoming, paused, archived");
        }
        return lower;
    }

    public boolean accepts(Market m) {
        if (status != null && !status.equals(m.status())) {
            return false;
        }
        if (minVolume != null && (m.volumeTotal() == null || m.volumeTotal().compareTo(minVolume) < 0)) {
            return false;
        }
        if (minLiquidity != null
                && minLiquidity.signum() > 0
                && (m.liquidity() == null || m.liquidity().compareTo(minLiquidity) < 0)) {
            return false;
        }
        return search == null
                || matches(search, m.question(), m.groupTitle(), m.exchangeMarketId(), m.slug(), m.exchangeGroupId());
    }

    static boolean matches(String search, String... fields) {
        String needle = search.toLowerCase(Locale.ROOT);
        for (String f : fields) {
            if (f != null && f.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
