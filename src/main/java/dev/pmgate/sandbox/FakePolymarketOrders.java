package dev.pmgate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.polymarket.PolymarketAmounts;
import dev.pmgate.polymarket.PolymarketOrderSigner;
import dev.pmgate.polymarket.PolymarketOrderType;
import dev.pmgate.polymarket.PolymarketOrderV2;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.polymarket.PolymarketSignatureType;
import dev.pmgate.polymarket.PolymarketTickSize;
import dev.pmgate.sandbox.FakePolymarket.Market;
import dev.pmgate.sandbox.FakePolymarketHttp.Failure;
import dev.pmgate.sandbox.FakePolymarketLedger.KeyBinding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code POST /order}: the CLOB V2 order checks (docs/exchanges.md P4–P8). Callers hold the ledger lock. */
final class FakePolymarketOrders {

    static final String INVALID_PAYLOAD = "Invalid order payload";
    static final String VERSION_MISMATCH = "order_version_mismatch";
    static final String INVALID_SIGNATURE = "invalid signature";
    static final String NO_BALANCE = "not enough balance / allowance";
    static final int MAX_BATCH = 15;

    private static final Set<String> V1_ONLY_FIELDS = Set.of("nonce", "feeRateBps", "taker");
    private static final Pattern UINT = Pattern.compile("0|[1-9][0-9]{0,77}");
    private static final BigInteger SALT_LIMIT = BigInteger.ONE.shiftLeft(53);

    private final FakePolymarketLedger ledger;
    private final long chainId;
    private final Clock clock;
    /** Domains of other order versions: a signature valid there is a client on the wrong version. */
    private final List<PolymarketOrderSigner> otherVersions;

    private final FakePolymarketMatching matching;

    FakePolymarketOrders(FakePolymarketLedger ledger, long chainId, Clock clock) {
        this.ledger = ledger;
        this.chainId = chainId;
        this.clock = clock;
        this.matching = new FakePolymarketMatching(ledger, clock);
        boolean amoy = chainId == 80002;
        this.otherVersions = List.of(
                PolymarketOrderSigner.v2(chainId, false),
                PolymarketOrderSigner.v2(chainId, true),
                PolymarketOrderSigner.forDomain(
                        "1",
                        chainId,
                        amoy
                                ? "0xdFE02Eb6733538f8Ea35D585af8DE5958AD99E40"
                                : "0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E"),
                PolymarketOrderSigner.forDomain("1", chainId, "0xC5d563A36AE78145C45a50134d48A1215220f80a"),
                PolymarketOrderSigner.v3(chainId));
    }

    /** {@code POST /orders}: at most 15 envelopes; per-order failures are reported inside the 200 array. */
    ArrayNode placeBatch(KeyBinding key, JsonNode envelopes) {
        if (!envelopes.isArray() || envelopes.isEmpty()) {
            throw reject("batch: not a non-empty array", INVALID_PAYLOAD);
        }
        if (envelopes.size() > MAX_BATCH) {
            throw reject(
                    "batch: too many orders",
                    "Too many orders in payload: " + envelopes.size() + ", max allowed: " + MAX_BATCH);
        }
        ArrayNode results = FakePolymarketHttp.JSON.createArrayNode();
        for (JsonNode envelope : envelopes) {
            try {
                results.add(place(key, envelope));
            } catch (Failure failure) {
                results.add(
                        FakePolymarketMatching.orderResponse(false, failure.getMessage(), "", "", "", "", List.of()));
            }
        }
        return results;
    }

