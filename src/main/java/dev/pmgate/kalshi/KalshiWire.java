package dev.pmgate.kalshi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/** Raw Kalshi wire objects, one to one with the JSON (snake_case; decimals as exact BigDecimal). */
final class KalshiWire {

    private KalshiWire() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Order(
            String orderId,
            String clientOrderId,
            String ticker,
            String side,
            String action,
            String outcomeSide,
            String bookSide,
            String type,
            String status,
            BigDecimal yesPriceDollars,
            BigDecimal noPriceDollars,
            BigDecimal fillCountFp,
            BigDecimal remainingCountFp,
            BigDecimal initialCountFp,
            String expirationTime,
            String createdTime,
            String lastUpdateTime,
            Integer subaccountNumber,
            Integer exchangeIndex) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderEnvelope(Order order) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderList(List<Order> orders, String cursor) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CreateOrderResponse(
            String orderId,
            String clientOrderId,
            BigDecimal fillCount,
            BigDecimal remainingCount,
            BigDecimal averageFillPrice,
            BigDecimal averageFeePaid,
            Long tsMs) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CancelOrderResponse(String orderId, String clientOrderId, BigDecimal reducedBy, Long tsMs) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Fill(
            String fillId,
            String tradeId,
            String orderId,
            String ticker,
            String marketTicker,
            String outcomeSide,
            String bookSide,
            BigDecimal countFp,
            BigDecimal yesPriceDollars,
            BigDecimal noPriceDollars,
            Boolean isTaker,
            String createdTime,
            BigDecimal feeCost) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FillList(List<Fill> fills, String cursor) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MarketPosition(
            String ticker,
            BigDecimal positionFp,
            BigDecimal marketExposureDollars,
            BigDecimal realizedPnlDollars,
            BigDecimal totalTradedDollars) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PositionList(List<MarketPosition> marketPositions, String cursor) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Balance(Long balance, BigDecimal balanceDollars, Long portfolioValue, Long updatedTs) {}
}
