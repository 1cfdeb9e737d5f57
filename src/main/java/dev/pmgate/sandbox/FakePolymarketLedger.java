package dev.pmgate.sandbox;

import dev.pmgate.polymarket.PolymarketAmounts;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.polymarket.PolymarketSignatureType;
import dev.pmgate.sandbox.FakePolymarket.ApiCreds;
import dev.pmgate.sandbox.FakePolymarket.Market;
import dev.pmgate.sandbox.FakePolymarket.PlacedOrder;
import dev.pmgate.sandbox.FakePolymarket.Position;
import dev.pmgate.sandbox.FakePolymarket.Trade;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the fake knows. Not thread-safe by itself: every access holds the ledger's monitor
 * ({@code synchronized (ledger)}), which makes each request one atomic step.
 */
final class FakePolymarketLedger {

    static final BigInteger UNITS = BigInteger.TEN.pow(6);

    final Clock clock;
    Duration authWindow = Duration.ofSeconds(300);
    int pageSize = 100;
    final List<String> rejections = new ArrayList<>();

    final Map<String, AccountState> accounts = new HashMap<>();
    final Map<String, KeyBinding> apiKeys = new HashMap<>();
    final Map<String, Market> marketsByCondition = new HashMap<>();
    final Map<String, Market> marketsByToken = new HashMap<>();
    final Map<String, BigInteger> collateral = new HashMap<>();
    final Map<String, BigInteger> shares = new HashMap<>();
    final Map<String, Map<String, PositionState>> positions = new LinkedHashMap<>();
    final Map<String, BigInteger> liquidity = new HashMap<>();
    final Map<String, OrderState> orders = new LinkedHashMap<>();
    final List<Trade> trades = new ArrayList<>();
    /** The sandbox's house market maker: resting price levels per token (empty for the tests' fake). */
    final Map<String, List<HouseLevel>> house = new HashMap<>();
    /** Sandbox: pUSD units every wallet holds when it is first seen (null = no paper money, the test default). */
    BigInteger paperCollateral;
    /** Sandbox bounds (0 = unbounded): wallets seen, orders and trades kept; the oldest go first. */
    int maxAccounts;

    int maxOrders;
    int maxTrades;
    /** Wallet addresses (lower case) in the order they were first seen, for eviction. */
    final Map<String, Boolean> seen = new LinkedHashMap<>();
    /** Deposit wallets (POLY_1271) and the EOA that owns each: the only signer their isValidSignature accepts. */
    final Map<String, String> depositWalletOwners = new HashMap<>();
    /** Markets with a matching delay: their new orders answer {@code delayed} and wait (status DELAYED). */
    final java.util.Set<String> delayedMarkets = new java.util.HashSet<>();
    /** GTD: the wire expiration must be ≥ now + this (the CLOB's one-minute threshold, inclusive). */
    long gtdFloorSeconds = 60;
    /** Order {@code timestamp} (ms) must be within this of now (assumed; the CLOB's window is unpublished). */
    Duration orderTimestampWindow = Duration.ofDays(2);

    private long tradeSequence;

    /** A resting level of the house: {@code side} is the house's side (SELL = shares offered, crossed by a BUY). */
    static final class HouseLevel {
        final PolymarketSide side;
        final BigDecimal price;
        final BigInteger initialUnits;
        BigInteger units;

        HouseLevel(PolymarketSide side, BigDecimal price, BigInteger units) {
            this.side = side;
            this.price = price;
            this.initialUnits = units;
            this.units = units;
        }
    }

    FakePolymarketLedger(Clock clock) {
        this.clock = clock;
    }

    static final class AccountState {
        final String address;
        final Map<Long, ApiCreds> keysByNonce = new HashMap<>();
        final Map<PolymarketSignatureType, String> funders = new EnumMap<>(PolymarketSignatureType.class);
        int deriveCalls;
        int createCalls;

        AccountState(String address) {
            this.address = address;
        }
    }

