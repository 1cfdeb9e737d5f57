package dev.pmgate.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.sandbox.FakePolymarket.Market;
import dev.pmgate.sandbox.FakePolymarketHttp.Failure;
import dev.pmgate.sandbox.FakePolymarketLedger.KeyBinding;
import dev.pmgate.sandbox.FakePolymarketLedger.PositionState;
import dev.pmgate.polymarket.PolymarketOrderSigner;
import dev.pmgate.polymarket.PolymarketSignatureType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Balances ({@code /balance-allowance}) and Data API positions. Callers hold the ledger lock. */
final class FakePolymarketWallets {

    static final String NEG_RISK_ADAPTER = "0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296";
    private static final String MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).toString();

    private final FakePolymarketLedger ledger;

    FakePolymarketWallets(FakePolymarketLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code GET /balance-allowance}: the wallet selected by {@code signature_type}, allowances as a map. */
    ObjectNode balanceAllowance(KeyBinding key, Map<String, String> query) {
        String assetType = query.get("asset_type");
        if (!"COLLATERAL".equals(assetType) && !"CONDITIONAL".equals(assetType)) {
            ledger.reject("balance-allowance: asset_type");
            throw new Failure(400, "Invalid asset type");
        }
        String tokenId = query.get("token_id");
        if ("CONDITIONAL".equals(assetType) && (tokenId == null || !tokenId.matches("[0-9]+"))) {
            ledger.reject("balance-allowance: token_id");
            throw new Failure(400, "Invalid token id");
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
        BigInteger balance = "COLLATERAL".equals(assetType) ? ledger.collateral(wallet) : ledger.shares(wallet, tokenId);
        ObjectNode node = FakePolymarketHttp.JSON.createObjectNode();
        node.put("balance", balance.toString());
        ObjectNode allowances = node.putObject("allowances");
        for (String spender : List.of(PolymarketOrderSigner.EXCHANGE_V2, PolymarketOrderSigner.NEG_RISK_EXCHANGE_V2,
                NEG_RISK_ADAPTER)) {
            allowances.put(spender, MAX_UINT256);
        }
        return node;
    }

    /** Data API {@code GET /positions?user=}: a JSON array; {@code sizeThreshold} defaults to 1. */
    ArrayNode positions(Map<String, String> query) {
        String user = query.get("user");
        if (user == null || !user.matches("0x[0-9a-fA-F]{40}")) {
            ledger.reject("positions: user");
            throw new Failure(400, "user is required");
        }
        BigDecimal threshold = new BigDecimal(query.getOrDefault("sizeThreshold", "1"));
        int limit = Math.min(Integer.parseInt(query.getOrDefault("limit", "100")), 500);
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        Set<String> markets = query.containsKey("market")
                ? Set.of(query.get("market").toLowerCase(Locale.ROOT).split(",")) : null;
        ArrayNode rows = FakePolymarketHttp.JSON.createArrayNode();
        ledger.positions.getOrDefault(FakePolymarketLedger.key(user), Map.of()).entrySet().stream()
                .filter(e -> e.getValue().size.compareTo(threshold) >= 0 && e.getValue().size.signum() > 0)
                .filter(e -> markets == null || markets.contains(conditionOf(e.getKey()).toLowerCase(Locale.ROOT)))
                .skip(offset)
                .limit(limit)
                .forEach(e -> rows.add(position(user, e.getKey(), e.getValue())));
        return rows;
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
        node.put("percentPnl", initial.signum() == 0 ? BigDecimal.ZERO
                : current.subtract(initial).multiply(BigDecimal.valueOf(100)).divide(initial, 6, RoundingMode.HALF_EVEN));
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
            int index = market.tokens().stream().map(FakePolymarket.Token::tokenId).toList().indexOf(tokenId);
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
