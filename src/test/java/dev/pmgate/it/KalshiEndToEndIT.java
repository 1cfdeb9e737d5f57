package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.sandbox.BookSide;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.sandbox.RecordedRequest;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every Kalshi endpoint through the running gateway against the strict fake, for every key type. */
class KalshiEndToEndIT extends GatewayIT {

    private KalshiAccount account(KeyFormat format) {
        KalshiAccount account = new KalshiAccount(format);
        KALSHI.registerKey(account.keyId, account.keyPair.getPublic());
        KALSHI.setBalance(account.keyId, new BigDecimal("1000"));
        return account;
    }

    private static String market() {
        String ticker = "KXTEST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        KALSHI.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
        return ticker;
    }

    private static String order(String market, String outcome, String side, String price, String size, String extra) {
        return "{\"market_id\":\"" + market + "\",\"outcome\":\"" + outcome + "\",\"side\":\"" + side + "\",\"price\":"
                + price + ",\"size\":" + size + extra + "}";
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void balanceIsNormalizedToExactDollars(KeyFormat format) {
        KalshiAccount a = account(format);
        KALSHI.setBalance(a.keyId, new BigDecimal("1234.5678"));
        HttpCall.Response r = kalshi("GET", "/balance", a.header(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode b = r.json();
        assertThat(b.get("exchange").asText()).isEqualTo("kalshi");
        assertThat(b.get("currency").asText()).isEqualTo("USD");
        assertThat(b.get("available").decimalValue()).isEqualByComparingTo("1234.5678");
        assertThat(r.body()).contains("\"available\":1234.5678");
        // SPEC §2.2 (2026-12-04): raw, Kalshi's balance object as received, is always present
        assertThat(b.get("raw").get("balance_dollars").asText()).isEqualTo("1234.5678");
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void createGetListCancelRoundTrip(KeyFormat format) {
        KalshiAccount a = account(format);
        String market = market();
        HttpCall.Response created = kalshi(
                "POST",
                "/orders",
                a.header(),
                order(market, "Yes", "buy", "0.57", "10", ",\"client_order_id\":\"my-id-" + format.ordinal() + "\""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode o = created.json();
        assertThat(o.get("market_id").asText()).isEqualTo(market);
        assertThat(o.get("outcome").asText()).isEqualTo("Yes");
        assertThat(o.get("side").asText()).isEqualTo("buy");
        assertThat(created.body()).contains("\"price\":0.57", "\"size\":10", "\"filled\":0", "\"remaining\":10");
        assertThat(o.get("status").asText()).isEqualTo("open");
        assertThat(o.get("order_type").asText()).isEqualTo("gtc");
        assertThat(o.get("client_order_id").asText()).isEqualTo("my-id-" + format.ordinal());
        assertThat(o.get("created_at").asText()).endsWith("Z");
        String id = o.get("id").asText();

        RecordedRequest post = KALSHI.requests().stream()
                .filter(q -> q.method().equals("POST") && q.rawPath().endsWith("/portfolio/events/orders"))
                .reduce((x, y) -> y)
                .orElseThrow();
        assertThat(post.bodyString())
                .contains(
                        "\"side\":\"bid\"",
                        "\"price\":\"0.57\"",
                        "\"count\":\"10\"",
                        "\"time_in_force\":\"good_till_canceled\"",
                        "\"self_trade_prevention_type\":\"taker_at_cross\"");

        JsonNode got = kalshi("GET", "/orders/" + id, a.header(), null).json();
        assertThat(got.get("id").asText()).isEqualTo(id);
        assertThat(got.get("status").asText()).isEqualTo("open");
        assertThat(got.get("price").decimalValue()).isEqualByComparingTo("0.57");
        assertThat(got.get("client_order_id").asText()).isEqualTo("my-id-" + format.ordinal());

        HttpCall.Response listed = kalshi("GET", "/orders?market_id=" + market, a.header(), null);
        assertThat(listed.json().isArray()).as(listed.body()).isTrue();
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.header("X-Next-Cursor")).as("last page").isNull();
        assertThat(listed.header("Link")).isNull();

        HttpCall.Response cancelled = kalshi("DELETE", "/orders/" + id, a.header(), null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.json().get("remaining").decimalValue()).isZero();

        HttpCall.Response again = kalshi("DELETE", "/orders/" + id, a.header(), null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("code").asText()).isEqualTo("order_not_found");
        assertThat(kalshi("GET", "/orders?market_id=" + market, a.header(), null)
                        .json())
                .isEmpty();
        assertThat(kalshi("GET", "/orders?status=all&market_id=" + market, a.header(), null)
                        .json())
                .hasSize(1);
    }

    @Test
    void buyAndSellNoMapOntoTheYesBook() {
        KalshiAccount a = account(KeyFormat.ED25519);
        String market = market();
        HttpCall.Response buyNo = kalshi("POST", "/orders", a.header(), order(market, "no", "buy", "0.40", "3", ""));
        assertThat(buyNo.status()).as(buyNo.body()).isEqualTo(201);
        assertThat(buyNo.json().get("outcome").asText()).isEqualTo("No");
        HttpCall.Response sellNo = kalshi("POST", "/orders", a.header(), order(market, "No", "sell", "0.90", "2", ""));
        assertThat(sellNo.status()).as(sellNo.body()).isEqualTo(201);
        List<String> bodies = KALSHI.requests().stream()
                .filter(q -> q.method().equals("POST") && q.bodyString().contains(market))
                .map(RecordedRequest::bodyString)
                .toList();
        assertThat(bodies.get(0)).contains("\"side\":\"ask\"", "\"price\":\"0.60\"", "\"count\":\"3\"");
        assertThat(bodies.get(1)).contains("\"side\":\"bid\"", "\"price\":\"0.10\"");
        JsonNode got = kalshi("GET", "/orders/" + buyNo.json().get("id").asText(), a.header(), null)
                .json();
        assertThat(got.get("outcome").asText()).isEqualTo("No");
        assertThat(got.get("side").asText()).isEqualTo("buy");
        assertThat(got.get("price").decimalValue()).isEqualByComparingTo("0.40");
    }

    @Test
    void takerFillShowsUpInFillsAndPositions() {
        KalshiAccount a = account(KeyFormat.RSA_PKCS1);
        String market = market();
        KALSHI.addLiquidity(market, BookSide.ASK, new BigDecimal("0.52"), new BigDecimal("5"));
        HttpCall.Response created = kalshi(
                "POST",
                "/orders",
                a.header(),
                order(market, "Yes", "buy", "0.99", "2", ",\"params\":{\"order_type\":\"ioc\"}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("filled");
        assertThat(created.json().get("filled").decimalValue()).isEqualByComparingTo("2");
        String id = created.json().get("id").asText();

        JsonNode fills =
                kalshi("GET", "/fills?order_id=" + id, a.header(), null).json();
        assertThat(fills).hasSize(1);
        JsonNode fill = fills.get(0);
        assertThat(fill.get("order_id").asText()).isEqualTo(id);
        assertThat(fill.get("price").decimalValue()).isEqualByComparingTo("0.52");
        assertThat(fill.get("size").decimalValue()).isEqualByComparingTo("2");
        assertThat(fill.get("is_taker").asBoolean()).isTrue();
        assertThat(fill.get("fee").decimalValue()).isPositive();

        JsonNode positions = kalshi("GET", "/positions", a.header(), null).json();
        JsonNode p = positions.get(0);
        assertThat(p.get("market_id").asText()).isEqualTo(market);
        assertThat(p.get("outcome").asText()).isEqualTo("Yes");
        assertThat(p.get("size").decimalValue()).isEqualByComparingTo("2");
        // SPEC §2.2: the market's last traded price (public GET /markets/{ticker}), not null
        assertThat(p.get("current_price").decimalValue()).isEqualByComparingTo("0.52");
        assertThat(p.get("average_price").decimalValue()).isEqualByComparingTo("0.52");
    }

    @Test
    void retryWithTheSameIdempotencyKeyReturnsTheExistingOrder() {
        KalshiAccount a = account(KeyFormat.RSA_PKCS8);
        String market = market();
        String body = order(market, "Yes", "buy", "0.30", "1", "");
        String key = "idem-" + UUID.randomUUID();
        HttpCall.Response first = api("POST", "/orders?exchange=kalshi")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", key)
                .body(body)
                .send();
        HttpCall.Response second = api("POST", "/orders?exchange=kalshi")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", key)
                .body(body)
                .send();
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("duplicate").asBoolean()).isTrue();
        assertThat(second.json().get("id").asText())
                .isEqualTo(first.json().get("id").asText());
        assertThat(KALSHI.orders(a.keyId)).hasSize(1);

        HttpCall.Response different = api("POST", "/orders?exchange=kalshi")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", key)
                .body(order(market, "Yes", "buy", "0.31", "1", ""))
                .send();
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.json().get("code").asText()).isEqualTo("duplicate_order");
        assertThat(KALSHI.orders(a.keyId)).hasSize(1);
    }

    @Test
    void cancelOnAShardedMarketRoutesByTicker() {
        KalshiAccount a = account(KeyFormat.ED25519);
        KALSHI.setBalance(a.keyId, 2, new BigDecimal("100"));
        String ticker =
                "KXSHARD-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        KALSHI.addMarket(ticker, PriceLevelStructure.LINEAR_CENT, 2);
        HttpCall.Response created = kalshi("POST", "/orders", a.header(), order(ticker, "Yes", "buy", "0.20", "1", ""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        HttpCall.Response cancelled =
                kalshi("DELETE", "/orders/" + created.json().get("id").asText(), a.header(), null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    }

    @Test
    void kalshiRefusalsBecomeSpecErrors() {
        KalshiAccount a = account(KeyFormat.RSA_PKCS1);
        String market = market();
        HttpCall.Response offGrid =
                kalshi("POST", "/orders", a.header(), order(market, "Yes", "buy", "0.575", "1", ""));
        assertThat(offGrid.status()).isEqualTo(400);
        assertThat(offGrid.json().get("code").asText()).isEqualTo("validation_error");
        assertThat(offGrid.json().get("upstream").get("code").asText()).isEqualTo("invalid_price");
        assertThat(offGrid.json().get("exchange").asText()).isEqualTo("kalshi");

        KALSHI.setBalance(a.keyId, new BigDecimal("0.50"));
        HttpCall.Response poor = kalshi("POST", "/orders", a.header(), order(market, "Yes", "buy", "0.50", "100", ""));
        assertThat(poor.status()).isEqualTo(402);
        assertThat(poor.json().get("code").asText()).isEqualTo("insufficient_funds");

        KalshiAccount unknown = new KalshiAccount(KeyFormat.RSA_PKCS8);
        HttpCall.Response denied = kalshi("GET", "/balance", unknown.header(), null);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("code").asText()).isEqualTo("authentication_failed");

        HttpCall.Response missing = kalshi("GET", "/orders/" + UUID.randomUUID(), a.header(), null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("order_not_found");
    }
}
