package dev.pmgate.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.polymarket.PolymarketOrderSigner;
import dev.pmgate.polymarket.PolymarketProtocol;
import dev.pmgate.polymarket.PolymarketSignatureType;
import dev.pmgate.sandbox.FakePolymarket.Market;
import dev.pmgate.sandbox.FakePolymarketHttp.Failure;
import dev.pmgate.sandbox.FakePolymarketLedger.KeyBinding;
import dev.pmgate.sandbox.FakePolymarketLedger.PositionState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Balances ({@code /balance-allowance}) and Data API positions. Callers hold the ledger lock. */
final class FakePolymarketWallets {

    static final String NEG_RISK_ADAPTER = "0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296";
    private static final String MAX_UINT256 =
            BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).toString();

    private final FakePolymarketLedger ledger;

    FakePolymarketWallets(FakePolymarketLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * {@code GET /balance-allowance}: the wallet selected by {@code signature_type} (the EOA, or the proxy,
     * Safe or deposit wallet registered for it), allowances as a map. {@code CONDITIONAL-V2} selects
     * Protocol-V2 positions, {@code CONDITIONAL} CTF tokens (docs migrate/polymarket-v2/api-integrations).
     */
    ObjectNode balanceAllowance(KeyBinding key, Map<String, String> query) {
        String assetType = query.get("asset_type");
        if (!"COLLATERAL".equals(assetType)
                && !"CONDITIONAL".equals(assetType)
                && !"CONDITIONAL-V2".equals(assetType)) {
            ledger.reject("balance-allowance: asset_type");
            throw new Failure(400, "Invalid asset type");
        }
        String tokenId = query.get("token_id");
        boolean conditional = !"COLLATERAL".equals(assetType);
        if (conditional && (tokenId == null || !tokenId.matches("[0-9]{1,78}"))) {
            ledger.reject("balance-allowance: token_id");
            throw new Failure(400, "Invalid token id");
        }
        if (conditional && PolymarketProtocol.isV2PositionId(tokenId) != "CONDITIONAL-V2".equals(assetType)) {
            ledger.reject("balance-allowance: " + assetType + " for "
                    + (PolymarketProtocol.isV2PositionId(tokenId) ? "a V2 position id" : "a CTF token id"));
            throw new Failure(400, "Invalid asset type");
        }
        PolymarketSignatureType type;
        try {
            type = PolymarketSignatureType.fromCode(Integer.parseInt(String.valueOf(query.get("signature_type"))));
        } catch (IllegalArgumentException e) {
            ledger.reject("balance-allowance: signature_type");
            throw new Failure(400, "Invalid signature_type");
        }
        String wallet = type == PolymarketSignatureType.EOA
                ? key.address()
                : ledger.accountState(key.address()).funders.getOrDefault(type, key.address());
        BigInteger balance =
                "COLLATERAL".equals(assetType) ? ledger.collateral(wallet) : ledger.shares(wallet, tokenId);
        ObjectNode node = FakePolymarketHttp.JSON.createObjectNode();
        node.put("balance", balance.toString());
        ObjectNode allowances = node.putObject("allowances");
        for (String spender : List.of(
                PolymarketOrderSigner.EXCHANGE_V2,
                PolymarketOrderSigner.NEG_RISK_EXCHANGE_V2,
                NEG_RISK_ADAPTER,
                PolymarketOrderSigner.EXCHANGE_V3)) {
            allowances.put(spender, MAX_UINT256);
        }
        return node;
    }

    /** Data API v1 {@code GET /positions?user=}: a JSON array, offset paging; {@code sizeThreshold} defaults to 1. */
    ArrayNode positions(Map<String, String> query) {
        int limit = Math.min(Integer.parseInt(query.getOrDefault("limit", "100")), 500);
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        ArrayNode rows = FakePolymarketHttp.JSON.createArrayNode();
        positionRows(query, "1").stream().skip(offset).limit(limit).forEach(rows::add);
        return rows;
    }

    /**
     * Data API v2 {@code GET /v2/positions?user=}: {@code {"data":[…],"pagination":{"limit","has_more",
     * "next_cursor"}}} with an opaque cursor ({@code next_cursor: null} on the last page); {@code offset} is
     * refused as on {@code /v2/trades}; limit 1–500 (default 100), larger is a 400, not clamped. Details of
     * the v2 positions shape are UNCONFIRMED (modelled on the documented {@code /v2/trades}).
     */
    ObjectNode positionsV2(Map<String, String> query) {
        if (query.containsKey("offset")) {
            ledger.reject("v2/positions: offset");
            throw new Failure(400, "offset is not supported, use cursor");
        }
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        if (limit < 1 || limit > 500) {
            ledger.reject("v2/positions: limit");
            throw new Failure(400, "limit must be between 1 and 500");
        }
        int start = 0;
        String cursor = query.get("cursor");
        if (cursor != null) {
            try {
                String decoded = new String(
                        java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
                if (!decoded.startsWith("pos:")) {
                    throw new IllegalArgumentException("not ours");
                }
                start = Integer.parseInt(decoded.substring(4));
            } catch (IllegalArgumentException e) {
                ledger.reject("v2/positions: cursor");
                throw new Failure(400, "invalid cursor");
            }
        }
        List<ObjectNode> all = positionRows(query, "0");
        ObjectNode node = FakePolymarketHttp.JSON.createObjectNode();
        ArrayNode data = node.putArray("data");
        all.stream().skip(start).limit(limit).forEach(data::add);
        ObjectNode pagination = node.putObject("pagination");
        pagination.put("limit", limit);
        boolean more = start + limit < all.size();
        pagination.put("has_more", more);
        if (more) {
            pagination.put(
                    "next_cursor",
                    java.util.Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(
                                    ("pos:" + (start + limit)).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } else {
            pagination.putNull("next_cursor");
        }
        return node;
    }

    private List<ObjectNode> positionRows(Map<String, String> query, String defaultThreshold) {
        String user = query.get("user");
        if (user == null || !user.matches("0x[0-9a-fA-F]{40}")) {
            ledger.reject("positions: user");
            throw new Failure(400, "user is required");
        }
        BigDecimal threshold = new BigDecimal(query.getOrDefault("sizeThreshold", defaultThreshold));
        Set<String> markets = query.containsKey("market")
                ? Set.of(query.get("market").split(",")).stream()
                        .map(FakePolymarketLedger::conditionKey)
                        .collect(java.util.stream.Collectors.toSet())
                : null;
        return ledger.positions.getOrDefault(FakePolymarketLedger.key(user), Map.of()).entrySet().stream()
                .filter(e -> e.getValue().size.compareTo(threshold) >= 0
                        && e.getValue().size.signum() > 0)
                .filter(e ->
                        markets == null || markets.contains(FakePolymarketLedger.conditionKey(conditionOf(e.getKey()))))
                .map(e -> position(user, e.getKey(), e.getValue()))
                .toList();
    }

    private ObjectNode position(String user, String tokenId, PositionState state) {
        Market market = ledger.marketsByToken.get(tokenId);
        BigDecimal initial = state.size.multiply(state.avgPrice);
        BigDecimal current = state.curPrice == null ? BigDecimal.ZERO : state.size.multiply(state.curPrice);
        ObjectNode node = FakePolymarketHttp.JSON.createObjectNode();
        node.put("proxyWallet", user);
        node.put("asset", tokenId);
        node.put("conditionId", conditionOf(tokenId));
        node.put("size", state.size);
        node.put("avgPrice", state.avgPrice);
        node.put("initialValue", initial);
        node.put("currentValue", current);
        node.put("cashPnl", current.subtract(initial));
        node.put(
                "percentPnl",
                initial.signum() == 0
                        ? BigDecimal.ZERO
                        : current.subtract(initial)
                                .multiply(BigDecimal.valueOf(100))
                                .divide(initial, 6, RoundingMode.HALF_EVEN));
        node.put("totalBought", state.totalBought);
        node.put("realizedPnl", state.realizedPnl);
        node.put("percentRealizedPnl", BigDecimal.ZERO);
        node.put("curPrice", state.curPrice);
        node.put("redeemable", false);
        node.put("mergeable", false);
        node.put("title", "Fake market " + conditionOf(tokenId));
        node.put("slug", "fake-market");
        node.put("icon", "");
        node.put("eventSlug", "fake-event");
        if (market != null) {
            int index = market.tokens().stream()
                    .map(FakePolymarket.Token::tokenId)
                    .toList()
                    .indexOf(tokenId);
            node.put("outcome", market.tokens().get(index).outcome());
            node.put("outcomeIndex", index);
            if (market.tokens().size() == 2) {
                node.put("oppositeOutcome", market.tokens().get(1 - index).outcome());
                node.put("oppositeAsset", market.tokens().get(1 - index).tokenId());
            }
            node.put("negativeRisk", market.negRisk());
        }
        node.put("endDate", "2026-12-31");
        return node;
    }

    private String conditionOf(String tokenId) {
        Market market = ledger.marketsByToken.get(tokenId);
        return market == null ? "" : market.conditionId();
    }
}