    /** An issued API key and the address it is bound to. */
    record KeyBinding(ApiCreds creds, String address) {}

    static final class PositionState {
        BigDecimal size;
        BigDecimal avgPrice;
        BigDecimal curPrice;
        BigDecimal realizedPnl;
        BigDecimal totalBought;
    }

    static final class OrderState {
        String id;
        String apiKey;
        /** The API key's address (the EOA): whose order this is, whatever wallet makes it. */
        String owner;

        String maker;
        String signer;
        Market market;
        String tokenId;
        String outcome;
        PolymarketSide side;
        BigDecimal price;
        BigInteger originalUnits;
        BigInteger matchedUnits = BigInteger.ZERO;
        String orderType;
        long expiration;
        boolean postOnly;
        boolean deferExec;
        long createdAt;
        String status = "LIVE";
        String salt;
        String timestamp;
        final List<String> tradeIds = new ArrayList<>();

        BigInteger remainingUnits() {
            return originalUnits.subtract(matchedUnits);
        }

        boolean live() {
            return "LIVE".equals(status);
        }

        PlacedOrder snapshot() {
            return new PlacedOrder(
                    id,
                    apiKey,
                    maker,
                    signer,
                    market.conditionId(),
                    tokenId,
                    outcome,
                    side,
                    price,
                    PolymarketAmounts.fromBaseUnits(originalUnits),
                    PolymarketAmounts.fromBaseUnits(matchedUnits),
                    orderType,
                    expiration,
                    postOnly,
                    deferExec,
                    createdAt,
                    status,
                    salt,
                    timestamp);
        }
    }

    // ---- accounts and keys ------------------------------------------------------------------------

    AccountState accountState(String address) {
        AccountState state = accounts.get(key(address));
        if (state == null) {
            state = new AccountState(address);
            accounts.put(key(address), state);
            touch(address);
        }
        return state;
    }

    /** Notes a wallet as seen and evicts the oldest wallets beyond the bound. */
    private void touch(String address) {
        if (maxAccounts <= 0 || seen.putIfAbsent(key(address), Boolean.TRUE) != null) {
            return;
        }
        var it = seen.keySet().iterator();
        while (seen.size() > maxAccounts && it.hasNext()) {
            String oldest = it.next();
            it.remove();
            forget(oldest);
        }
    }

    /** Everything about one wallet: keys, money, shares, positions, its orders and trades. */
    private void forget(String wallet) {
        accounts.remove(wallet);
        apiKeys.values().removeIf(binding -> key(binding.address()).equals(wallet));
        collateral.remove(wallet);
        shares.keySet().removeIf(k -> k.startsWith(wallet + "|"));
        positions.remove(wallet);
        orders.values()
                .removeIf(o -> key(o.maker).equals(wallet)
                        || key(o.signer).equals(wallet)
                        || (o.owner != null && key(o.owner).equals(wallet)));
        trades.removeIf(t -> key(t.address()).equals(wallet));
    }

