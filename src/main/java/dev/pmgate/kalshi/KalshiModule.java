package dev.pmgate.kalshi;

import dev.pmgate.api.ExchangeName;
import dev.pmgate.pipeline.ExchangeModule;
import dev.pmgate.pipeline.OrderRules;
import java.util.Set;
import java.util.regex.Pattern;

/** Kalshi as the pipeline sees it: its name, id syntax and order rules, signing headers. */
public final class KalshiModule implements ExchangeModule, OrderRules {

    public static final ExchangeName NAME = ExchangeName.of("kalshi");
    static final String DISPLAY_NAME = "Kalshi";

    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern TICKER = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    /** Kalshi's batched create takes 20 orders (its documented size). */
    static final int MAX_BATCH_ITEMS = 20;

    @Override
    public ExchangeName name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    @Override
    public OrderRules rules() {
        return this;
    }

    @Override
    public Set<String> signingHeaders() {
        return Set.of(KalshiSigner.ACCESS_KEY, KalshiSigner.ACCESS_SIGNATURE, KalshiSigner.ACCESS_TIMESTAMP);
    }

    @Override
    public boolean isMarketId(String marketId) {
        return TICKER.matcher(marketId).matches();
    }

    @Override
    public String marketIdRule() {
        return "must be a Kalshi market ticker";
    }

    @Override
    public boolean isOrderId(String orderId) {
        return ORDER_ID.matcher(orderId).matches();
    }

    @Override
    public String orderIdRule() {
        return "must match [A-Za-z0-9-]{1,64}";
    }

    @Override
    public String outcomeProblem(String outcome) {
        return "yes".equalsIgnoreCase(outcome) || "no".equalsIgnoreCase(outcome) ? null : "must be Yes or No on Kalshi";
    }

    @Override
    public String tokenIdProblem(String tokenId) {
        return "only for polymarket";
    }

    @Override
    public int maxBatchItems() {
        return MAX_BATCH_ITEMS;
    }
}
