package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.sandbox.FakeFault;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.sandbox.RecordedRequest;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import dev.pmgate.support.PolymarketAccount;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2.3 {@code x-should-retry} on every error class (the Parsec SDK obeys it over its own rule of retrying
 * 409, 429 and every 5xx), and the one exception: a {@code POST /orders} whose fate at the exchange is unknown
 * answers {@code x-should-retry: false} and names {@code Idempotency-Key} as the safe retry.
 */
class RetryHeaderIT extends GatewayIT {

    private static final Predicate<RecordedRequest> BALANCE = r -> r.rawPath().endsWith("/portfolio/balance");
    private static final Predicate<RecordedRequest> CREATE =
            r -> r.method().equals("POST") && r.rawPath().endsWith("/portfolio/events/orders");
    private static final Predicate<RecordedRequest> GET_ORDER =
            r -> r.method().equals("GET") && r.rawPath().contains("/portfolio/orders/");

    private static KalshiAccount account() {
        KalshiAccount a = new KalshiAccount(KeyFormat.ED25519);
        KALSHI.registerKey(a.keyId, a.keyPair.getPublic());
        KALSHI.setBalance(a.keyId, new BigDecimal("100"));
        return a;
    }

    private static String order(String price) {
        String ticker =
                "KXRETRY-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        KALSHI.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
        return "{\"market_id\":\"" + ticker + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":" + price
                + ",\"size\":2}";
    }

