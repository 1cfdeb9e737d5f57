package dev.pmgate.marketdata;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The Parsec public market-data response models (docs/market-data.md, docs/api.md), written as snake_case JSON by
 * {@link dev.pmgate.api.Json}. Every decimal is a {@link BigDecimal} taken from the exchange's own text.
 * Optional fields are {@code null} when the exchange does not state them; required ones never are.
 */
public final class ParsecModels {

    private ParsecModels() {}

    /** {@code GET /exchanges} entry. */
    public record ExchangeInfo(String id, String name, Map<String, Boolean> has) {}

    public record Outcome(String name, BigDecimal price, String tokenId) {}

    public record Market(
            String parsecId,
            String exchange,
            String exchangeMarketId,
            String exchangeGroupId,
            String parsecGroupId,
            String groupTitle,
            String question,
            String status,
            String marketType,
            List<Outcome> outcomes,
            BigDecimal volumeTotal,
            BigDecimal bestBid,
            BigDecimal bestAsk,
            BigDecimal lastPrice,
            BigDecimal liquidity,
            BigDecimal openInterest,

            @com.fasterxml.jackson.annotation.JsonProperty("volume_24h")
            BigDecimal volume24h,

            String conditionId,
            String slug,
            String url,
            String description,
            String rules,
            String createdAt,
            String endDate,
            String eventStartTime,
            String updatedAt,
            Integer outcomeCount,
            Object xref,
            BigDecimal tickSize) {}

    public record Pagination(int count, boolean hasMore, Long total, String nextCursor) {}

    public record MarketPage(List<Market> markets, Pagination pagination) {}

    public record Event(
            String eventId,
            String title,
            String status,
            List<String> exchanges,
            int marketCount,
            BigDecimal totalVolume,
            String closeTime,
            List<Market> markets) {

        /** open if any market is open; else upcoming / paused likewise; resolved when every market is; else closed. */
        public static String statusOf(List<Market> markets) {
            for (String s : List.of("open", "paused", "upcoming")) {
                if (markets.stream().anyMatch(m -> s.equals(m.status()))) {
                    return s;
                }
            }
            if (!markets.isEmpty() && markets.stream().allMatch(m -> "resolved".equals(m.status()))) {
                return "resolved";
            }
            return "closed";
        }
    }

    public record EventPage(List<Event> events, Pagination pagination) {}

    /** One price level, written as the JSON array {@code [price, size]}. */
    @com.fasterxml.jackson.annotation.JsonFormat(shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.ARRAY)
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"price", "size"})
    public record Level(BigDecimal price, BigDecimal size) {}

    public record OrderBook(
            String parsecId,
            String exchange,
            String marketId,
            String outcome,
            String tokenId,
            List<Level> bids,
            List<Level> asks,
            Long timestamp,
            BigDecimal midPrice,
            BigDecimal spread) {}

    public record Trade(
            BigDecimal price,
            BigDecimal size,
            long timestamp,
            String sourceChannel,
            String side,
            String aggressorSide,
            String tradeId) {}

    public record TradeList(
            String parsecId, String exchange, String marketId, String outcome, String tokenId, List<Trade> trades) {}

    public record Candle(
            long timestamp,
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal close,
            BigDecimal volume,
            BigDecimal openInterest) {}

    public record PriceHistory(
            String parsecId, String exchange, String marketId, String outcome, String interval, List<Candle> candles) {}

    public record ExecutionPrice(
            String parsecId,
            String exchange,
            String outcome,
            String side,
            BigDecimal amount,
            BigDecimal filledAmount,
            BigDecimal totalCost,
            boolean fullyFilled,
            int levelsConsumed,
            BigDecimal avgPrice,
            BigDecimal bestPrice,
            BigDecimal slippage,
            BigDecimal worstPrice,
            BigDecimal feeEstimate,
            BigDecimal netCost) {}
}
