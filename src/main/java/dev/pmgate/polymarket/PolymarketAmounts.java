package dev.pmgate.polymarket;

import dev.pmgate.api.Decimals;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * makerAmount / takerAmount of a limit order in 6-decimal base units, computed with the official
 * client's rule ({@code getOrderRawAmounts}) in exact decimal arithmetic.
 *
 * <p>BUY: maker gives pUSD = price × size, taker side is the shares. SELL: the reverse.
 */
public final class PolymarketAmounts {

    private static final int TOKEN_DECIMALS = 6;

    /** Base-unit amounts as signed into the order. */
    public record Amounts(BigInteger makerAmount, BigInteger takerAmount) {}

    private PolymarketAmounts() {}

    /**
     * Validates and converts. The price must lie strictly between 0 and 1 on the tick grid and the size
     * must be positive with at most the size decimals of the tick (2): nothing is silently rounded.
     */
    public static Amounts limitOrder(PolymarketSide side, BigDecimal price, BigDecimal size, BigDecimal tickSize) {
        PolymarketTickSize tick = PolymarketTickSize.of(tickSize);
        if (side == null) {
            throw new IllegalArgumentException("side: missing");
        }
        if (price == null || price.signum() <= 0 || price.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("price: must be greater than 0 and less than 1");
        }
        if (!tick.isValidPrice(price)) {
            throw new IllegalArgumentException(
                    "price: not on the market's tick grid of " + tick.value().toPlainString());
        }
        if (size == null || size.signum() <= 0) {
            throw new IllegalArgumentException("size: must be greater than 0");
        }
        if (Math.max(size.stripTrailingZeros().scale(), 0) > tick.sizeDecimals()) {
            throw new IllegalArgumentException("size: at most " + tick.sizeDecimals() + " decimals");
        }
        return referenceRounding(side, price, size, tick);
    }

    /**
     * The official client's rounding, kept literally: price rounded half-up to the tick's decimals,
     * size floored to 2 decimals, and the product, when it has more than {@code amountDecimals}
     * decimals, rounded up to {@code amountDecimals + 4} and then down to {@code amountDecimals}
     * (in exact arithmetic the product of rounded inputs never needs that step).
     */
    static Amounts referenceRounding(PolymarketSide side, BigDecimal price, BigDecimal size, PolymarketTickSize tick) {
        BigDecimal roundedPrice = price.setScale(tick.priceDecimals(), RoundingMode.HALF_UP);
        BigDecimal shares = size.setScale(tick.sizeDecimals(), RoundingMode.FLOOR);
        BigDecimal notional = shares.multiply(roundedPrice);
        if (Decimals.decimalPlaces(notional) > tick.amountDecimals()) {
            notional = notional.setScale(tick.amountDecimals() + 4, RoundingMode.CEILING);
            if (Decimals.decimalPlaces(notional) > tick.amountDecimals()) {
                notional = notional.setScale(tick.amountDecimals(), RoundingMode.FLOOR);
            }
        }
        BigInteger shareUnits = toBaseUnits(shares);
        BigInteger notionalUnits = toBaseUnits(notional);
        return side == PolymarketSide.BUY
                ? new Amounts(notionalUnits, shareUnits)
                : new Amounts(shareUnits, notionalUnits);
    }

    /** Market (FOK / FAK) BUY: the pUSD maker amount has at most 2 decimals, the share taker amount at most 4. */
    static final int MARKET_BUY_MAKER_DECIMALS = 2;

    static final int MARKET_BUY_TAKER_DECIMALS = 4;

    /**
     * The CLOB's market-order precision (FOK / FAK; "invalid amounts, the market buy orders maker amount
     * supports a max accuracy of 2 decimals, taker amount a max of 4 decimals"): a BUY pays
     * {@code price × size} pUSD, which must have at most 2 decimals, for {@code size} shares (at most 4);
     * a SELL gives {@code size} shares, at most 2 decimals (already the size rule). The size is never
     * changed: an order that does not fit is refused naming the nearest sizes that do.
     */
    public static void requireMarketOrderPrecision(PolymarketSide side, BigDecimal price, BigDecimal size) {
        if (side != PolymarketSide.BUY) {
            return;
        }
        BigDecimal maker = price.multiply(size);
        if (Decimals.decimalPlaces(maker) <= MARKET_BUY_MAKER_DECIMALS
                && Decimals.decimalPlaces(size) <= MARKET_BUY_TAKER_DECIMALS) {
            return;
        }
        BigDecimal step = marketBuySizeStep(price);
        BigDecimal lower = size.divide(step, 0, RoundingMode.FLOOR).multiply(step);
        BigDecimal upper = lower.add(step);
        String nearest = (lower.signum() > 0 ? Decimals.normalize(lower).toPlainString() + " or " : "")
                + Decimals.normalize(upper).toPlainString();
        throw new IllegalArgumentException("size: a Polymarket ioc/fok buy spends price x size pUSD, which the CLOB "
                + "accepts with at most " + MARKET_BUY_MAKER_DECIMALS + " decimals (market-order precision; "
                + Decimals.normalize(price).toPlainString() + " x "
                + Decimals.normalize(size).toPlainString() + " = "
                + Decimals.normalize(maker).toPlainString() + "); nearest valid sizes: " + nearest);
    }

    /**
     * The smallest size step (in 0.01 shares) whose product with {@code price} has at most 2 decimals:
     * for price {@code j / 10^d}, sizes {@code k / 100} with {@code j·k} divisible by {@code 10^d}.
     */
    static BigDecimal marketBuySizeStep(BigDecimal price) {
        BigDecimal p = Decimals.normalize(price);
        int d = Math.max(p.scale(), 0);
        BigInteger j = p.unscaledValue();
        BigInteger pow = BigInteger.TEN.pow(d);
        BigInteger k = pow.divide(j.gcd(pow));
        return new BigDecimal(k, 2);
    }

    /** The price an order's amounts imply: maker/taker for BUY, taker/maker for SELL (null if not exact). */
    public static BigDecimal impliedPrice(PolymarketSide side, BigInteger makerAmount, BigInteger takerAmount) {
        BigDecimal usdc = new BigDecimal(side == PolymarketSide.BUY ? makerAmount : takerAmount);
        BigDecimal shares = new BigDecimal(side == PolymarketSide.BUY ? takerAmount : makerAmount);
        if (shares.signum() == 0) {
            return null;
        }
        try {
            return Decimals.normalize(usdc.divide(shares));
        } catch (ArithmeticException nonTerminating) {
            return null;
        }
    }

    /** Base units (6 decimals) to a decimal amount. */
    public static BigDecimal fromBaseUnits(BigInteger units) {
        return Decimals.normalize(new BigDecimal(units, TOKEN_DECIMALS));
    }

    private static BigInteger toBaseUnits(BigDecimal value) {
        return value.movePointRight(TOKEN_DECIMALS)
                .setScale(0, RoundingMode.UNNECESSARY)
                .toBigIntegerExact();
    }
}