    ObjectNode place(KeyBinding key, JsonNode envelope) {
        JsonNode wire = envelope.path("order");
        if (!envelope.isObject() || !wire.isObject()) {
            throw reject("order: no order object", INVALID_PAYLOAD);
        }
        V1_ONLY_FIELDS.forEach(field -> {
            if (wire.has(field)) {
                throw reject("order: V1 field " + field, VERSION_MISMATCH);
            }
        });
        PolymarketOrderType orderType = orderType(envelope.path("orderType"));
        boolean postOnly = optionalBoolean(envelope, "postOnly");
        boolean deferExec = optionalBoolean(envelope, "deferExec");
        if (!envelope.path("owner").isTextual()
                || !envelope.get("owner").asText().equals(key.creds().apiKey())) {
            throw reject("order: owner is not the API key", "the order owner has to be the owner of the API KEY");
        }
        PolymarketOrderV2 order = parseOrder(wire);
        String signature = wire.path("signature").asText();
        verifySignerIsTheKeys(key, order);
        Market market = ledger.marketsByToken.get(order.tokenId().toString());
        if (market == null) {
            throw reject("order: unknown token id", "market not found");
        }
        if (!market.acceptingOrders()) {
            throw reject("order: market not accepting orders", "the market is not yet ready to process new orders");
        }
        // Protocol-V2 markets (V2 position ids) settle on ExchangeV3, domain "3"; CTF markets on V2 by neg-risk
        PolymarketOrderSigner domain = PolymarketOrderSigner.forMarket(chainId, market.protocolV2(), market.negRisk());
        String orderId = domain.orderHash(order);
        if (order.signatureType() == PolymarketSignatureType.POLY_1271) {
            verifyDepositWalletSignature(domain, order, signature);
        } else {
            verifySignature(domain, order, signature);
        }
        verifyMaker(order);
        BigDecimal price = verifyAmounts(orderId, order, orderType, market);
        verifyTimeInForce(order, orderType, postOnly);
        verifyTimestamp(order);
        if (ledger.orders.containsKey(orderId)) {
            throw reject("order: duplicate order hash", "order " + orderId + " is invalid. Duplicated.");
        }
        verifyBalance(order);
        return matching.execute(key, order, orderId, market, price, orderType, postOnly, deferExec);
    }

    private PolymarketOrderV2 parseOrder(JsonNode wire) {
        JsonNode salt = wire.path("salt");
        if (!salt.isIntegralNumber()
                || salt.bigIntegerValue().signum() < 0
                || salt.bigIntegerValue().compareTo(SALT_LIMIT) >= 0) {
            throw reject("order: salt is not a JSON integer below 2^53", INVALID_PAYLOAD);
        }
        if (!wire.path("signatureType").isIntegralNumber()) {
            throw reject("order: signatureType is not a number", INVALID_PAYLOAD);
        }
        int signatureType = wire.get("signatureType").asInt();
        if (signatureType < 0 || signatureType > 3) {
            throw reject("order: unknown signatureType", INVALID_PAYLOAD);
        }
        try {
            return new PolymarketOrderV2(
                    salt.longValue(),
                    text(wire, "maker"),
                    text(wire, "signer"),
                    uint(wire, "tokenId"),
                    uint(wire, "makerAmount"),
                    uint(wire, "takerAmount"),
                    PolymarketSide.fromWire(text(wire, "side")),
                    PolymarketSignatureType.fromCode(signatureType),
                    uint(wire, "timestamp"),
                    text(wire, "metadata"),
                    text(wire, "builder"),
                    uint(wire, "expiration"));
        } catch (IllegalArgumentException e) {
            throw reject("order: " + e.getMessage(), INVALID_PAYLOAD);
        }
    }

    /**
     * Types 0-2: the order's signer is the key's address. Type 3: the signer is a deposit wallet, and the key's
     * address (its L1/L2 identity is the EOA) must own it — the server rule the reports imply
     * (docs/polymarket-accounts.md; UNCONFIRMED live).
     */
    private void verifySignerIsTheKeys(KeyBinding key, PolymarketOrderV2 order) {
        boolean ok = order.signatureType() == PolymarketSignatureType.POLY_1271
                ? key.address()
                        .equalsIgnoreCase(ledger.depositWalletOwners.get(FakePolymarketLedger.key(order.signer())))
                : order.signer().equalsIgnoreCase(key.address());
        if (!ok) {
            throw reject(
                    order.signatureType() == PolymarketSignatureType.POLY_1271
                            ? "order: signer is not a deposit wallet of the API key's address"
                            : "order: signer is not the API key's address",
                    "the order signer address has to be the address of the API KEY");
        }
    }

