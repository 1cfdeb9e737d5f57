package dev.pmgate.polymarket;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The CLOB and Data API objects pmgate reads, one to one with the JSON (snake_case unless the CLOB spells a
 * field otherwise). Numbers stay the exchange's text (the CLOB sends decimals as strings) and are parsed
 * exactly by the normalizer.
 */
final class PolymarketWire {

    private PolymarketWire() {}

    /** {@code GET /data/order/{id}} and each row of {@code GET /data/orders}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OpenOrder(
            String id,
            String status,
            String market,
            String outcome,
            String side,
            String price,
            String originalSize,
            String sizeMatched,
            String orderType,
            String createdAt) {}

    /** {@code GET /data/orders}: one page and the cursor of the next ({@code LTE=} at the end). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderPage(List<OpenOrder> data, String nextCursor) {}

    /** One row of {@code GET /data/trades}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Trade(
            String id,
            String traderSide,
            String makerAddress,
            String takerOrderId,
            String market,
            String outcome,
            String side,
            String price,
            String size,
            String matchTime,
            List<MakerOrder> makerOrders) {}

    /** A maker's part of a trade. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MakerOrder(
            String makerAddress, String orderId, String outcome, String side, String price, String matchedAmount) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TradePage(List<Trade> data, String nextCursor) {}

    /** {@code GET /balance-allowance}: collateral in base units (6 decimals). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BalanceAllowance(String balance) {}

    /** {@code GET /clob-markets/{id}} (compact): condition, tokens, minimum tick, neg-risk, accepting orders. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CompactMarket(String c, List<CompactToken> t, String mts, Boolean nr, Boolean ao) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CompactToken(String t, String o) {}

    /** {@code GET /markets/{id}} (the long-standing market object). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClassicMarket(
            String conditionId,
            List<ClassicToken> tokens,
            String minimumTickSize,
            Boolean negRisk,
            Boolean acceptingOrders) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClassicToken(String tokenId, String outcome) {}

    /** {@code POST /order} (and each element of {@code POST /orders}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PostOrderResponse(
            Boolean success,
            @JsonProperty("errorMsg") String errorMsg,
            @JsonProperty("orderID") String orderId,
            String status,
            @JsonProperty("takingAmount") String takingAmount,
            @JsonProperty("makingAmount") String makingAmount) {}

    /** {@code DELETE /order}, {@code /orders}, {@code /cancel-all}, {@code /cancel-market-orders}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CancelResponse(List<String> canceled, JsonNode notCanceled) {}

    /** {@code GET /auth/derive-api-key}, {@code POST /auth/api-key}: CLOB credentials (secrets). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ApiCredentials(@JsonProperty("apiKey") String apiKey, String secret, String passphrase) {
        @Override
        public String toString() {
            return "ApiCredentials[redacted]";
        }
    }

    /** One Data API position row (v2 rows may be snake_case, as its {@code /v2/trades} rows are). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Position(
            @JsonProperty("conditionId") @JsonAlias("condition_id")
            String conditionId,

            String outcome,
            String size,

            @JsonProperty("avgPrice") @JsonAlias("avg_price")
            String avgPrice,

            @JsonProperty("curPrice") @JsonAlias("cur_price")
            String curPrice,

            @JsonProperty("realizedPnl") @JsonAlias("realized_pnl")
            String realizedPnl) {}
}