    /** Status, code, and x-should-retry equal to the body's retryable. */
    private static JsonNode advised(HttpCall.Response r, int status, String code, boolean retry) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode error = r.json();
        assertThat(error.get("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(r.header("x-should-retry")).as("x-should-retry of " + code).isEqualTo(Boolean.toString(retry));
        return error;
    }

    private static JsonNode matchesRetryable(HttpCall.Response r, int status, String code, boolean retry) {
        JsonNode error = advised(r, status, code, retry);
        assertThat(error.get("retryable").asBoolean())
                .as("retryable of " + code)
                .isEqualTo(retry);
        return error;
    }

    @Test
    void everyClientErrorSaysDoNotRetry() {
        KalshiAccount a = account();
        matchesRetryable(
                kalshi("POST", "/orders", a.header(), "{\"market_id\":\"X\"}"), 400, "validation_error", false);
        matchesRetryable(kalshi("GET", "/orders?limit=0", a.header(), null), 400, "validation_error", false);
        matchesRetryable(kalshi("GET", "/balance", "not base64 !!", null), 400, "invalid_credentials", false);
        matchesRetryable(
                api("GET", "/balance?exchange=kraken")
                        .header("X-Exchange-Credentials", a.header())
                        .send(),
                400,
                "exchange_not_found",
                false);
        matchesRetryable(
                HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/balance?exchange=kalshi")
                        .send(),
                401,
                "unauthorized",
                false);
        matchesRetryable(api("GET", "/balance?exchange=kalshi").send(), 403, "credentials_required", false);
        matchesRetryable(
                kalshi("GET", "/balance", new KalshiAccount(KeyFormat.ED25519).header(), null),
                403,
                "authentication_failed",
                false);
        matchesRetryable(
                kalshi("GET", "/orders/" + UUID.randomUUID(), a.header(), null), 404, "order_not_found", false);
        matchesRetryable(api("GET", "/no-such-endpoint").send(), 404, "not_found", false);
        matchesRetryable(api("PUT", "/balance?exchange=kalshi").send(), 405, "method_not_allowed", false);

        KALSHI.setBalance(a.keyId, new BigDecimal("0.10"));
        matchesRetryable(kalshi("POST", "/orders", a.header(), order("0.50")), 402, "insufficient_funds", false);
        KALSHI.setBalance(a.keyId, new BigDecimal("100"));

        // 409: the Parsec SDK retries 409 by default, which must not happen here
        String body = order("0.30");
        String key = "retry-409-" + UUID.randomUUID();
        assertThat(api("POST", "/orders?exchange=kalshi")
                        .header("X-Exchange-Credentials", a.header())
                        .header("Idempotency-Key", key)
                        .body(body)
                        .send()
                        .status())
                .isEqualTo(201);
        matchesRetryable(
                api("POST", "/orders?exchange=kalshi")
                        .header("X-Exchange-Credentials", a.header())
                        .header("Idempotency-Key", key)
                        .body(body.replace("0.30", "0.31"))
                        .send(),
                409,
                "duplicate_order",
                false);

        // 501: an order type the exchange cannot do; the SDK would send it three times
        long creates = KALSHI.requests().stream().filter(CREATE).count();
        matchesRetryable(
                kalshi(
                        "POST",
                        "/orders",
                        a.header(),
                        order("0.30").replace("}", ",\"params\":{\"order_type\":\"ioc\",\"post_only\":\"true\"}}")),
                501,
                "not_supported",
                false);
        assertThat(KALSHI.requests().stream().filter(CREATE).count()).isEqualTo(creates);
    }

    @Test
    void transientFailuresOfReadsInviteARetry() {
        KalshiAccount a = account();
        KALSHI.injectNext(BALANCE, FakeFault.fail(429, "", Map.of("Retry-After", "3")));
        HttpCall.Response limited = kalshi("GET", "/balance", a.header(), null);
        matchesRetryable(limited, 429, "rate_limit_exceeded", true);
        assertThat(limited.header("Retry-After")).isEqualTo("3");
        for (int i = 0; i < 3; i++) {
            KALSHI.injectNext(BALANCE, FakeFault.fail(500, "", null));
        }
        matchesRetryable(kalshi("GET", "/balance", a.header(), null), 502, "upstream_error", true);
        for (int i = 0; i < 3; i++) {
            KALSHI.injectNext(BALANCE, FakeFault.fail(503, "", null));
        }
        matchesRetryable(kalshi("GET", "/balance", a.header(), null), 503, "service_unavailable", true);
        for (int i = 0; i < 3; i++) {
            KALSHI.injectNext(GET_ORDER, FakeFault.delayResponse(Duration.ofMillis(3500)));
        }
        matchesRetryable(
                kalshi("GET", "/orders/" + UUID.randomUUID(), a.header(), null), 504, "upstream_timeout", true);
    }

    private static void unknownFate(JsonNode error, boolean kafka) {
        assertThat(error.get("retryable").asBoolean())
                .as("retryable stays as SPEC's table says")
                .isTrue();
        assertThat(error.get("error").asText())
                .contains("may or may not have been placed")
                .contains(kafka ? "request_id" : "Idempotency-Key");
    }

    @Test
    void aCreateWhoseFateIsUnknownSaysDoNotRetryBlindly() {
        KalshiAccount a = account();
        KALSHI.injectNext(CREATE, FakeFault.fail(500, "", null));
        unknownFate(advised(kalshi("POST", "/orders", a.header(), order("0.40")), 502, "upstream_error", false), false);
        KALSHI.injectNext(CREATE, FakeFault.fail(503, "", null));
        unknownFate(
                advised(kalshi("POST", "/orders", a.header(), order("0.40")), 503, "service_unavailable", false),
                false);
        KALSHI.injectNext(CREATE, FakeFault.delayResponse(Duration.ofMillis(3500)));
        unknownFate(
                advised(kalshi("POST", "/orders", a.header(), order("0.40")), 504, "upstream_timeout", false), false);

        // the danger is real: the exchange placed the order and the answer was lost …
        String body = order("0.40");
        String key = "fate-" + UUID.randomUUID();
        int before = KALSHI.orders(a.keyId).size();
        KALSHI.injectNext(CREATE, FakeFault.resetConnectionAfterProcessing());
        unknownFate(
                advised(
                        api("POST", "/orders?exchange=kalshi")
                                .header("X-Exchange-Credentials", a.header())
                                .header("Idempotency-Key", key)
                                .body(body)
                                .send(),
                        502,
                        "upstream_error",
                        false),
                false);
        assertThat(KALSHI.orders(a.keyId)).hasSize(before + 1);
        // … and the retry the message names returns it instead of placing a second one
        HttpCall.Response retried = api("POST", "/orders?exchange=kalshi")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", key)
                .body(body)
                .send();
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("duplicate").asBoolean()).isTrue();
        assertThat(KALSHI.orders(a.keyId)).hasSize(before + 1);

        // an exchange 429 refused the order: its fate is known, a retry after Retry-After is safe
        KALSHI.injectNext(CREATE, FakeFault.fail(429, "", Map.of("Retry-After", "2")));
        matchesRetryable(kalshi("POST", "/orders", a.header(), order("0.40")), 429, "rate_limit_exceeded", true);
        // a cancel that failed may be repeated: at worst it answers order_not_found
        HttpCall.Response placed = kalshi("POST", "/orders", a.header(), order("0.40"));
        KALSHI.injectNext(r -> r.method().equals("DELETE"), FakeFault.fail(500, "", null));
        matchesRetryable(
                kalshi("DELETE", "/orders/" + placed.json().get("id").asText(), a.header(), null),
                502,
                "upstream_error",
                true);
    }

    @Test
    void aPolymarketCreateWhoseFateIsUnknownSaysDoNotRetryBlindly() {
        PolymarketAccount a = PolymarketAccount.withClobCredentials(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), new BigDecimal("100"));
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        FakePolymarket.Market m =
                FakePolymarket.Market.binary("0x" + HexFormat.of().formatHex(id), "91001", "91002", "0.01", false);
        POLYMARKET.addMarket(m);
        String body = "{\"market_id\":\"" + m.conditionId()
                + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.3,\"size\":5}";
        POLYMARKET.injectFault(
                FakePolymarket.Fault.respond(500, "{\"error\":\"internal\"}").on("POST", "/order"));
        unknownFate(advised(polymarket("POST", "/orders", a.header(), body), 502, "upstream_error", false), false);
        POLYMARKET.injectFault(FakePolymarket.Fault.disconnect().on("POST", "/order"));
        unknownFate(advised(polymarket("POST", "/orders", a.header(), body), 502, "upstream_error", false), false);
        // a read that fails the same way invites the retry
        POLYMARKET.injectFault(FakePolymarket.Fault.respond(500, "{\"error\":\"internal\"}")
                .on("GET", "/balance-allowance")
                .times(3));
        matchesRetryable(polymarket("GET", "/balance", a.header(), null), 502, "upstream_error", true);
    }
}