    private void verifySignature(PolymarketOrderSigner domain, PolymarketOrderV2 order, String signature) {
        if (order.signer().equalsIgnoreCase(recover(domain, order, signature))) {
            return;
        }
        for (PolymarketOrderSigner other : otherVersions) {
            if (!other.domainSeparatorHex().equals(domain.domainSeparatorHex())
                    && order.signer().equalsIgnoreCase(recover(other, order, signature))) {
                // a V1 order is a version mismatch; a V2 order for a V3 market (or V3 for a CTF market) does not
                // recover in the market's domain: "invalid signature", the log names the domain it matched
                boolean v1 = "1".equals(other.version());
                throw reject(
                        "order: signed for domain \"" + other.version() + "\" (" + other.verifyingContract()
                                + "), the market's is \"" + domain.version() + "\" (" + domain.verifyingContract()
                                + ")",
                        v1 ? VERSION_MISMATCH : INVALID_SIGNATURE);
            }
        }
        throw reject(
                "order: signature does not recover to the signer in domain " + domain.verifyingContract(),
                INVALID_SIGNATURE);
    }

    /**
     * What the deposit wallet's {@code isValidSignature(orderHash, envelope)} checks (ERC-7739): the envelope is
     * for this exchange's domain, this order and the Order type, and its inner signature over TypedDataSign
     * recovers to the wallet's registered owner.
     */
    private void verifyDepositWalletSignature(PolymarketOrderSigner domain, PolymarketOrderV2 order, String signature) {
        String owner = ledger.depositWalletOwners.get(FakePolymarketLedger.key(order.signer()));
        String recovered;
        try {
            recovered = domain.recoverDepositWalletOwner(order, signature);
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage();
            for (PolymarketOrderSigner other : otherVersions) {
                try {
                    if (owner != null && owner.equalsIgnoreCase(other.recoverDepositWalletOwner(order, signature))) {
                        reason = "envelope for domain \"" + other.version() + "\" (" + other.verifyingContract()
                                + "), the market's is \"" + domain.version() + "\"";
                    }
                } catch (IllegalArgumentException ignored) {
                    // not that domain either
                }
            }
            throw reject("order: deposit wallet refused the signature: " + reason, INVALID_SIGNATURE);
        }
        if (owner == null || !owner.equalsIgnoreCase(recovered)) {
            throw reject("order: envelope not signed by the deposit wallet's owner", INVALID_SIGNATURE);
        }
    }

    /** The signed order timestamp (ms) must be recent: not before now − window, not after now + 5 min (assumed). */
    private void verifyTimestamp(PolymarketOrderV2 order) {
        long now = clock.millis();
        if (order.timestamp().bitLength() > 62) {
            throw reject("order: timestamp out of range", INVALID_PAYLOAD);
        }
        long timestamp = order.timestamp().longValueExact();
        if (timestamp < now - ledger.orderTimestampWindow.toMillis() || timestamp > now + 300_000) {
            throw reject("order: timestamp " + timestamp + " too far from now", "invalid order timestamp");
        }
    }

