package dev.pmgate.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.polymarket.PolymarketAmounts;
import dev.pmgate.polymarket.PolymarketOrderType;
import dev.pmgate.polymarket.PolymarketOrderV2;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.sandbox.FakePolymarket.Market;
import dev.pmgate.sandbox.FakePolymarketLedger.KeyBinding;
import dev.pmgate.sandbox.FakePolymarketLedger.OrderState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;

/**
 * The fake's stand-in for a book: a test-set amount of liquidity per token that any new order crosses
 * at its own limit price. Callers hold the ledger lock.
 */
final class FakePolymarketMatching {

    private final FakePolymarketLedger ledger;
    private final Clock clock;

    FakePolymarketMatching(FakePolymarketLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Crosses the test-set liquidity of the token, then rests (GTC/GTD) or kills (FOK/FAK) the remainder. */
    ObjectNode execute(
            KeyBinding key,
            PolymarketOrderV2 order,
            String orderId,
            Market market,
            BigDecimal price,
            PolymarketOrderType type,
            boolean postOnly,
            boolean deferExec) {
        boolean buy = order.side() == PolymarketSide.BUY;
        BigInteger sizeUnits = buy ? order.takerAmount() : order.makerAmount();
        String tokenId = order.tokenId().toString();
        List<Take> takes = houseTakes(tokenId, order.side(), price, sizeUnits);
        BigInteger crossing = takes != null
                ? takes.stream().map(Take::units).reduce(BigInteger.ZERO, BigInteger::add)
                : ledger.liquidity.getOrDefault(tokenId, BigInteger.ZERO).min(sizeUnits);
        if (postOnly && crossing.signum() > 0) {
            throw ledger.fail("order: post-only crosses", "invalid post-only order: order crosses book");
        }
        if (type == PolymarketOrderType.FOK && crossing.compareTo(sizeUnits) < 0) {
            throw ledger.fail(
                    "order: FOK not fully fillable",
                    "order couldn't be fully filled. FOK orders are fully filled or killed.");
        }
        if (type == PolymarketOrderType.FAK && crossing.signum() == 0) {
            throw ledger.fail(
                    "order: FAK found nothing",
                    "no orders found to match with FAK order. FAK orders are partially filled or killed if no match is found.");
        }
        OrderState state = new OrderState();
        state.id = orderId;
        state.apiKey = key.creds().apiKey();
        state.owner = key.address();
        state.maker = order.maker();
        state.signer = order.signer();
        state.market = market;
        state.tokenId = tokenId;
        state.outcome = ledger.outcomeOf(market, tokenId);
        state.side = order.side();
        state.price = price;
        state.originalUnits = sizeUnits;
        state.orderType = type.name();
        state.expiration = order.expiration().longValueExact();
        state.postOnly = postOnly;
        state.deferExec = deferExec;
        state.createdAt = clock.instant().getEpochSecond();
        state.salt = Long.toString(order.salt());
        state.timestamp = order.timestamp().toString();
        ledger.orders.put(orderId, state);
        ledger.trim();
        if (ledger.delayedMarkets.contains(FakePolymarketLedger.conditionKey(market.conditionId()))) {
            state.status = "DELAYED";
            return orderResponse(true, "", orderId, "delayed", "", "", List.of());
        }
        if (crossing.signum() == 0) {
            return orderResponse(true, "", orderId, "live", "", "", List.of());
        }
        BigInteger notional;
        if (takes != null) {
            notional = BigInteger.ZERO;
            for (Take take : takes) {
                ledger.applyFill(state, take.units(), "TAKER", take.level().price);
                notional = notional.add(FakePolymarketLedger.notionalUnits(take.units(), take.level().price));
                take.level().units = take.level().units.subtract(take.units());
                if (take.level().units.signum() == 0) {
                    take.level().units = take.level().initialUnits; // the house quotes again
                }
            }
            ledger.trim();
        } else {
            ledger.liquidity.merge(tokenId, crossing.negate(), BigInteger::add);
            ledger.applyFill(state, crossing, "TAKER");
            notional = FakePolymarketLedger.notionalUnits(crossing, price);
        }
        if (state.live() && (type == PolymarketOrderType.FAK || type == PolymarketOrderType.FOK)) {
            state.status = "CANCELED";
        }
        BigDecimal filledShares = PolymarketAmounts.fromBaseUnits(crossing);
        BigDecimal filledUsdc = PolymarketAmounts.fromBaseUnits(notional);
        return orderResponse(
                true,
                "",
                orderId,
                "matched",
                (buy ? filledUsdc : filledShares).toPlainString(),
                (buy ? filledShares : filledUsdc).toPlainString(),
                state.tradeIds);
    }

    /** Units taken from one house level. */
    private record Take(FakePolymarketLedger.HouseLevel level, BigInteger units) {}

    /**
     * What an order takes from the house book of its token, best price first (a BUY crosses the house's
     * SELL levels at or below its limit, a SELL the house's BUY levels at or above); null when the token has
     * no house book (the tests' fake, which uses the flat crossing liquidity instead).
     */
    private List<Take> houseTakes(String tokenId, PolymarketSide side, BigDecimal limit, BigInteger sizeUnits) {
        List<FakePolymarketLedger.HouseLevel> levels = ledger.house.get(tokenId);
        if (levels == null) {
            return null;
        }
        boolean buy = side == PolymarketSide.BUY;
        List<FakePolymarketLedger.HouseLevel> crossing = levels.stream()
                .filter(l -> buy
                        ? l.side == PolymarketSide.SELL && l.price.compareTo(limit) <= 0
                        : l.side == PolymarketSide.BUY && l.price.compareTo(limit) >= 0)
                .sorted(
                        buy
                                ? java.util.Comparator.comparing((FakePolymarketLedger.HouseLevel l) -> l.price)
                                : java.util.Comparator.comparing((FakePolymarketLedger.HouseLevel l) -> l.price)
                                        .reversed())
                .toList();
        List<Take> takes = new java.util.ArrayList<>();
        BigInteger left = sizeUnits;
        for (FakePolymarketLedger.HouseLevel level : crossing) {
            if (left.signum() == 0) {
                break;
            }
            BigInteger units = left.min(level.units);
            takes.add(new Take(level, units));
            left = left.subtract(units);
        }
        return takes;
    }

    /** The CLOB's {@code OrderResponse}. */
    static ObjectNode orderResponse(
            boolean success,
            String errorMsg,
            String orderId,
            String status,
            String making,
            String taking,
            List<String> tradeIds) {
        ObjectNode node = FakePolymarketHttp.JSON.createObjectNode();
        node.put("success", success);
        node.put("errorMsg", errorMsg);
        node.put("orderID", orderId);
        node.put("status", status);
        node.put("makingAmount", making);
        node.put("takingAmount", taking);
        node.putArray("transactionsHashes");
        ArrayNode trades = node.putArray("tradeIDs");
        tradeIds.forEach(trades::add);
        return node;
    }
}
