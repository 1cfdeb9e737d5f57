package dev.pmgate.polymarket;

import dev.pmgate.api.ExchangeName;
import dev.pmgate.pipeline.ExchangeModule;
import dev.pmgate.pipeline.OrderRules;
import java.util.Set;
import java.util.regex.Pattern;

/** Polymarket as the pipeline sees it: its name, id syntax and order rules, signing headers. */
public final class PolymarketModule implements ExchangeModule, OrderRules {

    public static final ExchangeName NAME = ExchangeName.of("polymarket");

    private static final Pattern ORDER_ID = Pattern.compile("0x[0-9a-fA-F]{64}");
    /** 32-byte CTF condition id, or a 31-byte Protocol-V2 one (SPEC §3, "Polymarket market versions"). */
    private static final Pattern CONDITION_ID = Pattern.compile("0x([0-9a-fA-F]{62}|[0-9a-fA-F]{64})");

    private static final Pattern TOKEN_ID = Pattern.compile("[0-9]{1,78}");
    /** SPEC §2.1 (2026-12-04): a Polymarket GTD expiration is at least 120 s ahead (wire value + 60 ≥ now + 180). */
    static final long MIN_EXPIRATION_AHEAD = 120;
    /** The CLOB's {@code POST /orders} takes 15 orders. */
    static final int MAX_BATCH_ITEMS = 15;

    @Override
    public ExchangeName name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Polymarket";
    }

    @Override
    public OrderRules rules() {
        return this;
    }

    @Override
    public Set<String> signingHeaders() {
        return Set.of(
                PolymarketHeaders.POLY_ADDRESS,
                PolymarketHeaders.POLY_SIGNATURE,
                PolymarketHeaders.POLY_TIMESTAMP,
                PolymarketHeaders.POLY_NONCE,
                PolymarketHeaders.POLY_API_KEY,
                PolymarketHeaders.POLY_PASSPHRASE);
    }

    @Override
    public boolean isMarketId(String marketId) {
        return CONDITION_ID.matcher(marketId).matches();
    }

    @Override
    public String marketIdRule() {
        return "must be a Polymarket condition id (0x + 64 hex digits, or 62 for a Protocol-V2 market)";
    }

    @Override
    public boolean isOrderId(String orderId) {
        return ORDER_ID.matcher(orderId).matches();
    }

    @Override
    public String orderIdRule() {
        return "must be 0x followed by 64 hex digits";
    }

    @Override
    public String expirationProblem(long expiration, long nowEpochSeconds) {
        return expiration < nowEpochSeconds + MIN_EXPIRATION_AHEAD
                ? "on Polymarket must be at least " + MIN_EXPIRATION_AHEAD
                        + " seconds in the future (sent as expiration + 60; the CLOB clients require 180)"
                : null;
    }

    @Override
    public String tokenIdProblem(String tokenId) {
        return TOKEN_ID.matcher(tokenId).matches() ? null : "must be a decimal token id";
    }

    @Override
    public int maxBatchItems() {
        return MAX_BATCH_ITEMS;
    }

    @Override
    public String amendRefusal() {
        return "Polymarket has no order amend: cancel the order and place a new one (pmgate never does that silently)";
    }
}