    private static String recover(PolymarketOrderSigner domain, PolymarketOrderV2 order, String signature) {
        try {
            return domain.recoverSigner(order, signature);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** EOA: maker = signer. Proxy/Safe: maker = the funder registered for the signer and that type. */
    private void verifyMaker(PolymarketOrderV2 order) {
        boolean ok = order.signatureType() == PolymarketSignatureType.EOA
                        || order.signatureType() == PolymarketSignatureType.POLY_1271
                ? order.maker().equalsIgnoreCase(order.signer())
                : order.maker()
                        .equalsIgnoreCase(String.valueOf(
                                ledger.accountState(order.signer()).funders.get(order.signatureType())));
        if (!ok) {
            throw reject(
                    "order: maker is not the wallet of the signer for signatureType "
                            + order.signatureType().code(),
                    INVALID_SIGNATURE);
        }
    }

    /** Precision per side and tick, price on the grid, minimum size. Returns the implied price. */
    private BigDecimal verifyAmounts(String orderId, PolymarketOrderV2 order, PolymarketOrderType type, Market market) {
        PolymarketTickSize tick = PolymarketTickSize.of(market.tickSize());
        boolean buy = order.side() == PolymarketSide.BUY;
        BigInteger usdc = buy ? order.makerAmount() : order.takerAmount();
        BigInteger shares = buy ? order.takerAmount() : order.makerAmount();
        if (usdc.signum() == 0 || shares.signum() == 0) {
            throw reject("order: zero amount", INVALID_PAYLOAD);
        }
        boolean marketBuy = buy && (type == PolymarketOrderType.FOK || type == PolymarketOrderType.FAK);
        int makerDecimals = marketBuy ? 2 : buy ? tick.amountDecimals() : tick.sizeDecimals();
        int takerDecimals = marketBuy ? 4 : buy ? tick.sizeDecimals() : tick.amountDecimals();
        if (!hasAtMostDecimals(order.makerAmount(), makerDecimals)
                || !hasAtMostDecimals(order.takerAmount(), takerDecimals)) {
            throw reject(
                    "order: amount precision",
                    "invalid amounts, the " + (marketBuy ? "market buy" : buy ? "buy" : "sell")
                            + " orders maker amount supports a max accuracy of " + makerDecimals
                            + " decimals, taker amount a max of " + takerDecimals + " decimals");
        }
        BigDecimal price = PolymarketAmounts.impliedPrice(order.side(), order.makerAmount(), order.takerAmount());
        if (price == null || !tick.isValidPrice(price)) {
            BigDecimal shown =
                    price != null ? price : new BigDecimal(usdc).divide(new BigDecimal(shares), new MathContext(6));
            throw reject(
                    "order: price off the tick grid",
                    "order " + orderId + " is invalid. Price (" + shown.toPlainString()
                            + ") breaks minimum tick size rule: " + tick.value().toPlainString());
        }
        BigDecimal size = PolymarketAmounts.fromBaseUnits(shares);
        if (size.compareTo(market.minOrderSize()) < 0) {
            throw reject(
                    "order: below minimum size",
                    "order " + orderId + " is invalid. Size (" + size.toPlainString() + ") lower than the minimum: "
                            + market.minOrderSize().toPlainString());
        }
        return price;
    }

    private void verifyTimeInForce(PolymarketOrderV2 order, PolymarketOrderType type, boolean postOnly) {
        if (postOnly && !type.allowsPostOnly()) {
            throw reject(
                    "order: post-only with " + type,
                    "invalid post-only order: only GTC and GTD order types are allowed");
        }
        if (order.expiration().bitLength() > 62) {
            throw reject("order: expiration out of range", "invalid expiration");
        }
        long expiration = order.expiration().longValueExact();
        boolean valid = type == PolymarketOrderType.GTD
                ? expiration >= clock.instant().getEpochSecond() + ledger.gtdFloorSeconds
                : expiration == 0;
        if (!valid) {
            throw reject("order: expiration " + expiration + " not valid for " + type, "invalid expiration");
        }
    }

    private void verifyBalance(PolymarketOrderV2 order) {
        String maker = order.maker();
        BigInteger available = order.side() == PolymarketSide.BUY
                ? ledger.collateral(maker).subtract(ledger.reservedCollateral(maker))
                : ledger.shares(maker, order.tokenId().toString())
                        .subtract(ledger.reservedShares(maker, order.tokenId().toString()));
        if (available.compareTo(order.makerAmount()) < 0) {
            throw reject("order: maker balance too low", NO_BALANCE);
        }
    }

    private PolymarketOrderType orderType(JsonNode node) {
        try {
            return PolymarketOrderType.valueOf(node.asText());
        } catch (IllegalArgumentException e) {
            throw reject("order: unknown orderType", INVALID_PAYLOAD);
        }
    }

    private boolean optionalBoolean(JsonNode envelope, String field) {
        JsonNode node = envelope.get(field);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw reject("order: " + field + " is not a boolean", INVALID_PAYLOAD);
        }
        return node.booleanValue();
    }

    private static String text(JsonNode wire, String field) {
        JsonNode node = wire.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        return node.textValue();
    }

    private static BigInteger uint(JsonNode wire, String field) {
        String value = text(wire, field);
        if (!UINT.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": must be a decimal string");
        }
        return new BigInteger(value);
    }

    private static boolean hasAtMostDecimals(BigInteger baseUnits, int decimals) {
        return baseUnits.mod(BigInteger.TEN.pow(6 - decimals)).signum() == 0;
    }

    private Failure reject(String reason, String message) {
        ledger.reject(reason);
        return new Failure(message.startsWith("market not found") ? 404 : 400, message);
    }
}
