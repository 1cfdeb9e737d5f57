package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.polymarket.PolymarketIdempotency;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.PolymarketAccount;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 end to end: deposit-wallet accounts (signature_type 3) for every operation, Protocol-V2 markets,
 * market-order precision, the GTD floor, POST /order statuses, order-signature refusals, Data API v2 paging —
 * through the running gateway against the strict fake CLOB, which verifies ERC-7739 envelopes and domains.
 */
class PolymarketAccountsIT extends GatewayIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key (with or without CLOB credentials) and its deposit wallet, registered at the fake and funded. */
    record DepositWalletAccount(PolymarketAccount key, String wallet) {
        String header() {
            Map<String, Object> json = new LinkedHashMap<>(key.credentialsJson());
            json.put("funder_address", wallet);
            json.put("signature_type", 3);
            return KalshiAccount.encode(json);
        }
    }

    private static DepositWalletAccount depositWallet(boolean withClob) {
        PolymarketAccount key =
                withClob ? PolymarketAccount.withClobCredentials(POLYMARKET) : PolymarketAccount.keyOnly(POLYMARKET);
        byte[] raw = new byte[20];
        RANDOM.nextBytes(raw);
        String wallet = "0x" + HexFormat.of().formatHex(raw);
        POLYMARKET.registerDepositWallet(key.address(), wallet);
        POLYMARKET.setCollateral(wallet, new BigDecimal("1000"));
        POLYMARKET.setCollateral(key.address(), new BigDecimal("1"));
        return new DepositWalletAccount(key, wallet);
    }

    private static FakePolymarket.Market ctfMarket(String tick) {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        FakePolymarket.Market m = FakePolymarket.Market.binary(
                "0x" + HexFormat.of().formatHex(id),
                new java.math.BigInteger(120, RANDOM).toString(),
                new java.math.BigInteger(120, RANDOM).toString(),
                tick,
                false);
        POLYMARKET.addMarket(m);
        return m;
    }

    /** A Protocol-V2 market: 31-byte condition id (module 1, 18 condition bytes, 12 zero bytes). */
    private static FakePolymarket.Market v2Market() {
        byte[] id = new byte[31];
        id[0] = 1;
        byte[] condition = new byte[18];
        RANDOM.nextBytes(condition);
        System.arraycopy(condition, 0, id, 1, 18);
        FakePolymarket.Market m =
                FakePolymarket.Market.protocolV2("0x" + HexFormat.of().formatHex(id), "0.01");
        POLYMARKET.addMarket(m);
        return m;
    }

    private static String order(String market, String outcome, String side, String price, String size, String params) {
        return "{\"market_id\":\"" + market + "\",\"outcome\":\"" + outcome + "\",\"side\":\"" + side + "\",\"price\":"
                + price + ",\"size\":" + size + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    /** A list answer as its items (a bare array, or the array under {@code field}). */
    private static JsonNode items(JsonNode body, String field) {
        return body.isArray() ? body : body.get(field);
    }

    private long postOrdersSeen() {
        return POLYMARKET.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/order"))
                .count();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void allSevenOperationsWithADepositWallet(boolean withClob) {
        DepositWalletAccount a = depositWallet(withClob);
        FakePolymarket.Market m = ctfMarket("0.01");

        HttpCall.Response created =
                polymarket("POST", "/orders", a.header(), order(m.conditionId(), "Yes", "buy", "0.57", "10", null));
        assertThat(created.status())
                .as(created.body() + " " + POLYMARKET.rejections())
                .isEqualTo(201);
        String id = created.json().get("id").asText();
        FakePolymarket.PlacedOrder placed = POLYMARKET.order(id).orElseThrow();
        assertThat(placed.maker()).isEqualToIgnoringCase(a.wallet());
        assertThat(placed.signer()).isEqualToIgnoringCase(a.wallet());
        FakePolymarket.RecordedRequest post = POLYMARKET.requests("POST", "/order").stream()
                .filter(r -> r.bodyText().contains(id.substring(2, 10))
                        || r.bodyText().toLowerCase().contains(a.wallet()))
                .reduce((x, y) -> y)
                .orElseThrow();
        assertThat(post.bodyText()).contains("\"signatureType\":3");
        assertThat(post.header("POLY_ADDRESS"))
                .as("L2 is the EOA's")
                .isEqualToIgnoringCase(a.key().address());

        HttpCall.Response got = polymarket("GET", "/orders/" + id, a.header(), null);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        assertThat(got.json().get("status").asText()).isEqualTo("open");
        HttpCall.Response listed = polymarket("GET", "/orders?market_id=" + m.conditionId(), a.header(), null);
        assertThat(items(listed.json(), "orders")).hasSize(1);

        POLYMARKET.clearRequests();
        HttpCall.Response balance = polymarket("GET", "/balance", a.header(), null);
        assertThat(balance.status()).as(balance.body()).isEqualTo(200);
        assertThat(balance.json().get("available").decimalValue())
                .as("the wallet's pUSD, not the EOA's")
                .isEqualByComparingTo("1000");
        assertThat(POLYMARKET.requests("GET", "/balance-allowance").get(0).rawQuery())
                .contains("signature_type=3");

        POLYMARKET.setPosition(
                a.wallet(),
                new FakePolymarket.Position(
                        m.tokens().get(1).tokenId(),
                        new BigDecimal("12.5"),
                        new BigDecimal("0.31"),
                        new BigDecimal("0.35"),
                        BigDecimal.ZERO));
        HttpCall.Response positions = polymarket("GET", "/positions", a.header(), null);
        assertThat(positions.status()).as(positions.body()).isEqualTo(200);
        JsonNode p = items(positions.json(), "positions").get(0);
        assertThat(p.get("market_id").asText()).isEqualTo(m.conditionId());
        assertThat(p.get("outcome").asText()).isEqualTo("No");
        assertThat(p.get("size").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(POLYMARKET
                        .requests("GET", FakePolymarket.DATA_API_PREFIX + "/v2/positions")
                        .get(0)
                        .rawQuery())
                .containsIgnoringCase("user=" + a.wallet());

        HttpCall.Response cancelled = polymarket("DELETE", "/orders/" + id, a.header(), null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");

        POLYMARKET.setCrossingLiquidity(m.tokens().get(0).tokenId(), new BigDecimal("100"));
        HttpCall.Response taker = polymarket(
                "POST",
                "/orders",
                a.header(),
                order(m.conditionId(), "Yes", "buy", "0.5", "10", "{\"order_type\":\"fok\"}"));
        assertThat(taker.status()).as(taker.body()).isEqualTo(201);
        assertThat(taker.json().get("status").asText()).isEqualTo("filled");
        String takerId = taker.json().get("id").asText();
        HttpCall.Response fills = polymarket("GET", "/fills?order_id=" + takerId, a.header(), null);
        assertThat(fills.status()).as(fills.body()).isEqualTo(200);
        JsonNode fill = items(fills.json(), "fills").get(0);
        assertThat(fill.get("order_id").asText()).isEqualTo(takerId);
        assertThat(fill.get("is_taker").asBoolean()).isTrue();
        assertThat(fill.get("size").decimalValue()).isEqualByComparingTo("10");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void protocolV2MarketsAreSignedForExchangeV3(boolean depositWallet) {
        FakePolymarket.Market m = v2Market();
        String header;
        String maker;
        if (depositWallet) {
            DepositWalletAccount a = depositWallet(false);
            header = a.header();
            maker = a.wallet();
        } else {
            PolymarketAccount a = PolymarketAccount.withClobCredentials(POLYMARKET);
            POLYMARKET.setCollateral(a.address(), new BigDecimal("1000"));
            header = a.header();
            maker = a.address();
        }
        POLYMARKET.setPosition(
                maker,
                new FakePolymarket.Position(
                        m.tokens().get(0).tokenId(),
                        new BigDecimal("20"),
                        new BigDecimal("0.4"),
                        null,
                        BigDecimal.ZERO));
        // the 31-byte condition id and its 00-padded 32-byte spelling name the same market
        String padded = m.conditionId() + "00";
        HttpCall.Response buy =
                polymarket("POST", "/orders", header, order(m.conditionId(), "Yes", "buy", "0.57", "10", null));
        assertThat(buy.status()).as(buy.body() + " " + POLYMARKET.rejections()).isEqualTo(201);
        HttpCall.Response sell = polymarket("POST", "/orders", header, order(padded, "Yes", "sell", "0.6", "7", null));
        assertThat(sell.status())
                .as(sell.body() + " " + POLYMARKET.rejections())
                .isEqualTo(201);
        for (HttpCall.Response r : List.of(buy, sell)) {
            FakePolymarket.PlacedOrder placed =
                    POLYMARKET.order(r.json().get("id").asText()).orElseThrow();
            assertThat(placed.tokenId()).isEqualTo(m.tokens().get(0).tokenId());
            assertThat(placed.maker()).isEqualToIgnoringCase(maker);
        }
        assertThat(POLYMARKET
                        .order(sell.json().get("id").asText())
                        .orElseThrow()
                        .side())
                .isEqualTo(PolymarketSide.SELL);
        HttpCall.Response got =
                polymarket("GET", "/orders/" + buy.json().get("id").asText(), header, null);
        assertThat(got.status()).isEqualTo(200);
    }

    @Test
    void anOrderTheClobRefusesForItsSignatureIsA400NotAnAuthenticationFailure() {
        // a proxy wallet the CLOB does not know for this key: the order's signature check fails after L2 passed
        PolymarketAccount a = PolymarketAccount.withClobCredentials(POLYMARKET);
        FakePolymarket.Market m = ctfMarket("0.01");
        Map<String, Object> json = new LinkedHashMap<>(a.credentialsJson());
        json.put("funder_address", "0x" + "5".repeat(40));
        json.put("signature_type", 1);
        POLYMARKET.setCollateral("0x" + "5".repeat(40), new BigDecimal("100"));
        HttpCall.Response r = polymarket(
                "POST", "/orders", KalshiAccount.encode(json), order(m.conditionId(), "Yes", "buy", "0.5", "10", null));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("validation_error");
        assertThat(r.json().at("/upstream/message").asText()).isEqualTo("invalid signature");
        assertThat(r.json().get("validation_errors").get(0).asText()).isEqualTo("order: invalid signature");

        POLYMARKET.injectFault(FakePolymarket.Fault.respond(400, "{\"error\":\"order_version_mismatch\"}")
                .on("POST", "/order"));
        HttpCall.Response version =
                polymarket("POST", "/orders", a.header(), order(m.conditionId(), "Yes", "buy", "0.5", "10", null));
        assertThat(version.status()).as(version.body()).isEqualTo(400);
        assertThat(version.json().get("code").asText()).isEqualTo("validation_error");
        assertThat(version.json().at("/upstream/message").asText()).isEqualTo("order_version_mismatch");
    }

    @Test
    void marketOrdersWithFractionalSizes() {
        PolymarketAccount a = PolymarketAccount.withClobCredentials(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), new BigDecimal("1000"));
        FakePolymarket.Market m = ctfMarket("0.01");
        String yes = m.tokens().get(0).tokenId();
        POLYMARKET.setPosition(
                a.address(),
                new FakePolymarket.Position(yes, new BigDecimal("50"), new BigDecimal("0.4"), null, BigDecimal.ZERO));

        // IOC buy 5.5 at 0.57 = 3.135 pUSD: refused locally, naming the nearest valid sizes; nothing sent
        long posts = postOrdersSeen();
        for (String type : List.of("ioc", "fok")) {
            HttpCall.Response r = polymarket(
                    "POST",
                    "/orders",
                    a.header(),
                    order(m.conditionId(), "Yes", "buy", "0.57", "5.5", "{\"order_type\":\"" + type + "\"}"));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("validation_error");
            assertThat(r.json().get("validation_errors").get(0).asText())
                    .startsWith("size: ")
                    .contains("market-order precision")
                    .endsWith("nearest valid sizes: 5 or 6");
        }
        assertThat(postOrdersSeen()).isEqualTo(posts);

        // a fractional size that fits (0.5 x 10.5 = 5.25): IOC with 4 shares crossing → the remainder is cancelled
        POLYMARKET.setCrossingLiquidity(yes, new BigDecimal("4"));
        HttpCall.Response ioc = polymarket(
                "POST",
                "/orders",
                a.header(),
                order(m.conditionId(), "Yes", "buy", "0.5", "10.5", "{\"order_type\":\"ioc\"}"));
        assertThat(ioc.status()).as(ioc.body() + " " + POLYMARKET.rejections()).isEqualTo(201);
        assertThat(ioc.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(ioc.json().get("filled").decimalValue()).isEqualByComparingTo("4");
        assertThat(ioc.json().get("remaining").decimalValue()).isEqualByComparingTo("0");

        // FOK buy 6 at 0.57 (3.42 pUSD) fully crossing
        POLYMARKET.setCrossingLiquidity(yes, new BigDecimal("100"));
        HttpCall.Response fok = polymarket(
                "POST",
                "/orders",
                a.header(),
                order(m.conditionId(), "Yes", "buy", "0.57", "6", "{\"order_type\":\"fok\"}"));
        assertThat(fok.status()).as(fok.body()).isEqualTo(201);
        assertThat(fok.json().get("status").asText()).isEqualTo("filled");

        // sells give shares (2 decimals): FOK and IOC sells of fractional sizes at any tick price
        for (String type : List.of("fok", "ioc")) {
            HttpCall.Response sell = polymarket(
                    "POST",
                    "/orders",
                    a.header(),
                    order(m.conditionId(), "Yes", "sell", "0.57", "5.55", "{\"order_type\":\"" + type + "\"}"));
            assertThat(sell.status())
                    .as(sell.body() + " " + POLYMARKET.rejections())
                    .isEqualTo(201);
            assertThat(sell.json().get("filled").decimalValue()).isEqualByComparingTo("5.55");
            assertThat(sell.json().get("status").asText()).isEqualTo("filled");
        }
    }

    @Test
    void gtdAtTheFloorIsPlacedAndOneSecondBelowIsRefused() {
        PolymarketAccount a = PolymarketAccount.withClobCredentials(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), new BigDecimal("1000"));
        FakePolymarket.Market m = ctfMarket("0.01");
        long posts = postOrdersSeen();
        long now = Instant.now().getEpochSecond();
        HttpCall.Response below = polymarket(
                "POST",
                "/orders",
                a.header(),
                order(
                        m.conditionId(),
                        "Yes",
                        "buy",
                        "0.1",
                        "5",
                        "{\"order_type\":\"gtd\",\"expiration\":" + (now + 119) + "}"));
        assertThat(below.status()).as(below.body()).isEqualTo(400);
        assertThat(below.json().get("code").asText()).isEqualTo("validation_error");
        assertThat(below.json().get("validation_errors").get(0).asText())
                .startsWith("params.expiration: on Polymarket must be at least 120 seconds in the future");
        assertThat(postOrdersSeen()).isEqualTo(posts);

        // at the floor: now + 120 (the gateway's clock may tick past the test's second: then try again)
        HttpCall.Response at = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            long start = Instant.now().getEpochSecond();
            at = polymarket(
                    "POST",
                    "/orders",
                    a.header(),
                    order(
                            m.conditionId(),
                            "Yes",
                            "buy",
                            "0.1",
                            "5",
                            "{\"order_type\":\"gtd\",\"expiration\":" + (start + 120) + "}"));
            if (at.status() == 201 || Instant.now().getEpochSecond() == start) {
                break;
            }
        }
        assertThat(at.status()).as(at.body()).isEqualTo(201);
        FakePolymarket.PlacedOrder placed =
                POLYMARKET.order(at.json().get("id").asText()).orElseThrow();
        assertThat(placed.orderType()).isEqualTo("GTD");
        assertThat(placed.expiration()).as("wire = expiration + 60 ≥ now + 180").isGreaterThanOrEqualTo(now + 180);
    }

    @Test
    void postOrderStatuses() {
        PolymarketAccount a = PolymarketAccount.withClobCredentials(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), new BigDecimal("1000"));
        FakePolymarket.Market m = ctfMarket("0.01");
        POLYMARKET.setMatchingDelay(m.conditionId(), true);
        HttpCall.Response delayed =
                polymarket("POST", "/orders", a.header(), order(m.conditionId(), "Yes", "buy", "0.4", "5", null));
        assertThat(delayed.status()).as(delayed.body()).isEqualTo(201);
        assertThat(delayed.json().get("status").asText()).isEqualTo("pending");
        assertThat(delayed.json().get("filled").decimalValue()).isEqualByComparingTo("0");
        assertThat(polymarket("GET", "/orders/" + delayed.json().get("id").asText(), a.header(), null)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("pending");
        POLYMARKET.setMatchingDelay(m.conditionId(), false);

        String unmatched = "{\"success\":true,\"errorMsg\":\"\",\"orderID\":\"0x" + "ab".repeat(32)
                + "\",\"status\":\"unmatched\",\"makingAmount\":\"\",\"takingAmount\":\"\",\"transactionsHashes\":[],\"tradeIDs\":[]}";
        POLYMARKET.injectFault(FakePolymarket.Fault.respond(200, unmatched).on("POST", "/order"));
        HttpCall.Response refused =
                polymarket("POST", "/orders", a.header(), order(m.conditionId(), "Yes", "buy", "0.4", "5", null));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("validation_error");
        assertThat(refused.json().has("id")).isFalse();
        assertThat(refused.json().at("/upstream/code").asText()).isEqualTo("unmatched");

        String matchedEmpty = unmatched.replace("unmatched", "matched");
        POLYMARKET.injectFault(FakePolymarket.Fault.respond(200, matchedEmpty).on("POST", "/order"));
        HttpCall.Response empty =
                polymarket("POST", "/orders", a.header(), order(m.conditionId(), "Yes", "buy", "0.4", "5", null));
        assertThat(empty.status()).as(empty.body()).isEqualTo(201);
        assertThat(empty.json().get("filled").decimalValue())
                .as("empty amounts mean 0")
                .isEqualByComparingTo("0");
        assertThat(empty.json().get("status").asText()).isEqualTo("open");
    }

    @Test
    void positionsComeFromEveryPage() {
        DepositWalletAccount a = depositWallet(true);
        int count = 7;
        for (int i = 0; i < count; i++) {
            FakePolymarket.Market m = ctfMarket("0.01");
            POLYMARKET.setPosition(
                    a.wallet(),
                    new FakePolymarket.Position(
                            m.tokens().get(0).tokenId(),
                            new BigDecimal(i + 1),
                            new BigDecimal("0.5"),
                            new BigDecimal("0.55"),
                            BigDecimal.ZERO));
        }
        POLYMARKET.clearRequests();
        HttpCall.Response r = polymarket("GET", "/positions?limit=3", a.header(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(items(r.json(), "positions")).hasSize(count);
        assertThat(POLYMARKET.requests("GET", FakePolymarket.DATA_API_PREFIX + "/v2/positions"))
                .hasSize(3);
    }

    @Test
    void aKeyedRetryAcrossTheKeysWindowBoundaryFindsTheFirstAttempt() {
        PolymarketAccount a = PolymarketAccount.withClobCredentials(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), new BigDecimal("1000"));
        FakePolymarket.Market m = ctfMarket("0.01");
        // a key whose window moved on less than an hour ago (1 in 24 keys), so pmgate also checks the previous window
        String key = null;
        for (int i = 0; key == null && i < 5000; i++) {
            String candidate = "boundary-" + UUID.randomUUID();
            if (PolymarketIdempotency.fromKey(candidate, java.time.Clock.systemUTC())
                                    .previous()
                            != null
                    && PolymarketIdempotency.fromKey(
                                            candidate,
                                            java.time.Clock.offset(
                                                    java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(5)))
                                    .previous()
                            != null) {
                key = candidate;
            }
        }
        assertThat(key).isNotNull();
        String body = order(m.conditionId(), "Yes", "buy", "0.2", "5", null);
        HttpCall.Response first = api("POST", "/orders?exchange=polymarket")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", key)
                .body(body)
                .send();
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        // the lookup of the previous window's order found nothing, then the order was posted
        HttpCall.Response retry = api("POST", "/orders?exchange=polymarket")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", key)
                .body(body)
                .send();
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().get("duplicate").asBoolean()).isTrue();
        assertThat(retry.json().get("id").asText())
                .isEqualTo(first.json().get("id").asText());
        assertThat(POLYMARKET.orders().stream().filter(o -> o.maker().equalsIgnoreCase(a.address())))
                .hasSize(1);

        // an attempt made before the key's boundary (previous window's timestamp) is found, not placed again
        String key2 = null;
        for (int i = 0; key2 == null && i < 5000; i++) {
            String candidate = "boundary-" + UUID.randomUUID();
            if (PolymarketIdempotency.fromKey(candidate, java.time.Clock.systemUTC())
                                    .previous()
                            != null
                    && PolymarketIdempotency.fromKey(
                                            candidate,
                                            java.time.Clock.offset(
                                                    java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(5)))
                                    .previous()
                            != null) {
                key2 = candidate;
            }
        }
        PolymarketIdempotency.OrderIdentity earlier =
                PolymarketIdempotency.fromKey(key2, java.time.Clock.systemUTC()).previous();
        String earlierId = placeDirectly(a, m.tokens().get(0).tokenId(), "0.2", "5", earlier);
        HttpCall.Response late = api("POST", "/orders?exchange=polymarket")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", key2)
                .body(body)
                .send();
        assertThat(late.status()).as(late.body()).isEqualTo(200);
        assertThat(late.json().get("duplicate").asBoolean()).isTrue();
        assertThat(late.json().get("id").asText()).isEqualTo(earlierId);
        assertThat(POLYMARKET.orders().stream().filter(o -> o.maker().equalsIgnoreCase(a.address())))
                .hasSize(2);
    }

    /** Places a GTC buy straight at the fake CLOB (as an earlier gateway attempt would have), signed by the library. */
    private static String placeDirectly(
            PolymarketAccount a,
            String tokenId,
            String price,
            String size,
            PolymarketIdempotency.OrderIdentity identity) {
        var key = dev.pmgate.polymarket.PolymarketKeys.keyPair(a.privateKeyHex.toCharArray());
        var amounts = dev.pmgate.polymarket.PolymarketAmounts.limitOrder(
                PolymarketSide.BUY, new BigDecimal(price), new BigDecimal(size), new BigDecimal("0.01"));
        var order = dev.pmgate.polymarket.PolymarketOrderV2.limit(
                dev.pmgate.polymarket.PolymarketWallet.eoa(key),
                new java.math.BigInteger(tokenId),
                PolymarketSide.BUY,
                amounts,
                identity,
                0);
        var signed = dev.pmgate.polymarket.PolymarketOrderSigner.v2(137, false).sign(order, key);
        byte[] body = dev.pmgate.polymarket.PolymarketOrderBody.json(
                signed, a.creds.apiKey(), dev.pmgate.polymarket.PolymarketOrderType.GTC, false, false);
        try (var l2 = new dev.pmgate.polymarket.PolymarketL2Auth(
                a.address(),
                a.creds.apiKey(),
                a.creds.secret().toCharArray(),
                a.creds.passphrase().toCharArray())) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(POLYMARKET.clobUrl() + "/order"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
            l2.headers(Instant.now().getEpochSecond(), "POST", "/order", body).forEach(request::header);
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return signed.orderHash();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
