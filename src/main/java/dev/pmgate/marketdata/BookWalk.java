package dev.pmgate.marketdata;

import dev.pmgate.api.Decimals;
import dev.pmgate.marketdata.ParsecModels.Level;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a normalized book level by level for an order of {@code amount} shares (contracts): a buy
 * takes the asks from the lowest, a sell the bids from the highest. Exact decimals throughout; the
 * average price is rounded half-up to 10 decimals (the only division).
 */
public final class BookWalk {

    /** Per level: the quantity taken and its price. */
    public record Fill(BigDecimal price, BigDecimal quantity) {}

    record Result(
            BigDecimal filled,
            BigDecimal cost,
            boolean fullyFilled,
            List<Fill> fills,
            BigDecimal bestPrice,
            BigDecimal avgPrice,
            BigDecimal worstPrice,
            BigDecimal slippage) {
        public int levelsConsumed() {
            return fills.size();
        }
    }

    private BookWalk() {}

    static Result walk(Book book, boolean buy, BigDecimal amount) {
        List<Level> levels = buy ? book.asks() : book.bids();
        BigDecimal left = amount;
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        List<Fill> fills = new ArrayList<>();
        for (Level level : levels) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal q = left.min(level.size());
            fills.add(new Fill(level.price(), q));
            filled = filled.add(q);
            cost = cost.add(q.multiply(level.price()));
            left = left.subtract(q);
        }
        BigDecimal best = levels.isEmpty() ? null : levels.get(0).price();
        BigDecimal avg = null;
        BigDecimal worst = null;
        BigDecimal slippage = null;
        if (filled.signum() > 0) {
            avg = Decimals.normalize(cost.divide(filled, new MathContext(34)).setScale(10, RoundingMode.HALF_UP));
            worst = fills.get(fills.size() - 1).price();
            slippage = Decimals.normalize(buy ? avg.subtract(best) : best.subtract(avg));
        }
        return new Result(
                Decimals.normalize(filled),
                Decimals.normalize(cost),
                left.signum() <= 0,
                fills,
                best,
                avg,
                worst,
                slippage);
    }
}