    /** Drops the oldest orders, trades and rejection notes beyond the bounds. */
    void trim() {
        if (maxOrders > 0) {
            var it = orders.values().iterator();
            while (orders.size() > maxOrders && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        if (maxTrades > 0 && trades.size() > maxTrades) {
            trades.subList(0, trades.size() - (maxTrades - maxTrades / 10)).clear();
        }
        if (maxOrders > 0 && rejections.size() > 1000) {
            rejections.subList(0, rejections.size() - 900).clear();
        }
    }

    void issueKey(String address, long nonce, ApiCreds creds) {
        ApiCreds previous = accountState(address).keysByNonce.put(nonce, creds);
        if (previous != null) {
            apiKeys.remove(previous.apiKey());
        }
        apiKeys.put(creds.apiKey(), new KeyBinding(creds, address));
    }

    void revokeKey(String apiKey) {
        KeyBinding binding = apiKeys.remove(apiKey);
        if (binding != null) {
            accountState(binding.address())
                    .keysByNonce
                    .values()
                    .removeIf(c -> c.apiKey().equals(apiKey));
        }
    }

    /** The same address and nonce always get the same credentials (like the real derive). */
    ApiCreds deterministicCreds(String address, long nonce) {
        String seed = "fake-polymarket|" + key(address) + "|" + nonce + "|";
        ByteBuffer id = ByteBuffer.wrap(sha256(seed + "key"));
        long high = (id.getLong() & ~0xF000L) | 0x4000L;
        long low = (id.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new ApiCreds(
                new UUID(high, low).toString(),
                Base64.getUrlEncoder().encodeToString(sha256(seed + "secret")),
                HexFormat.of().formatHex(sha256(seed + "passphrase")));
    }

    void reject(String reason) {
        rejections.add(reason);
        if (maxOrders > 0 && rejections.size() > 1000) {
            rejections.subList(0, rejections.size() - 900).clear();
        }
    }

    /** Records why a request is refused and returns the CLOB's 400 answer to throw. */
    FakePolymarketHttp.Failure fail(String reason, String message) {
        reject(reason);
        return new FakePolymarketHttp.Failure(400, message);
    }

    // ---- markets, balances, positions -------------------------------------------------------------

    void addMarket(Market market) {
        marketsByCondition.put(conditionKey(market.conditionId()), market);
        market.tokens().forEach(token -> marketsByToken.put(token.tokenId(), market));
    }

    String outcomeOf(Market market, String tokenId) {
        return market.tokens().stream()
                .filter(t -> t.tokenId().equals(tokenId))
                .findFirst()
                .orElseThrow()
                .outcome();
    }

    void setCollateral(String address, BigDecimal dollars) {
        collateral.put(key(address), toUnits(dollars));
    }

    BigInteger collateral(String address) {
        if (paperCollateral != null && !collateral.containsKey(key(address))) {
            collateral.put(key(address), paperCollateral);
            touch(address);
            // the wallet may have been the oldest one itself when the bound is tiny
            return collateral.getOrDefault(key(address), paperCollateral);
        }
        return collateral.getOrDefault(key(address), BigInteger.ZERO);
    }

    BigInteger shares(String address, String tokenId) {
        return shares.getOrDefault(key(address) + "|" + tokenId, BigInteger.ZERO);
    }

    void setPosition(String user, Position position) {
        PositionState state = positionState(user, position.tokenId());
        state.size = position.size();
        state.avgPrice = position.avgPrice() == null ? BigDecimal.ZERO : position.avgPrice();
        state.curPrice = position.curPrice();
        state.realizedPnl = position.realizedPnl() == null ? BigDecimal.ZERO : position.realizedPnl();
        state.totalBought = position.size();
        shares.put(key(user) + "|" + position.tokenId(), toUnits(position.size()));
    }

    void setLiquidity(String tokenId, BigDecimal sharesAvailable) {
        liquidity.put(tokenId, toUnits(sharesAvailable));
    }

    /** pUSD units held by the maker's live BUY orders. */
    BigInteger reservedCollateral(String maker) {
        return orders.values().stream()
                .filter(o -> o.live() && o.side == PolymarketSide.BUY && o.maker.equalsIgnoreCase(maker))
                .map(o -> notionalUnits(o.remainingUnits(), o.price))
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** Share units held by the maker's live SELL orders of a token. */
    BigInteger reservedShares(String maker, String tokenId) {
        return orders.values().stream()
                .filter(o -> o.live()
                        && o.side == PolymarketSide.SELL
                        && o.maker.equalsIgnoreCase(maker)
                        && o.tokenId.equals(tokenId))
                .map(OrderState::remainingUnits)
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    // ---- fills ------------------------------------------------------------------------------------

    PlacedOrder fillResting(String orderId, BigDecimal sharesFilled) {
        OrderState order = orders.get(orderId);
        if (order == null || !order.live()) {
            throw new IllegalArgumentException("no live order " + orderId);
        }
        BigInteger units = toUnits(sharesFilled);
        if (units.signum() <= 0 || units.compareTo(order.remainingUnits()) > 0) {
            throw new IllegalArgumentException("fill must be within the remaining size");
        }
        applyFill(order, units, "MAKER");
        return order.snapshot();
    }

    /** Moves money and shares for a fill at the order's price and records the trade. */
    Trade applyFill(OrderState order, BigInteger units, String traderSide) {
        return applyFill(order, units, traderSide, order.price);
    }

    /** A fill at {@code price} (the resting side's price: a taker crossing the house book gets the level's price). */
    Trade applyFill(OrderState order, BigInteger units, String traderSide, BigDecimal price) {
        BigInteger notional = notionalUnits(units, price);
        String sharesKey = key(order.maker) + "|" + order.tokenId;
        String cashKey = key(order.maker);
        boolean buy = order.side == PolymarketSide.BUY;
        collateral.merge(cashKey, buy ? notional.negate() : notional, BigInteger::add);
        shares.merge(sharesKey, buy ? units : units.negate(), BigInteger::add);
        updatePosition(order, PolymarketAmounts.fromBaseUnits(units), price);
        order.matchedUnits = order.matchedUnits.add(units);
        if (order.remainingUnits().signum() == 0) {
            order.status = "MATCHED";
        }
        Trade trade = new Trade(
                UUID.nameUUIDFromBytes(("fake-trade-" + ++tradeSequence).getBytes(StandardCharsets.UTF_8))
                        .toString(),
                order.owner != null ? order.owner : order.signer,
                order.id,
                order.tokenId,
                order.side,
                PolymarketAmounts.fromBaseUnits(units),
                price,
                "MATCHED",
                clock.instant().getEpochSecond(),
                traderSide);
        trades.add(trade);
        order.tradeIds.add(trade.id());
        return trade;
    }

    private void updatePosition(OrderState order, BigDecimal filled, BigDecimal price) {
        PositionState state = positionState(order.maker, order.tokenId);
        if (order.side == PolymarketSide.BUY) {
            BigDecimal cost = state.size.multiply(state.avgPrice).add(filled.multiply(price));
            state.size = state.size.add(filled);
            state.avgPrice = cost.divide(state.size, 6, RoundingMode.HALF_EVEN).stripTrailingZeros();
            state.totalBought = state.totalBought.add(filled);
        } else {
            state.size = state.size.subtract(filled);
            state.realizedPnl = state.realizedPnl.add(filled.multiply(price.subtract(state.avgPrice)));
        }
        if (state.curPrice == null) {
            state.curPrice = price;
        }
    }

    private PositionState positionState(String user, String tokenId) {
        return positions.computeIfAbsent(key(user), u -> new LinkedHashMap<>()).computeIfAbsent(tokenId, t -> {
            PositionState fresh = new PositionState();
            fresh.size = BigDecimal.ZERO;
            fresh.avgPrice = BigDecimal.ZERO;
            fresh.realizedPnl = BigDecimal.ZERO;
            fresh.totalBought = BigDecimal.ZERO;
            return fresh;
        });
    }

    static BigInteger notionalUnits(BigInteger shareUnits, BigDecimal price) {
        return new BigDecimal(shareUnits)
                .multiply(price)
                .setScale(0, RoundingMode.DOWN)
                .toBigIntegerExact();
    }

    static BigInteger toUnits(BigDecimal amount) {
        return amount.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact();
    }

    /** A 31-byte Protocol-V2 condition id and its 00-padded 32-byte form are the same market. */
    static String conditionKey(String conditionId) {
        return dev.pmgate.polymarket.PolymarketProtocol.canonicalConditionId(conditionId);
    }

    static boolean sameCondition(String a, String b) {
        return conditionKey(a).equals(conditionKey(b));
    }

    static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
