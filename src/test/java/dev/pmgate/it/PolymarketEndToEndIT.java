package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.PolymarketAccount;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every Polymarket endpoint through the running gateway against the strict fake CLOB + Data API. */
class PolymarketEndToEndIT extends GatewayIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static FakePolymarket.Market market(boolean negRisk, String tick) {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String yes = new java.math.BigInteger(120, RANDOM).toString();
        String no = new java.math.BigInteger(120, RANDOM).toString();
        FakePolymarket.Market m =
                FakePolymarket.Market.binary("0x" + HexFormat.of().formatHex(id), yes, no, tick, negRisk);
        POLYMARKET.addMarket(m);
        return m;
    }

    private static PolymarketAccount account(boolean withClob) {
        PolymarketAccount a =
                withClob ? PolymarketAccount.withClobCredentials(POLYMARKET) : PolymarketAccount.keyOnly(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), new BigDecimal("1000"));
        return a;
    }

    private static String order(String market, String outcome, String side, String price, String size, String extra) {
        return "{\"market_id\":\"" + market + "\",\"outcome\":\"" + outcome + "\",\"side\":\"" + side + "\",\"price\":"
                + price + ",\"size\":" + size + extra + "}";
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void createGetListCancelOnStandardAndNegRiskMarkets(boolean withClob) {
        for (boolean negRisk : new boolean[] {false, true}) {
            PolymarketAccount a = account(withClob);
            FakePolymarket.Market m = market(negRisk, "0.01");
            int derivesBefore = POLYMARKET.deriveCalls(a.address());
            HttpCall.Response created = polymarket(
                    "POST",
                    "/orders",
                    a.header(),
                    order(
                            m.conditionId(),
                            "Yes",
                            "buy",
                            "0.57",
                            "10",
                            ",\"client_order_id\":\"poly-" + UUID.randomUUID() + "\""));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode o = created.json();
            assertThat(o.get("id").asText()).startsWith("0x").hasSize(66);
            assertThat(o.get("market_id").asText()).isEqualTo(m.conditionId());
            assertThat(o.get("outcome").asText()).isEqualTo("Yes");
            assertThat(created.body()).contains("\"price\":0.57", "\"size\":10", "\"filled\":0", "\"status\":\"open\"");
            String id = o.get("id").asText();
            FakePolymarket.PlacedOrder placed = POLYMARKET.order(id).orElseThrow();
            assertThat(placed.tokenId()).isEqualTo(m.tokens().get(0).tokenId());
            assertThat(placed.maker()).isEqualToIgnoringCase(a.address());

            JsonNode got = polymarket("GET", "/orders/" + id, a.header(), null).json();
            assertThat(got.get("status").asText()).isEqualTo("open");
            assertThat(got.get("price").decimalValue()).isEqualByComparingTo("0.57");
            assertThat(got.get("size").decimalValue()).isEqualByComparingTo("10");
            JsonNode list = polymarket("GET", "/orders?market_id=" + m.conditionId(), a.header(), null)
                    .json();
            assertThat(list).hasSize(1);

            HttpCall.Response cancelled = polymarket("DELETE", "/orders/" + id, a.header(), null);
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
            HttpCall.Response again = polymarket("DELETE", "/orders/" + id, a.header(), null);
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.json().get("code").asText()).isEqualTo("order_not_found");
            if (!withClob) {
                assertThat(POLYMARKET.deriveCalls(a.address()) - derivesBefore)
                        .as("a derive on every key-only request, nothing cached")
                        .isEqualTo(5);
            }
        }
    }

    @Test
    void buyNoAndSellYesSignTheRightTokensAndSides() {
        PolymarketAccount a = account(true);
        FakePolymarket.Market m = market(false, "0.001");
        POLYMARKET.setPosition(
                a.address(),
                new FakePolymarket.Position(
                        m.tokens().get(0).tokenId(),
                        new BigDecimal("50"),
                        new BigDecimal("0.4"),
                        new BigDecimal("0.45"),
                        BigDecimal.ZERO));
        HttpCall.Response buyNo =
                polymarket("POST", "/orders", a.header(), order(m.conditionId(), "no", "buy", "0.123", "5", ""));
        assertThat(buyNo.status()).as(buyNo.body()).isEqualTo(201);
        assertThat(buyNo.json().get("outcome").asText()).isEqualTo("No");
        FakePolymarket.PlacedOrder placedNo =
                POLYMARKET.order(buyNo.json().get("id").asText()).orElseThrow();
        assertThat(placedNo.tokenId()).isEqualTo(m.tokens().get(1).tokenId());
        assertThat(placedNo.side()).isEqualTo(PolymarketSide.BUY);

        HttpCall.Response sellYes = polymarket(
                "POST",
                "/orders",
                a.header(),
                order(m.conditionId(), "Yes", "sell", "0.9", "7", ",\"params\":{\"post_only\":true}"));
        assertThat(sellYes.status()).as(sellYes.body()).isEqualTo(201);
        FakePolymarket.PlacedOrder placedYes =
                POLYMARKET.order(sellYes.json().get("id").asText()).orElseThrow();
        assertThat(placedYes.side()).isEqualTo(PolymarketSide.SELL);
        assertThat(placedYes.postOnly()).isTrue();
        assertThat(placedYes.tokenId()).isEqualTo(m.tokens().get(0).tokenId());
    }

    @Test
    void idempotencyKeyMakesARetryTheSameOrder() {
        PolymarketAccount a = account(true);
        FakePolymarket.Market m = market(true, "0.01");
        String body = order(m.conditionId(), "Yes", "buy", "0.20", "5", "");
        String key = "idem-" + UUID.randomUUID();
        HttpCall.Response first = api("POST", "/orders?exchange=polymarket")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", key)
                .body(body)
                .send();
        HttpCall.Response second = api("POST", "/orders?exchange=polymarket")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", key)
                .body(body)
                .send();
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("duplicate").asBoolean()).isTrue();
        assertThat(second.json().get("id").asText())
                .isEqualTo(first.json().get("id").asText());
        assertThat(POLYMARKET.orders().stream().filter(o -> o.maker().equalsIgnoreCase(a.address())))
                .hasSize(1);
    }

    @Test
    void gtdExpirationGetsTheOneMinuteThreshold() {
        PolymarketAccount a = account(true);
        FakePolymarket.Market m = market(false, "0.01");
        long expiration = java.time.Instant.now().getEpochSecond() + 3600;
        HttpCall.Response created = polymarket(
                "POST",
                "/orders",
                a.header(),
                order(
                        m.conditionId(),
                        "Yes",
                        "buy",
                        "0.10",
                        "5",
                        ",\"params\":{\"order_type\":\"gtd\",\"expiration\":" + expiration + "}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        FakePolymarket.PlacedOrder placed =
                POLYMARKET.order(created.json().get("id").asText()).orElseThrow();
        assertThat(placed.expiration()).isEqualTo(expiration + 60);
        assertThat(placed.orderType()).isEqualTo("GTD");
    }

    @Test
    void balancePositionsAndFills() {
        PolymarketAccount a = account(false);
        POLYMARKET.setCollateral(a.address(), new BigDecimal("449.814548"));
        HttpCall.Response balance = polymarket("GET", "/balance", a.header(), null);
        assertThat(balance.status()).as(balance.body()).isEqualTo(200);
        assertThat(balance.body()).contains("\"available\":449.814548", "\"total\":null", "\"currency\":\"USD\"");

        FakePolymarket.Market m = market(false, "0.01");
        POLYMARKET.setPosition(
                a.address(),
                new FakePolymarket.Position(
                        m.tokens().get(1).tokenId(),
                        new BigDecimal("12.5"),
                        new BigDecimal("0.31"),
                        new BigDecimal("0.35"),
                        new BigDecimal("1.25")));
        JsonNode positions = polymarket("GET", "/positions", a.header(), null).json();
        JsonNode p = positions.get(0);
        assertThat(p.get("market_id").asText()).isEqualTo(m.conditionId());
        assertThat(p.get("outcome").asText()).isEqualTo("No");
        assertThat(p.get("size").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(p.get("average_price").decimalValue()).isEqualByComparingTo("0.31");
        assertThat(p.get("current_price").decimalValue()).isEqualByComparingTo("0.35");

        POLYMARKET.setCrossingLiquidity(m.tokens().get(0).tokenId(), new BigDecimal("100"));
        HttpCall.Response taker = polymarket(
                "POST",
                "/orders",
                a.header(),
                order(m.conditionId(), "Yes", "buy", "0.50", "10", ",\"params\":{\"order_type\":\"fok\"}"));
        assertThat(taker.status()).as(taker.body()).isEqualTo(201);
        assertThat(taker.json().get("status").asText()).isEqualTo("filled");
        assertThat(taker.json().get("filled").decimalValue()).isEqualByComparingTo("10");
        String id = taker.json().get("id").asText();
        HttpCall.Response fillsResponse = polymarket("GET", "/fills?order_id=" + id, a.header(), null);
        assertThat(fillsResponse.status()).as(fillsResponse.body()).isEqualTo(200);
        JsonNode fills = fillsResponse.json();
        assertThat(fills).isNotEmpty();
        JsonNode fill = fills.get(0);
        assertThat(fill.get("order_id").asText()).isEqualTo(id);
        assertThat(fill.get("side").asText()).isEqualTo("buy");
        assertThat(fill.get("outcome").asText()).isEqualTo("Yes");
        assertThat(fill.get("is_taker").asBoolean()).isTrue();
    }

    @Test
    void badInputsAreRefusedBeforeAnySignedCall() {
        PolymarketAccount a = account(true);
        FakePolymarket.Market m = market(false, "0.01");
        List<String[]> cases = List.of(
                new String[] {order(m.conditionId(), "Maybe", "buy", "0.5", "5", ""), "outcome"},
                new String[] {order(m.conditionId(), "Yes", "buy", "0.555", "5", ""), "price"},
                new String[] {order(m.conditionId(), "Yes", "buy", "0.5", "5.123", ""), "size"},
                new String[] {order("0x1234", "Yes", "buy", "0.5", "5", ""), "market_id"});
        for (String[] c : cases) {
            HttpCall.Response r = polymarket("POST", "/orders", a.header(), c[0]);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("validation_error");
            assertThat(r.json().get("validation_errors").get(0).asText()).startsWith(c[1]);
        }
        assertThat(POLYMARKET.orders().stream().filter(o -> o.maker().equalsIgnoreCase(a.address())))
                .isEmpty();

        for (String creds : List.of(
                "{\"private_key\":\"0x1234\"}",
                "{\"private_key\":\"zz" + "0".repeat(62) + "\"}",
                "{\"private_key\":\"" + a.privateKeyHex + "\",\"clob_api_key\":\"k\"}")) {
            HttpCall.Response r = polymarket(
                    "GET",
                    "/balance",
                    dev.pmgate.support.KalshiAccount.encode(
                            dev.pmgate.api.Json.mapper().convertValue(readTree(creds), java.util.Map.class)),
                    null);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("invalid_credentials");
            assertThat(r.body()).doesNotContain(a.privateKeyHex.substring(2));
        }
        HttpCall.Response badId = polymarket("GET", "/orders/12345", a.header(), null);
        assertThat(badId.status()).isEqualTo(400);
    }

    @Test
    void givenClobCredentialsThatTheClobRefusesAreAnAuthenticationFailureNotARederive() {
        PolymarketAccount a = account(true);
        POLYMARKET.revokeApiKey(a.creds.apiKey());
        int derives = POLYMARKET.deriveCalls(a.address());
        HttpCall.Response r = polymarket("GET", "/balance", a.header(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("authentication_failed");
        assertThat(POLYMARKET.deriveCalls(a.address())).isEqualTo(derives);
    }

    private static JsonNode readTree(String json) {
        try {
            return dev.pmgate.api.Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void marketLookupFallsBackToTheClassicMarketEndpoint() {
        PolymarketAccount a = account(true);
        FakePolymarket.Market m = market(false, "0.01");
        POLYMARKET.injectFault(
                FakePolymarket.Fault.respond(404, "{\"error\":\"not found\"}").on("GET", "/clob-markets/"));
        HttpCall.Response created =
                polymarket("POST", "/orders", a.header(), order(m.conditionId(), "No", "buy", "0.42", "5", ""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(POLYMARKET
                        .order(created.json().get("id").asText())
                        .orElseThrow()
                        .tokenId())
                .isEqualTo(m.tokens().get(1).tokenId());
    }
}
