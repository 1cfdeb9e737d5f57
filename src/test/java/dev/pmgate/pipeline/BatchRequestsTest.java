package dev.pmgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.*;
import dev.pmgate.api.BatchRequest;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.Json;
import dev.pmgate.api.Operation;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of the SPEC §10 batch bodies: every item checked first, problems named by index. */
class BatchRequestsTest {

    private final RequestValidator validator = new RequestValidator(
            Clock.systemUTC(),
            Exchanges.of(new dev.pmgate.kalshi.KalshiModule(), new dev.pmgate.polymarket.PolymarketModule()));

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String order(String market, String price) {
        return "{\"market_id\":\"" + market + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":" + price
                + ",\"size\":1}";
    }

    private GatewayRequest build(
            Operation op, String exchange, String body, String id, Map<String, String> query, String key) {
        return validator.build(op, exchange, body == null ? null : json(body), id, query, key);
    }

    private static GatewayException failure(Runnable call) {
        try {
            call.run();
        } catch (GatewayException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }

    @Test
    void everyInvalidItemIsNamedByItsIndex() {
        GatewayException e = failure(() -> build(
                Operation.CREATE_ORDERS,
                "kalshi",
                "{\"orders\":[" + order("KX-A", "0.5") + "," + order("KX-A", "2") + "," + order("bad ticker!", "0.5")
                        + "]}",
                null,
                Map.of(),
                null));
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.validationErrors())
                .anyMatch(p -> p.startsWith("orders[1].price"))
                .anyMatch(p -> p.startsWith("orders[2].market_id"))
                .noneMatch(p -> p.startsWith("orders[0]"));
    }

    @Test
    void limitsAreTwentyOnKalshiAndFifteenOnPolymarket() {
        String market = "0x" + "ab".repeat(32);
        StringBuilder fifteen = new StringBuilder("{\"orders\":[");
        for (int i = 0; i < 15; i++) {
            fifteen.append(i == 0 ? "" : ",").append(order(market, "0.5"));
        }
        String atLimit = fifteen + "]}";
        assertThat(build(Operation.CREATE_ORDERS, "polymarket", atLimit, null, Map.of(), null)
                        .batch()
                        .orders())
                .hasSize(15);
        String over = fifteen + "," + order(market, "0.5") + "]}";
        assertThat(failure(() -> build(Operation.CREATE_ORDERS, "polymarket", over, null, Map.of(), null))
                        .validationErrors())
                .containsExactly("orders: 1 to 15 items on polymarket (got 16)");
        assertThat(failure(() -> build(Operation.CREATE_ORDERS, "kalshi", "{\"orders\":[]}", null, Map.of(), null))
                        .validationErrors())
                .containsExactly("orders: 1 to 20 items on kalshi (got 0)");
        assertThat(failure(() -> build(Operation.CREATE_ORDERS, "kalshi", "{\"orders\":{}}", null, Map.of(), null))
                        .validationErrors())
                .containsExactly("orders: must be an array");
        assertThat(failure(() -> build(
                                Operation.CREATE_ORDERS,
                                "kalshi",
                                "{\"orders\":[" + order("KX-A", "0.5") + "],\"extra\":1}",
                                null,
                                Map.of(),
                                null))
                        .validationErrors())
                .containsExactly("extra: unknown field");
    }

    @Test
    void repeatedClientOrderIdsAndIdsAreRefused() {
        String withId = order("KX-A", "0.5").replace("}", ",\"client_order_id\":\"same\"}");
        assertThat(failure(() -> build(
                                Operation.CREATE_ORDERS,
                                "kalshi",
                                "{\"orders\":[" + withId + "," + withId + "]}",
                                null,
                                Map.of(),
                                null))
                        .validationErrors())
                .containsExactly("orders[1].client_order_id: repeats orders[0]");
        assertThat(failure(() -> build(
                                Operation.CANCEL_ORDERS,
                                "kalshi",
                                "{\"ids\":[\"A-1\",\"a-1\",\"bad/id\",3]}",
                                null,
                                Map.of(),
                                null))
                        .validationErrors())
                .containsExactly(
                        "ids[1]: given more than once",
                        "ids[2]: must match [A-Za-z0-9-]{1,64}",
                        "ids[3]: must be a string");
    }

    @Test
    void itemKeysArePerIndexAndNeverACallersKey() {
        GatewayRequest batch = build(
                Operation.CREATE_ORDERS,
                "kalshi",
                "{\"orders\":[" + order("KX-A", "0.5") + "," + order("KX-A", "0.5") + "]}",
                null,
                Map.of(),
                "key-1");
        assertThat(BatchRequest.item(batch, 0).idempotencyKey()).isEqualTo("key-1 0");
        assertThat(BatchRequest.item(batch, 1).idempotencyKey()).isEqualTo("key-1 1");
        assertThat(BatchRequest.item(batch, 1).operation()).isEqualTo(Operation.CREATE_ORDER);
        // a caller's key cannot contain a space, so no single order can share an item's identity
        assertThatThrownBy(
                        () -> build(Operation.CREATE_ORDER, "kalshi", order("KX-A", "0.5"), null, Map.of(), "key-1 0"))
                .isInstanceOf(GatewayException.class);
        GatewayRequest unkeyed = build(
                Operation.CREATE_ORDERS, "kalshi", "{\"orders\":[" + order("KX-A", "0.5") + "]}", null, Map.of(), null);
        assertThat(BatchRequest.item(unkeyed, 0).idempotencyKey()).isNull();
    }

    @Test
    void amendNeedsPriceOrSizeAndIsNotSupportedOnPolymarket() {
        GatewayRequest amend =
                build(Operation.AMEND_ORDER, "kalshi", "{\"price\":0.45,\"size\":\"12.50\"}", "ABC-1", Map.of(), null);
        assertThat(amend.orderId()).isEqualTo("ABC-1");
        assertThat(amend.batch().price()).isEqualByComparingTo("0.45");
        assertThat(amend.batch().size()).isEqualByComparingTo("12.5");
        assertThat(failure(() -> build(Operation.AMEND_ORDER, "kalshi", "{}", "ABC-1", Map.of(), null))
                        .validationErrors())
                .containsExactly("body: give price, size or both");
        assertThat(failure(() -> build(Operation.AMEND_ORDER, "kalshi", "{\"size\":1}", "../x", Map.of(), null))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_ERROR);
        GatewayException poly = failure(() ->
                build(Operation.AMEND_ORDER, "polymarket", "{\"size\":1}", "0x" + "ab".repeat(32), Map.of(), null));
        assertThat(poly.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
        assertThat(poly.code().status()).isEqualTo(501);
    }

    @Test
    void cancelAllTakesAnOptionalValidMarket() {
        assertThat(build(Operation.CANCEL_ALL, "kalshi", null, null, Map.of(), null)
                        .batch()
                        .marketId())
                .isNull();
        assertThat(build(Operation.CANCEL_ALL, "kalshi", null, null, Map.of("market_id", "KX-A"), null)
                        .batch()
                        .marketId())
                .isEqualTo("KX-A");
        assertThat(failure(() -> build(
                                Operation.CANCEL_ALL, "polymarket", null, null, Map.of("market_id", "KX-A"), null))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_ERROR);
    }

    @Test
    void credentialsInABatchBodyAreRefusedAsAWhole() {
        GatewayException e = failure(() -> build(
                Operation.CREATE_ORDERS,
                "kalshi",
                "{\"orders\":[" + order("KX-A", "0.5").replace("}", ",\"private_key\":\"x\"}") + "]}",
                null,
                Map.of(),
                null));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }
}
