package dev.pmgate.marketdata;

import dev.pmgate.marketdata.ParsecModels.Level;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One outcome's book, normalized: bids descending, asks ascending, every price in (0, 1), every size
 * positive, equal prices merged. Built from whatever order the exchange sent (both exchanges send the
 * best level last).
 */
public record Book(List<Level> bids, List<Level> asks, Long timestamp) {

    public static Book of(List<Level> rawBids, List<Level> rawAsks, Long timestamp) {
        return new Book(
                clean(rawBids, Comparator.comparing(Level::price).reversed()),
                clean(rawAsks, Comparator.comparing(Level::price)),
                timestamp);
    }

    private static List<Level> clean(List<Level> levels, Comparator<Level> order) {
        Map<BigDecimal, BigDecimal> merged = new LinkedHashMap<>();
        for (Level l : levels) {
            if (l.price() == null
                    || l.size() == null
                    || l.size().signum() <= 0
                    || l.price().signum() <= 0
                    || l.price().compareTo(BigDecimal.ONE) >= 0) {
                continue;
            }
            BigDecimal key = l.price().stripTrailingZeros();
            merged.merge(key, l.size(), BigDecimal::add);
        }
        List<Level> out = new ArrayList<>();
        merged.forEach((p, s) ->
                out.add(new Level(dev.pmgate.api.Decimals.normalize(p), dev.pmgate.api.Decimals.normalize(s))));
        out.sort(order);
        return out;
    }

    public Book depth(int depth) {
        return new Book(
                bids.subList(0, Math.min(depth, bids.size())),
                asks.subList(0, Math.min(depth, asks.size())),
                timestamp);
    }

    public BigDecimal bestBid() {
        return bids.isEmpty() ? null : bids.get(0).price();
    }

    public BigDecimal bestAsk() {
        return asks.isEmpty() ? null : asks.get(0).price();
    }
}
