package dev.pmgate.marketdata;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every exchange's {@link PublicMarkets}, in one fixed order (by exchange name): the order of {@code GET
 * /exchanges} and of the listing streams a cursor walks, so a cursor stays valid whatever order Spring hands the
 * beans over in.
 */
final class PublicExchanges {

    private final Map<String, PublicMarkets> byName = new LinkedHashMap<>();

    PublicExchanges(List<? extends PublicMarkets> exchanges) {
        List<PublicMarkets> sorted = new ArrayList<>(exchanges);
        sorted.sort(Comparator.comparing(PublicMarkets::exchange));
        for (PublicMarkets m : sorted) {
            if (byName.put(m.exchange(), m) != null) {
                throw new IllegalStateException("two public market-data beans for exchange " + m.exchange());
            }
        }
    }

    List<PublicMarkets> all() {
        return List.copyOf(byName.values());
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The exchange of that (lower-case) name; unknown → {@code exchange_not_found} naming {@code field}. */
    PublicMarkets get(String field, String name) {
        PublicMarkets m = byName.get(name);
        if (m == null) {
            throw unknown(field + ": exchange");
        }
        return m;
    }

    /** {@code exchange_not_found} with the detail "{@code subject} must be a or b". */
    GatewayException unknown(String subject) {
        return new GatewayException(
                ErrorCode.EXCHANGE_NOT_FOUND,
                "unknown exchange",
                List.of(subject + " must be " + spelledOut()),
                null,
                null,
                null,
                null);
    }

    /** "a", "a or b", "a, b or c". */
    private String spelledOut() {
        List<String> names = names();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
