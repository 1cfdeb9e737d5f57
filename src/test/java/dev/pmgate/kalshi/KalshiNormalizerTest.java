package dev.pmgate.kalshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pmgate.api.Balance;
import dev.pmgate.api.CreateOrderRequest;
import dev.pmgate.api.CreateOrderRequest.OrderType;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.Fill;
import dev.pmgate.api.FillPage;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.Operation;
import dev.pmgate.api.Order;
import dev.pmgate.api.OrderPage;
import dev.pmgate.upstream.UpstreamResponse;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Kalshi's recorded demo answers, normalized field by field (SPEC §2.2; decimals exact). */
class KalshiNormalizerTest {

    private static final String TICKER = "KXWTACHALLENGERMATCH-26JUN11JIMLEP-LEP";
    private static final String MAKER_ID = "2597b999-f887-4195-8bac-c3f97a1f2021";
    private static final String MAKER_CLIENT_ID = "4a75a66e-ca85-4187-93cd-aac5e01ad982";

    private final KalshiNormalizer normalizer = new KalshiNormalizer();

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** The create of a recorded answer as the caller sent it (buy Yes: Kalshi's bid at the same price). */
    private static GatewayRequest buyYes(String price, String clientOrderId, OrderType type) {
        return new GatewayRequest(
                Operation.CREATE_ORDER,
                KalshiModule.NAME,
                new CreateOrderRequest(
                        TICKER,
                        "Yes",
                        CreateOrderRequest.Side.BUY,
                        d(price),
                        d("1"),
                        clientOrderId,
                        type,
                        null,
                        false,
                        false,
                        null),
                null,
                null,
                null,
                false);
    }

    @Test
    void aRestingMakerCreateIsOpen() {
        GatewayRequest request = buyYes("0.01", MAKER_CLIENT_ID, OrderType.GTC);
        UpstreamResponse answer = KalshiFixtures.answer("orders__create_v2_maker");
        assertThat(normalizer.isDuplicate(answer)).isFalse();

        GatewayResult result = normalizer.createdOrder(answer, request);

        assertThat(result.status()).isEqualTo(201);
        Order o = (Order) result.payload();
        assertThat(o.id()).isEqualTo(MAKER_ID);
        assertThat(o.exchange()).isEqualTo("kalshi");
        assertThat(o.marketId()).isEqualTo(TICKER);
        assertThat(o.outcome()).isEqualTo("Yes");
        assertThat(o.side()).isEqualTo("buy");
        assertThat(o.price()).isEqualTo(d("0.01"));
        assertThat(o.size()).isEqualTo(d("1"));
        assertThat(o.filled()).isEqualTo(d("0"));
        assertThat(o.remaining()).isEqualTo(d("1"));
        assertThat(o.status()).isEqualTo("open");
        assertThat(o.orderType()).isEqualTo("gtc");
        assertThat(o.clientOrderId()).isEqualTo(MAKER_CLIENT_ID);
        assertThat(o.createdAt()).isEqualTo("2026-06-11T06:29:20.866Z");
        assertThat(o.updatedAt()).isEqualTo("2026-06-11T06:29:20.866Z");
        assertThat(o.duplicate()).isNull();
    }

    @Test
    void anIocTakerCreateIsFilled() {
        GatewayRequest request = buyYes("0.99", null, OrderType.IOC);

        Order o = (Order) normalizer
                .createdOrder(KalshiFixtures.answer("orders__create_v2_taker_ioc"), request)
                .payload();

        assertThat(o.id()).isEqualTo("97ec18b7-10d3-4557-9de0-8598aad625f0");
        assertThat(o.price()).isEqualTo(d("0.99"));
        assertThat(o.filled()).isEqualTo(d("1"));
        assertThat(o.remaining()).isEqualTo(d("0"));
        assertThat(o.status()).isEqualTo("filled");
        assertThat(o.orderType()).isEqualTo("ioc");
        // no caller id: Kalshi's echo of the id pmgate sent
        assertThat(o.clientOrderId()).isEqualTo("2b8394e0-515e-4b89-b624-f34067756855");
        assertThat(o.createdAt()).isEqualTo("2026-06-11T06:29:30.164Z");
    }

    @Test
    void aSelfTradeCancelledCreateIsCancelled() {
        Order o = (Order) normalizer
                .createdOrder(KalshiFixtures.answer("orders__stp_self_cross"), buyYes("0.5", null, OrderType.GTC))
                .payload();

        assertThat(o.filled()).isEqualTo(d("0"));
        assertThat(o.remaining()).isEqualTo(d("0"));
        assertThat(o.status()).isEqualTo("cancelled");
    }

    @Test
    void aDuplicateClientOrderIdIsRecognizedNotNormalized() {
        UpstreamResponse answer = KalshiFixtures.answer("orders__duplicate_client_order_id");
        assertThat(normalizer.isDuplicate(answer)).isTrue();
        assertThat(normalizer.isDuplicate(KalshiFixtures.answer("orders__reuse_canceled_client_id")))
                .isTrue();
    }

    @Test
    void theOrderADuplicateRefersToIsReturnedAsADuplicate() {
        GatewayResult result = normalizer.duplicateOrder(
                KalshiFixtures.answer("portfolio__orders_list"), buyYes("0.01", MAKER_CLIENT_ID, OrderType.GTC));

        assertThat(result.status()).isEqualTo(200);
        Order o = (Order) result.payload();
        assertThat(o.id()).isEqualTo(MAKER_ID);
        assertThat(o.status()).isEqualTo("cancelled");
        assertThat(o.duplicate()).isTrue();
    }

    @Test
    void aDuplicateOfADifferentOrderIsDuplicateOrder() {
        assertThatThrownBy(() -> normalizer.duplicateOrder(
                        KalshiFixtures.answer("portfolio__orders_list"),
                        buyYes("0.02", MAKER_CLIENT_ID, OrderType.GTC)))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_ORDER));
    }

    @Test
    void aRestingOrderIsReadFieldByField() {
        GatewayResult result = normalizer.getOrder(KalshiFixtures.answer("orders__get_after_create"));

        assertThat(result.status()).isEqualTo(200);
        Order o = (Order) result.payload();
        assertThat(o.id()).isEqualTo(MAKER_ID);
        assertThat(o.exchange()).isEqualTo("kalshi");
        assertThat(o.marketId()).isEqualTo(TICKER);
        assertThat(o.outcome()).isEqualTo("Yes");
        assertThat(o.side()).isEqualTo("buy");
        assertThat(o.price()).isEqualTo(d("0.01"));
        assertThat(o.size()).isEqualTo(d("1"));
        assertThat(o.filled()).isEqualTo(d("0"));
        assertThat(o.remaining()).isEqualTo(d("1"));
        assertThat(o.status()).isEqualTo("open");
        assertThat(o.orderType()).isEqualTo("gtc");
        assertThat(o.clientOrderId()).isEqualTo(MAKER_CLIENT_ID);
        assertThat(o.createdAt()).isEqualTo("2026-06-11T06:29:20.866753Z");
        assertThat(o.updatedAt()).isEqualTo("2026-06-11T06:29:20.866753Z");
        assertThat(o.duplicate()).isNull();
    }

    @Test
    void theOrdersPageKeepsKalshisOrderAndHasNoCursorWhenEmpty() {
        GatewayResult result = normalizer.orders(KalshiFixtures.answer("portfolio__orders_list"));

        OrderPage page = (OrderPage) result.payload();
        assertThat(page.nextCursor()).isNull();
        assertThat(page.orders()).hasSize(9);
        Order executed = page.orders().get(0);
        assertThat(executed.id()).isEqualTo("97ec18b7-10d3-4557-9de0-8598aad625f0");
        assertThat(executed.status()).isEqualTo("filled");
        assertThat(executed.price()).isEqualTo(d("0.99"));
        assertThat(executed.filled()).isEqualTo(d("1"));
        assertThat(executed.remaining()).isEqualTo(d("0"));
        assertThat(executed.orderType()).isNull();
        Order cancelled = page.orders().get(1);
        assertThat(cancelled.id()).isEqualTo(MAKER_ID);
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.updatedAt()).isEqualTo("2026-06-11T06:29:24.112341Z");
        // a No order is priced on the No side
        Order no = page.orders().get(4);
        assertThat(no.id()).isEqualTo("19d9f274-9630-4ce8-9c2c-c1a4f348c5aa");
        assertThat(no.outcome()).isEqualTo("No");
        assertThat(no.price()).isEqualTo(d("0.98"));
    }

    @Test
    void aCancelTakesWhatKalshiReducedFromTheOrderReadBefore() {
        KalshiWire.Order before = normalizer.orderToCancel(KalshiFixtures.answer("orders__get_after_create"));
        assertThat(before.orderId()).isEqualTo(MAKER_ID);

        GatewayResult result = normalizer.cancelledOrder(KalshiFixtures.answer("orders__cancel_v2"), before);

        assertThat(result.status()).isEqualTo(200);
        Order o = (Order) result.payload();
        assertThat(o.id()).isEqualTo(MAKER_ID);
        assertThat(o.marketId()).isEqualTo(TICKER);
        assertThat(o.price()).isEqualTo(d("0.01"));
        assertThat(o.size()).isEqualTo(d("1"));
        assertThat(o.filled()).isEqualTo(d("0"));
        assertThat(o.remaining()).isEqualTo(d("0"));
        assertThat(o.status()).isEqualTo("cancelled");
        assertThat(o.createdAt()).isEqualTo("2026-06-11T06:29:20.866753Z");
        assertThat(o.updatedAt()).isEqualTo("2026-06-11T06:29:24.112Z");
    }

    @Test
    void anOrderNoLongerRestingCannotBeCancelled() {
        String executed = "{\"order\":"
                + KalshiFixtures.answer("portfolio__orders_list")
                        .json()
                        .get("orders")
                        .get(0) + "}";
        assertThatThrownBy(() -> normalizer.orderToCancel(new UpstreamResponse(200, null, executed)))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ORDER_NOT_FOUND));
    }

    @Test
    void fillsAreReadFieldByField() {
        FillPage page = (FillPage)
                normalizer.fills(KalshiFixtures.answer("fills__after_taker")).payload();

        assertThat(page.nextCursor()).isNull();
        assertThat(page.fills()).hasSize(3);
        Fill f = page.fills().get(0);
        assertThat(f.id()).isEqualTo("f4a42159-b500-57c6-efa2-c31d94d916c1");
        assertThat(f.exchange()).isEqualTo("kalshi");
        assertThat(f.orderId()).isEqualTo("97ec18b7-10d3-4557-9de0-8598aad625f0");
        assertThat(f.marketId()).isEqualTo(TICKER);
        assertThat(f.outcome()).isEqualTo("Yes");
        assertThat(f.side()).isEqualTo("buy");
        assertThat(f.price()).isEqualTo(d("0.52"));
        assertThat(f.size()).isEqualTo(d("1"));
        assertThat(f.fee()).isEqualTo(d("0.0175"));
        assertThat(f.isTaker()).isTrue();
        assertThat(f.createdAt()).isEqualTo("2026-06-11T06:29:30.164956Z");
        assertThat(page.fills().get(1).fee()).isEqualTo(d("0.0007"));
    }

    @Test
    void theBalanceIsInDollarsWithThePortfolioInTheTotal() {
        UpstreamResponse answer = KalshiFixtures.answer("auth__balance_ok");

        GatewayResult result = normalizer.balance(answer);

        assertThat(result.status()).isEqualTo(200);
        Balance b = (Balance) result.payload();
        assertThat(b.exchange()).isEqualTo("kalshi");
        assertThat(b.currency()).isEqualTo("USD");
        assertThat(b.available()).isEqualTo(d("98.0186"));
        assertThat(b.total()).isEqualTo(d("99.9986"));
        assertThat(b.raw()).isEqualTo(answer.json());
    }

    @Test
    void anErrorAnswerIsItsTranslatedError() {
        assertThatThrownBy(() -> normalizer.balance(KalshiFixtures.answer("auth__bad_signature")))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED));
        assertThatThrownBy(() -> normalizer.createdOrder(
                        KalshiFixtures.answer("orders__insufficient_balance"), buyYes("0.99", null, OrderType.GTC)))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS));
    }

    @Test
    void aSuccessWithoutTheExpectedObjectIsUpstreamError() {
        assertThatThrownBy(() -> normalizer.balance(KalshiFixtures.answer("exchange__status")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                    assertThat(e.exchange()).isEqualTo("kalshi");
                });
    }
}
