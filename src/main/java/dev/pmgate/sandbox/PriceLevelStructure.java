package dev.pmgate.sandbox;

import java.math.BigDecimal;
import java.util.List;

/** Kalshi market tick grids ({@code Market.price_level_structure} / {@code price_ranges}). */
public enum PriceLevelStructure {
    /** $0.01 everywhere. */
    LINEAR_CENT("linear_cent", List.of(new Range("0.0000", "1.0000", "0.0100"))),
    /** $0.001 below $0.10 and above $0.90, $0.01 in between. */
    TAPERED_DECI_CENT(
            "tapered_deci_cent",
            List.of(
                    new Range("0.0000", "0.1000", "0.0010"),
                    new Range("0.1000", "0.9000", "0.0100"),
                    new Range("0.9000", "1.0000", "0.0010"))),
    /** $0.001 everywhere. */
    DECI_CENT("deci_cent", List.of(new Range("0.0000", "1.0000", "0.0010")));

    /** One {@code price_ranges[]} entry; bounds inclusive. */
    public record Range(BigDecimal start, BigDecimal end, BigDecimal step) {
        Range(String start, String end, String step) {
            this(new BigDecimal(start), new BigDecimal(end), new BigDecimal(step));
        }

        boolean contains(BigDecimal p) {
            return p.compareTo(start) >= 0 && p.compareTo(end) <= 0;
        }

        boolean onStep(BigDecimal p) {
            return p.subtract(start).remainder(step).signum() == 0;
        }
    }

    private final String wireName;
    private final List<Range> ranges;

    PriceLevelStructure(String wireName, List<Range> ranges) {
        this.wireName = wireName;
        this.ranges = ranges;
    }

    public String wireName() {
        return wireName;
    }

    public List<Range> ranges() {
        return ranges;
    }

    /** True when {@code price} is strictly inside (0, 1) and on one of the ranges' steps. */
    public boolean isOnGrid(BigDecimal price) {
        if (price.signum() <= 0 || price.compareTo(BigDecimal.ONE) >= 0) {
            return false;
        }
        for (Range r : ranges) {
            if (r.contains(price) && r.onStep(price)) {
                return true;
            }
        }
        return false;
    }

    /** Parses {@code linear_cent}, {@code tapered_deci_cent} or {@code deci_cent}. */
    public static PriceLevelStructure fromWire(String name) {
        for (PriceLevelStructure s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown price_level_structure: " + name);
    }
}
