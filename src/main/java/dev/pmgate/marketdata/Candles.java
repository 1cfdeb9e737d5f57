package dev.pmgate.marketdata;

import dev.pmgate.api.GatewayException;
import dev.pmgate.marketdata.ParsecModels.Candle;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Candle widths and windows of {@code /price-history}. {@code interval} is the candle width: {@code 1m}
 * one minute, {@code 1h}, {@code 6h}, {@code 1d}, {@code 1w}; {@code max} is daily candles over the
 * market's whole history. Without {@code start_ts}/{@code end_ts} the window ends now and spans the
 * default look-back of the width.
 */
public final class Candles {

    public enum Interval {
        ONE_MINUTE("1m", 60, 6 * 3600),
        ONE_HOUR("1h", 3600, 7 * 86400),
        SIX_HOURS("6h", 6 * 3600, 30 * 86400),
        ONE_DAY("1d", 86400, 365L * 86400),
        ONE_WEEK("1w", 7 * 86400, 2 * 365L * 86400),
        MAX("max", 86400, 0);

        public final String wire;
        public final long widthSeconds;
        public final long defaultLookbackSeconds;

        Interval(String wire, long widthSeconds, long defaultLookbackSeconds) {
            this.wire = wire;
            this.widthSeconds = widthSeconds;
            this.defaultLookbackSeconds = defaultLookbackSeconds;
        }

        static Interval parse(String value) {
            for (Interval i : values()) {
                if (i.wire.equals(value)) {
                    return i;
                }
            }
            throw GatewayException.validation("interval", "must be one of 1m, 1h, 6h, 1d, 1w, max");
        }
    }

    /** At most this many candles per request. */
    static final long MAX_CANDLES = 5000;

    public record Window(long start, long end) {}

    private Candles() {}

    /** The window [start, end] in seconds; {@code marketStart} bounds {@code max} (and is used when known). */
    static Window window(Interval interval, Long start, Long end, long now, Long marketStart) {
        long e = end != null ? end : now;
        long s;
        if (start != null) {
            s = start;
        } else if (interval == Interval.MAX) {
            s = marketStart != null ? marketStart : e - 5 * 365L * 86400;
        } else {
            s = e - interval.defaultLookbackSeconds;
        }
        if (s > e) {
            throw GatewayException.validation("start_ts", "must not be after end_ts");
        }
        if ((e - s) / interval.widthSeconds > MAX_CANDLES) {
            throw GatewayException.validation(
                    "start_ts", "the window holds more than " + MAX_CANDLES + " candles of this interval");
        }
        return new Window(s, e);
    }

    /** A point of a price series (seconds, price). */
    public record Point(long t, BigDecimal p) {}

    /**
     * Buckets points into candles opening at multiples of the width (open = first point, close = last,
     * high/low = extremes); a bucket without points yields no candle. {@code volume} per bucket open
     * time (seconds); a bucket without trades has volume 0.
     */
    public static List<Candle> bucket(List<Point> points, long width, Map<Long, BigDecimal> volume) {
        TreeMap<Long, List<Point>> buckets = new TreeMap<>();
        points.stream()
                .sorted(java.util.Comparator.comparingLong(Point::t))
                .forEach(p -> buckets.computeIfAbsent(Math.floorDiv(p.t(), width) * width, k -> new ArrayList<>())
                        .add(p));
        List<Candle> out = new ArrayList<>();
        buckets.forEach((open, ps) -> {
            BigDecimal high = ps.get(0).p();
            BigDecimal low = ps.get(0).p();
            for (Point p : ps) {
                high = high.max(p.p());
                low = low.min(p.p());
            }
            out.add(new Candle(
                    open * 1000,
                    ps.get(0).p(),
                    high,
                    low,
                    ps.get(ps.size() - 1).p(),
                    volume.getOrDefault(open, BigDecimal.ZERO),
                    null));
        });
        return out;
    }
}
