package dev.pmgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pmgate.support.TestData;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FakeKalshiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00.123Z");
    private static final String TENNIS = "KXWTACHALLENGERMATCH-26JUN11JIMLEP-LEP";
    private static final String BTC = "KXBTC-26DEC31-B100000";
    private static final String RSA_KEY_ID = "a952bcbe-ec3b-4b5b-b8f9-11dae589608c";
    private static final String ED_KEY_ID = "0b6c2f1e-8d3a-4c55-9e21-6f7a8b9c0d1e";

    private static JsonNode vectors;
    private static PrivateKey rsaPkcs1;
    private static PrivateKey rsaPkcs8;
    private static PrivateKey ed25519;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeKalshi fake;

    @BeforeAll
    static void loadVectors() throws Exception {
        vectors = TestData.json("vectors/kalshi-signing.json");
        rsaPkcs1 = KalshiTestSigner.privateKey(
                vectors.at("/rsa/private_key_pkcs1_pem").asText());
        rsaPkcs8 = KalshiTestSigner.privateKey(
                vectors.at("/rsa/private_key_pkcs8_pem").asText());
        ed25519 = KalshiTestSigner.privateKey(
                vectors.at("/ed25519/private_key_pkcs8_pem").asText());
    }

    @BeforeEach
    void startFake() {
        fake = new FakeKalshi().setClock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
        fake.registerKeyPem(RSA_KEY_ID, vectors.at("/rsa/public_key_pem").asText());
        fake.registerKeyPem(ED_KEY_ID, vectors.at("/ed25519/public_key_pem").asText());
        fake.addMarket(TENNIS, PriceLevelStructure.LINEAR_CENT);
        fake.addMarket(BTC, PriceLevelStructure.TAPERED_DECI_CENT, 2);
        fake.setBalance(RSA_KEY_ID, new BigDecimal("100"));
        fake.setBalance(RSA_KEY_ID, 2, new BigDecimal("100"));
    }

    @AfterEach
    void stopFake() {
        try {
            assertThat(fake.internalErrors()).isEmpty();
        } finally {
            fake.stop();
        }
    }

    // ------------------------------------------------------------------ client helpers

    private static String sig(PrivateKey key, String text) {
        try {
            return KalshiTestSigner.sign(key, text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripQuery(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private HttpResponse<String> raw(String method, String pathAndQuery, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return raw(method, pathAndQuery, body, headers, Duration.ofSeconds(10));
    }

    private HttpResponse<String> raw(
            String method, String pathAndQuery, String body, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fake.port() + pathAndQuery))
                .timeout(timeout)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> auth(String keyId, String ts, String signature) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("KALSHI-ACCESS-KEY", keyId);
        h.put("KALSHI-ACCESS-TIMESTAMP", ts);
        h.put("KALSHI-ACCESS-SIGNATURE", signature);
        return h;
    }

    /** Signed the Kalshi way with the RSA key at the fake's "now". */
    private HttpResponse<String> call(String method, String pathAndQuery, String body) throws Exception {
        return call(RSA_KEY_ID, rsaPkcs8, method, pathAndQuery, body);
    }

    private HttpResponse<String> call(String keyId, PrivateKey key, String method, String pathAndQuery, String body)
            throws Exception {
        String ts = Long.toString(NOW.toEpochMilli());
        return raw(method, pathAndQuery, body, auth(keyId, ts, sig(key, ts + method + stripQuery(pathAndQuery))));
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return MAPPER.readTree(r.body());
    }

    private static JsonNode fixture(String name) throws IOException {
        return TestData.json("fixtures/kalshi-demo-recorded/" + name);
    }

    private static Set<String> keys(JsonNode n) {
        Set<String> s = new HashSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            s.add(it.next());
        }
        return s;
    }

    private static String order(String ticker, String side, String price, String count, String tif, String clientId) {
        return "{\"ticker\":\"" + ticker + "\",\"side\":\"" + side + "\",\"price\":\"" + price + "\",\"count\":\""
                + count
                + "\",\"time_in_force\":\"" + tif + "\",\"self_trade_prevention_type\":\"taker_at_cross\""
                + (clientId == null ? "" : ",\"client_order_id\":\"" + clientId + "\"") + "}";
    }

    private static final String V2 = "/trade-api/v2";
    private static final String CREATE = V2 + "/portfolio/events/orders";

    private String createResting(String ticker, String price) throws Exception {
        HttpResponse<String> r = call(
                "POST",
                CREATE,
                order(
                        ticker,
                        "bid",
                        price,
                        "1",
                        "good_till_canceled",
                        UUID.randomUUID().toString()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("order_id").asText();
    }

    private static final String INCORRECT =
            "{\"error\":{\"code\":\"authentication_error\",\"message\":\"authentication_error\",\"details\":\"INCORRECT_API_KEY_SIGNATURE\"}}";
    private static final String EXPIRED =
            "{\"error\":{\"code\":\"header_timestamp_expired\",\"message\":\"header timestamp expired\"}}";
    private static final String KEY_NOT_FOUND =
            "{\"error\":{\"code\":\"authentication_error\",\"message\":\"authentication_error\",\"details\":\"NOT_FOUND\"}}";
    private static final String NOT_FOUND = "{\"error\":{\"code\":\"not_found\",\"message\":\"not found\"}}";

    // ================================================================== authentication

    @Test
    void officialVectorSignaturesVerifyAsReceivedWithQuery() throws Exception {
        fake.setClock(Clock.fixed(Instant.ofEpochMilli(1700000000123L), ZoneOffset.UTC));
        for (String alg : List.of("rsa", "ed25519")) {
            String keyId = alg.equals("rsa") ? RSA_KEY_ID : ED_KEY_ID;
            for (JsonNode c : vectors.at("/" + alg + "/cases")) {
                String signature = c.has("example_signature_base64")
                        ? c.get("example_signature_base64").asText()
                        : c.get("signature_base64").asText();
                String method = c.get("method").asText();
                String body = method.equals("POST") ? "{}" : null;
                HttpResponse<String> r = raw(
                        method,
                        c.get("path_with_query").asText(),
                        body,
                        auth(keyId, c.get("timestamp_ms").asText(), signature));
                assertThat(r.statusCode()).as(alg + " " + c + " -> " + r.body()).isNotEqualTo(401);
            }
        }
    }

    @Test
    void testSignerReproducesDeterministicEd25519Vectors() throws Exception {
        for (JsonNode c : vectors.at("/ed25519/cases")) {
            assertThat(KalshiTestSigner.sign(ed25519, c.get("signed_text").asText()))
                    .isEqualTo(c.get("signature_base64").asText());
        }
    }

    @Test
    void acceptsRsaPkcs1Pkcs8AndEd25519Signatures() throws Exception {
        for (Map.Entry<String, PrivateKey> k : Map.of(
                        RSA_KEY_ID + "#1", rsaPkcs1, RSA_KEY_ID + "#8", rsaPkcs8, ED_KEY_ID, ed25519)
                .entrySet()) {
            String keyId = k.getKey().split("#")[0];
            HttpResponse<String> r = call(keyId, k.getValue(), "GET", V2 + "/portfolio/balance", null);
            assertThat(r.statusCode()).as(k.getKey() + r.body()).isEqualTo(200);
            HttpResponse<String> q =
                    call(keyId, k.getValue(), "GET", V2 + "/portfolio/orders?limit=5&status=resting", null);
            assertThat(q.statusCode()).as(k.getKey() + q.body()).isEqualTo(200);
        }
    }

    @Test
    void rejectsSignatureOverPathWithQuery() throws Exception {
        String ts = Long.toString(NOW.toEpochMilli());
        String p = V2 + "/portfolio/orders?limit=5&status=resting";
        for (PrivateKey key : List.of(rsaPkcs8, ed25519)) {
            String keyId = key == ed25519 ? ED_KEY_ID : RSA_KEY_ID;
            HttpResponse<String> r = raw("GET", p, null, auth(keyId, ts, sig(key, ts + "GET" + p)));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEqualTo(INCORRECT);
        }
    }

    @Test
    void rejectsSignatureOverPathWithoutApiPrefix() throws Exception {
        String ts = Long.toString(NOW.toEpochMilli());
        HttpResponse<String> r = raw(
                "GET",
                V2 + "/portfolio/balance",
                null,
                auth(RSA_KEY_ID, ts, sig(rsaPkcs8, ts + "GET/portfolio/balance")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo(INCORRECT);
    }

    @Test
    void rejectsWrongMethodBodyInSignatureAndUrlSafeBase64() throws Exception {
        String ts = Long.toString(NOW.toEpochMilli());
        String p = V2 + "/portfolio/balance";
        assertThat(raw("GET", p, null, auth(RSA_KEY_ID, ts, sig(rsaPkcs8, ts + "get" + p)))
                        .body())
                .isEqualTo(INCORRECT);
        String urlSafe = sig(ed25519, ts + "GET" + p).replace('+', '-').replace('/', '_');
        if (!urlSafe.equals(sig(ed25519, ts + "GET" + p))) {
            assertThat(raw("GET", p, null, auth(ED_KEY_ID, ts, urlSafe)).body()).isEqualTo(INCORRECT);
        }
        assertThat(raw("GET", p, null, auth(RSA_KEY_ID, ts, "not base64!")).body())
                .isEqualTo(INCORRECT);
    }

    @Test
    void strictSaltRejectsMaxSaltUnlessLenient() throws Exception {
        String ts = Long.toString(NOW.toEpochMilli());
        String p = V2 + "/portfolio/balance";
        int max = KalshiTestSigner.maxSalt((RSAPrivateKey) rsaPkcs8);
        assertThat(max).isEqualTo(222);
        String maxSaltSig = KalshiTestSigner.signPss(rsaPkcs8, ts + "GET" + p, max);
        HttpResponse<String> r = raw("GET", p, null, auth(RSA_KEY_ID, ts, maxSaltSig));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo(INCORRECT);

        fake.setLenientPssSalt(true);
        assertThat(raw("GET", p, null, auth(RSA_KEY_ID, ts, maxSaltSig)).statusCode())
                .isEqualTo(200);
        assertThat(raw("GET", p, null, auth(RSA_KEY_ID, ts, KalshiTestSigner.signPss(rsaPkcs8, ts + "GET" + p, 0)))
                        .statusCode())
                .isEqualTo(200);
        assertThat(raw("GET", p, null, auth(RSA_KEY_ID, ts, KalshiTestSigner.signPss(rsaPkcs8, ts + "GET/x", 32)))
                        .body())
                .isEqualTo(INCORRECT);
    }

    @ParameterizedTest
    @ValueSource(longs = {-5_000, 5_000, -10_000, 60_000, 0})
    void acceptsTimestampsInsideWindow(long skewMillis) throws Exception {
        String ts = Long.toString(NOW.toEpochMilli() + skewMillis);
        String p = V2 + "/portfolio/balance";
        HttpResponse<String> r = raw("GET", p, null, auth(RSA_KEY_ID, ts, sig(rsaPkcs8, ts + "GET" + p)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(longs = {-30_000, -300_000, 300_000, -10_001, 60_001})
    void rejectsTimestampsOutsideWindow(long skewMillis) throws Exception {
        String ts = Long.toString(NOW.toEpochMilli() + skewMillis);
        String p = V2 + "/portfolio/balance";
        HttpResponse<String> r = raw("GET", p, null, auth(ED_KEY_ID, ts, sig(ed25519, ts + "GET" + p)));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo(EXPIRED);
    }

    @Test
    void secondsTimestampAndConfigurableWindow() throws Exception {
        String p = V2 + "/portfolio/balance";
        String secs = Long.toString(NOW.getEpochSecond());
        assertThat(raw("GET", p, null, auth(RSA_KEY_ID, secs, sig(rsaPkcs8, secs + "GET" + p)))
                        .body())
                .isEqualTo(EXPIRED);
        String minus30 = Long.toString(NOW.toEpochMilli() - 30_000);
        fake.setTimestampWindow(Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(raw("GET", p, null, auth(RSA_KEY_ID, minus30, sig(rsaPkcs8, minus30 + "GET" + p)))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownKeyIdAndKeyFromAnotherEnvironment() throws Exception {
        HttpResponse<String> r =
                call("00000000-0000-0000-0000-000000000000", rsaPkcs8, "GET", V2 + "/portfolio/balance", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo(KEY_NOT_FOUND);
        try (FakeKalshi prod =
                new FakeKalshi().setClock(Clock.fixed(NOW, ZoneOffset.UTC)).start()) {
            String ts = Long.toString(NOW.toEpochMilli());
            String p = V2 + "/portfolio/balance";
            HttpRequest req = HttpRequest.newBuilder(URI.create(prod.baseUrl() + "/portfolio/balance"))
                    .headers(
                            "KALSHI-ACCESS-KEY",
                            RSA_KEY_ID,
                            "KALSHI-ACCESS-TIMESTAMP",
                            ts,
                            "KALSHI-ACCESS-SIGNATURE",
                            sig(rsaPkcs8, ts + "GET" + p))
                    .GET()
                    .build();
            HttpResponse<String> other = http.send(req, HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(401);
            assertThat(other.body()).isEqualTo(KEY_NOT_FOUND);
        }
    }

    @Test
    void missingSignatureHeaderAndCaseInsensitiveHeaderNames() throws Exception {
        String ts = Long.toString(NOW.toEpochMilli());
        String p = V2 + "/portfolio/balance";
        HttpResponse<String> r =
                raw("GET", p, null, Map.of("KALSHI-ACCESS-KEY", RSA_KEY_ID, "KALSHI-ACCESS-TIMESTAMP", ts));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body())
                .isEqualTo(
                        "{\"error\":{\"code\":\"signature_is_missing_from_headers\",\"message\":\"signature is missing from headers\"}}");
        HttpResponse<String> lower = raw(
                "GET",
                p,
                null,
                Map.of(
                        "kalshi-access-key",
                        RSA_KEY_ID,
                        "kalshi-access-timestamp",
                        ts,
                        "kalshi-access-signature",
                        sig(rsaPkcs8, ts + "GET" + p)));
        assertThat(lower.statusCode()).isEqualTo(200);
    }

    @Test
    void unauthenticatedPortfolioReadIsRefused() throws Exception {
        HttpResponse<String> r = raw("GET", V2 + "/portfolio/orders", null, Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    // ================================================================== V2 create

    @Test
    void numbersForCountAndPriceAreFlatGoBadRequest() throws Exception {
        String body = "{\"client_order_id\":\"c00fb3c7-049d-4dce-952f-32ef44e72a9a\",\"count\":1,\"price\":0.01,"
                + "\"self_trade_prevention_type\":\"taker_at_cross\",\"side\":\"bid\",\"ticker\":\"" + TENNIS
                + "\",\"time_in_force\":\"good_till_canceled\"}";
        HttpResponse<String> r = call("POST", CREATE, body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r)).isEqualTo(fixture("orders__numeric_field_types.json"));
        String priceOnly =
                order(TENNIS, "bid", "0.01", "1", "good_till_canceled", null).replace("\"0.01\"", "0.01");
        assertThat(json(call("POST", CREATE, priceOnly)).get("details").asText())
                .isEqualTo(
                        "json: cannot unmarshal number into Go struct field CreateOrderV2Request.price of type string");
        assertThat(fake.orders(RSA_KEY_ID)).isEmpty();
    }

    @Test
    void offGridPriceIsInvalidPrice() throws Exception {
        HttpResponse<String> r = call("POST", CREATE, order(TENNIS, "bid", "0.5150", "1", "good_till_canceled", "a"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":\"invalid_price\",\"message\":\"invalid price\"}}");
        fake.setErrorServiceField(true);
        assertThat(json(call("POST", CREATE, order(TENNIS, "bid", "0.5150", "1", "good_till_canceled", "b"))))
                .isEqualTo(fixture("orders__invalid_price_structure.json"));
        // tapered market: 0.001 steps in the tails only
        assertThat(call("POST", CREATE, order(BTC, "bid", "0.0050", "1", "good_till_canceled", "c"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(call("POST", CREATE, order(BTC, "bid", "0.5050", "1", "good_till_canceled", "d"))
                        .statusCode())
                .isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.6", "0.60000", "1.00", "0.00", ".60", "60", "-0.50", "0.5O"})
    void malformedOrOutOfRangePriceStringsAreInvalidPrice(String price) throws Exception {
        HttpResponse<String> r = call("POST", CREATE, order(TENNIS, "bid", price, "1", "good_till_canceled", null));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("invalid_price");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "1.001", "-1", "1e2", "one", "1."})
    void badCountsAreRejected(String count) throws Exception {
        HttpResponse<String> r = call("POST", CREATE, order(TENNIS, "bid", "0.50", count, "good_till_canceled", null));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("invalid_order");
    }

    @Test
    void fractionalCountAndFourDecimalPriceAreAccepted() throws Exception {
        HttpResponse<String> r = call("POST", CREATE, order(TENNIS, "ask", "0.5600", "2.5", "good_till_canceled", "f"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("remaining_count").asText()).isEqualTo("2.50");
    }

    @Test
    void duplicateClientOrderIdIs409EvenAfterCancel() throws Exception {
        String body =
                order(TENNIS, "bid", "0.0100", "1.00", "good_till_canceled", "4a75a66e-ca85-4187-93cd-aac5e01ad982");
        HttpResponse<String> first = call("POST", CREATE, body);
        assertThat(first.statusCode()).isEqualTo(201);
        HttpResponse<String> dup = call("POST", CREATE, body);
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(dup.body())
                .isEqualTo("{\"error\":{\"code\":\"order_already_exists\",\"message\":\"order already exists\"}}");
        String id = json(first).get("order_id").asText();
        assertThat(call("DELETE", CREATE + "/" + id, null).statusCode()).isEqualTo(200);
        fake.setErrorServiceField(true);
        HttpResponse<String> reuse = call("POST", CREATE, body);
        assertThat(reuse.statusCode()).isEqualTo(409);
        assertThat(json(reuse)).isEqualTo(fixture("orders__reuse_canceled_client_id.json"));
        assertThat(fake.orders(RSA_KEY_ID)).hasSize(1);
        // per user: another user may use the same id
        fake.setBalance(ED_KEY_ID, new BigDecimal("5"));
        assertThat(call(ED_KEY_ID, ed25519, "POST", CREATE, body).statusCode()).isEqualTo(201);
    }

    @Test
    void legacyAndUnknownFieldsAreRejected() throws Exception {
        for (String extra :
                List.of("\"action\":\"buy\"", "\"yes_price\":1", "\"type\":\"limit\"", "\"api_key\":\"x\"")) {
            String body = order(TENNIS, "bid", "0.50", "1", "good_till_canceled", null)
                    .replace("{", "{" + extra + ",");
            HttpResponse<String> r = call("POST", CREATE, body);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("code").asText()).isEqualTo("bad_request");
            assertThat(json(r).get("details").asText()).startsWith("json: unknown field ");
        }
    }

    @Test
    void requiredFieldsAndEnums() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(
                "{\"side\":\"bid\",\"count\":\"1\",\"price\":\"0.50\",\"time_in_force\":\"good_till_canceled\","
                        + "\"self_trade_prevention_type\":\"maker\"}",
                "'Ticker' failed on the 'required' tag");
        cases.put(order(TENNIS, "buy", "0.50", "1", "good_till_canceled", null), "'Side' failed on the 'oneof' tag");
        cases.put(order(TENNIS, "bid", "0.50", "1", "gtc", null), "'TimeInForce' failed on the 'oneof' tag");
        cases.put(
                order(TENNIS, "bid", "0.50", "1", "good_till_canceled", null)
                        .replace(",\"self_trade_prevention_type\":\"taker_at_cross\"", ""),
                "'SelfTradePreventionType' failed on the 'required' tag");
        cases.put(
                order(TENNIS, "bid", "0.50", "1", "good_till_canceled", null)
                        .replace("taker_at_cross", "cancel_resting"),
                "'SelfTradePreventionType' failed on the 'oneof' tag");
        cases.put(
                order(TENNIS, "bid", "0.50", "1", "good_till_canceled", null).replace("}", ",\"subaccount\":64}"),
                "'Subaccount' failed on the 'lte' tag");
        cases.put(
                order(TENNIS, "bid", "0.50", "1", "good_till_canceled", null).replace("}", ",\"post_only\":\"true\"}"),
                "cannot unmarshal string into Go struct field CreateOrderV2Request.post_only of type bool");
        cases.put(
                order(TENNIS, "bid", "0.50", "1", "good_till_canceled", null).replace("}", ",\"expiration_time\":1.5}"),
                "cannot unmarshal number 1.5 into Go struct field CreateOrderV2Request.expiration_time of type int64");
        cases.put("[]", "cannot unmarshal array into Go value of type CreateOrderV2Request");
        cases.put("{\"ticker\":", "invalid character");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = call("POST", CREATE, c.getKey());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(json(r).get("code").asText()).isEqualTo("bad_request");
            assertThat(json(r).get("details").asText()).as(c.getKey()).contains(c.getValue());
        }
        assertThat(fake.orders(RSA_KEY_ID)).isEmpty();
    }

    @Test
    void contentTypeMustBeJson() throws Exception {
        String ts = Long.toString(NOW.toEpochMilli());
        HttpRequest req = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/portfolio/events/orders"))
                .headers(
                        "KALSHI-ACCESS-KEY",
                        RSA_KEY_ID,
                        "KALSHI-ACCESS-TIMESTAMP",
                        ts,
                        "KALSHI-ACCESS-SIGNATURE",
                        sig(rsaPkcs8, ts + "POST" + CREATE),
                        "Content-Type",
                        "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(
                        order(TENNIS, "bid", "0.50", "1", "good_till_canceled", null)))
                .build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("code").asText()).isEqualTo("invalid_content_type");
    }

    @Test
    void expirationAndReduceOnlyRules() throws Exception {
        long future = NOW.getEpochSecond() + 120;
        String ioc = order(TENNIS, "bid", "0.50", "1", "immediate_or_cancel", null)
                .replace("}", ",\"expiration_time\":" + future + "}");
        assertThat(json(call("POST", CREATE, ioc)).at("/error/code").asText()).isEqualTo("invalid_order");
        String past = order(TENNIS, "bid", "0.50", "1", "good_till_canceled", null)
                .replace("}", ",\"expiration_time\":" + (NOW.getEpochSecond() - 1) + "}");
        HttpResponse<String> pr = call("POST", CREATE, past);
        assertThat(pr.statusCode()).isEqualTo(400);
        assertThat(json(pr).at("/error/details").asText()).isEqualTo("Expiration timestamp must be in the future");
        String reduceGtc =
                order(TENNIS, "ask", "0.50", "1", "good_till_canceled", null).replace("}", ",\"reduce_only\":true}");
        assertThat(json(call("POST", CREATE, reduceGtc)).at("/error/code").asText())
                .isEqualTo("invalid_order");

        String gtt = order(TENNIS, "bid", "0.50", "1", "good_till_canceled", "gtt")
                .replace("}", ",\"expiration_time\":" + future + "}");
        HttpResponse<String> ok = call("POST", CREATE, gtt);
        assertThat(ok.statusCode()).isEqualTo(201);
        String id = json(ok).get("order_id").asText();
        assertThat(json(call("GET", V2 + "/portfolio/orders/" + id, null))
                        .at("/order/expiration_time")
                        .asText())
                .isEqualTo("2026-11-27T12:02:00.000000Z");
        fake.setClock(Clock.fixed(NOW.plusSeconds(121), ZoneOffset.UTC));
        assertThat(fake.orders(RSA_KEY_ID).get(0).status()).isEqualTo("canceled");
    }

    @Test
    void reduceOnlyIsCappedByPosition() throws Exception {
        fake.seedPosition(RSA_KEY_ID, TENNIS, new BigDecimal("2"), new BigDecimal("1.00"));
        fake.setCrossingLiquidity(TENNIS, BookSide.BID, new BigDecimal("0.60"), new BigDecimal("10"));
        String body =
                order(TENNIS, "ask", "0.55", "5", "immediate_or_cancel", "r1").replace("}", ",\"reduce_only\":true}");
        HttpResponse<String> r = call("POST", CREATE, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("fill_count").asText()).isEqualTo("2.00");
        assertThat(json(r).get("remaining_count").asText()).isEqualTo("0.00");
        assertThat(fake.position(RSA_KEY_ID, TENNIS).position()).isZero();
    }

    @Test
    void insufficientBalance() throws Exception {
        HttpResponse<String> r =
                call("POST", CREATE, order(TENNIS, "bid", "0.9900", "10099.00", "good_till_canceled", "x"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .isEqualTo("{\"error\":{\"code\":\"insufficient_balance\",\"message\":\"insufficient balance\"}}");
        // per shard: money on shard 0 does not pay for a shard-2 market
        fake.setBalance(RSA_KEY_ID, 2, BigDecimal.ZERO);
        assertThat(json(call("POST", CREATE, order(BTC, "bid", "0.50", "1", "good_till_canceled", "y")))
                        .at("/error/code")
                        .asText())
                .isEqualTo("insufficient_balance");
        // resting orders reserve collateral
        fake.setBalance(RSA_KEY_ID, new BigDecimal("1.00"));
        assertThat(call("POST", CREATE, order(TENNIS, "bid", "0.60", "1", "good_till_canceled", "z1"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(call("POST", CREATE, order(TENNIS, "bid", "0.60", "1", "good_till_canceled", "z2"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(fake.availableBalance(RSA_KEY_ID, 0)).isEqualByComparingTo("0.40");
    }

    @Test
    void postOnlyCross() throws Exception {
        fake.setCrossingLiquidity(TENNIS, BookSide.ASK, new BigDecimal("0.52"), new BigDecimal("3"));
        String body = order(TENNIS, "bid", "0.9900", "1.00", "good_till_canceled", "p")
                .replace("}", ",\"post_only\":true}");
        HttpResponse<String> r = call("POST", CREATE, body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r)).isEqualTo(fixture("orders__post_only_cross.json"));
        String resting =
                order(TENNIS, "bid", "0.51", "1.00", "good_till_canceled", "q").replace("}", ",\"post_only\":true}");
        assertThat(call("POST", CREATE, resting).statusCode()).isEqualTo(201);
    }

    @Test
    void unknownMarketAndLegacyCreateChangeNothing() throws Exception {
        HttpResponse<String> r =
                call("POST", CREATE, order("KXNOPE-1", "bid", "0.50", "1", "good_till_canceled", null));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("market_not_found");

        String legacy = "{\"action\":\"buy\",\"client_order_id\":\"ae0d\",\"count\":1,\"side\":\"yes\",\"ticker\":\""
                + TENNIS + "\",\"yes_price\":1}";
        HttpResponse<String> l = call("POST", V2 + "/portfolio/orders", legacy);
        assertThat(l.statusCode()).isEqualTo(410);
        assertThat(l.body())
                .isEqualTo(
                        "{\"error\":{\"code\":\"deprecated_v1_order_endpoint\",\"message\":"
                                + "\"Please switch to the V2 endpoints\",\"details\":\"https://docs.kalshi.com/api-reference/orders/create-order-v2\"}}");
        // answered before authentication, like the real cut-off
        assertThat(raw("POST", V2 + "/portfolio/orders", legacy, Map.of()).statusCode())
                .isEqualTo(410);
        assertThat(fake.orders(RSA_KEY_ID)).isEmpty();
    }

    // ================================================================== matching, reads

    @Test
    void makerOrderReadsBackInFixtureShape() throws Exception {
        String body =
                "{\"client_order_id\":\"4a75a66e-ca85-4187-93cd-aac5e01ad982\",\"count\":\"1.00\",\"post_only\":false,"
                        + "\"price\":\"0.0100\",\"self_trade_prevention_type\":\"taker_at_cross\",\"side\":\"bid\",\"ticker\":\""
                        + TENNIS + "\",\"time_in_force\":\"good_till_canceled\"}";
        HttpResponse<String> r = call("POST", CREATE, body);
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode created = json(r);
        assertThat(keys(created)).isEqualTo(keys(fixture("orders__create_v2_maker.json")));
        assertThat(created.get("fill_count").asText()).isEqualTo("0.00");
        assertThat(created.get("remaining_count").asText()).isEqualTo("1.00");
        assertThat(created.get("ts_ms").asLong()).isEqualTo(NOW.toEpochMilli());

        JsonNode got = json(
                call("GET", V2 + "/portfolio/orders/" + created.get("order_id").asText(), null));
        JsonNode expected = fixture("orders__get_after_create.json").get("order");
        JsonNode order = got.get("order");
        assertThat(keys(order)).containsAll(keys(expected)).contains("exchange_index");
        for (String same : List.of(
                "action",
                "book_side",
                "client_order_id",
                "fill_count_fp",
                "initial_count_fp",
                "maker_fees_dollars",
                "maker_fill_cost_dollars",
                "no_price_dollars",
                "outcome_side",
                "remaining_count_fp",
                "self_trade_prevention_type",
                "side",
                "status",
                "subaccount_number",
                "taker_fees_dollars",
                "taker_fill_cost_dollars",
                "ticker",
                "type",
                "yes_price_dollars")) {
            assertThat(order.get(same)).as(same).isEqualTo(expected.get(same));
        }
        assertThat(order.get("created_time").asText()).isEqualTo("2026-11-27T12:00:00.123000Z");
        assertThat(order.get("user_id").asText()).isEqualTo(fake.userId(RSA_KEY_ID));
    }

    @Test
    void iocTakerFillsAgainstLiquidityLikeTheRecording() throws Exception {
        fake.setCrossingLiquidity(TENNIS, BookSide.ASK, new BigDecimal("0.52"), new BigDecimal("1"));
        HttpResponse<String> r = call(
                "POST",
                CREATE,
                order(TENNIS, "bid", "0.9900", "1.00", "immediate_or_cancel", "2b8394e0-515e-4b89-b624-f34067756855"));
        JsonNode created = json(r);
        JsonNode rec = fixture("orders__create_v2_taker_ioc.json");
        assertThat(keys(created)).isEqualTo(keys(rec));
        for (String f : List.of("average_fee_paid", "average_fill_price", "fill_count", "remaining_count")) {
            assertThat(created.get(f)).as(f).isEqualTo(rec.get(f));
        }
        String id = created.get("order_id").asText();
        JsonNode order = json(call("GET", V2 + "/portfolio/orders/" + id, null)).get("order");
        assertThat(order.get("status").asText()).isEqualTo("executed");
        assertThat(order.get("yes_price_dollars").asText()).isEqualTo("0.9900");
        assertThat(order.get("taker_fill_cost_dollars").asText()).isEqualTo("0.520000");
        assertThat(order.get("taker_fees_dollars").asText()).isEqualTo("0.017500");

        JsonNode fills = json(call("GET", V2 + "/portfolio/fills?order_id=" + id, null));
        assertThat(fills.get("cursor").asText()).isEmpty();
        JsonNode fill = fills.get("fills").get(0);
        JsonNode recFill = fixture("fills__after_taker.json").get("fills").get(0);
        assertThat(keys(fill))
                .containsAll(keys(recFill))
                .contains("exchange_index")
                .doesNotContain("client_order_id");
        for (String f : List.of(
                "action",
                "book_side",
                "count_fp",
                "fee_cost",
                "is_taker",
                "no_price_dollars",
                "outcome_side",
                "side",
                "yes_price_dollars",
                "subaccount_number")) {
            assertThat(fill.get(f)).as(f).isEqualTo(recFill.get(f));
        }
        assertThat(fill.get("trade_id")).isEqualTo(fill.get("fill_id"));

        JsonNode pos = json(call("GET", V2 + "/portfolio/positions", null));
        JsonNode mp = pos.get("market_positions").get(0);
        Set<String> recordedKeys = keys(
                fixture("portfolio__positions.json").get("market_positions").get(0));
        recordedKeys.remove("resting_orders_count");
        assertThat(keys(mp)).containsAll(recordedKeys);
        assertThat(mp.get("position_fp").asText()).isEqualTo("1.00");
        assertThat(mp.get("market_exposure_dollars").asText()).isEqualTo("0.520000");
        assertThat(mp.get("fees_paid_dollars").asText()).isEqualTo("0.017500");
        assertThat(keys(pos.get("event_positions").get(0)))
                .isEqualTo(keys(fixture("portfolio__positions.json")
                        .get("event_positions")
                        .get(0)));
        assertThat(pos.at("/event_positions/0/event_ticker").asText()).isEqualTo("KXWTACHALLENGERMATCH-26JUN11JIMLEP");

        JsonNode bal = json(call("GET", V2 + "/portfolio/balance", null));
        assertThat(keys(bal)).isEqualTo(keys(fixture("auth__balance_ok.json")));
        // all shards: shard 0 = 100 - 0.52 - 0.0175, shard 2 = 100 untouched
        assertThat(bal.get("balance_dollars").asText()).isEqualTo("199.4625");
        assertThat(bal.get("balance").asLong()).isEqualTo(19946);
        assertThat(bal.get("portfolio_value").asLong()).isEqualTo(52);
        assertThat(bal.at("/balance_breakdown/0/balance").asText()).isEqualTo("99.4625");
        assertThat(bal.at("/balance_breakdown/0/exchange_index").asInt()).isEqualTo(0);
        assertThat(bal.at("/balance_breakdown/1/balance").asText()).isEqualTo("100.0000");
        assertThat(bal.at("/balance_breakdown/1/exchange_index").asInt()).isEqualTo(2);
        JsonNode shard0 = json(call("GET", V2 + "/portfolio/balance?exchange_index=0", null));
        assertThat(shard0.get("balance_dollars").asText()).isEqualTo("99.4625");
        assertThat(shard0.get("balance").asLong()).isEqualTo(9946);
        assertThat(shard0.get("balance_breakdown")).hasSize(1);
        assertThat(bal.get("updated_ts").asLong()).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void partialFillsAndStatuses() throws Exception {
        fake.setCrossingLiquidity(TENNIS, BookSide.ASK, new BigDecimal("0.40"), new BigDecimal("2"));
        JsonNode gtc = json(call("POST", CREATE, order(TENNIS, "bid", "0.45", "5", "good_till_canceled", "g")));
        assertThat(gtc.get("fill_count").asText()).isEqualTo("2.00");
        assertThat(gtc.get("remaining_count").asText()).isEqualTo("3.00");
        String id = gtc.get("order_id").asText();
        fake.fillResting(id, new BigDecimal("1.5"));
        JsonNode o = json(call("GET", V2 + "/portfolio/orders/" + id, null)).get("order");
        assertThat(o.get("status").asText()).isEqualTo("resting");
        assertThat(o.get("fill_count_fp").asText()).isEqualTo("3.50");
        assertThat(o.get("remaining_count_fp").asText()).isEqualTo("1.50");
        assertThat(o.get("maker_fill_cost_dollars").asText()).isEqualTo("0.675000");

        fake.setCrossingLiquidity(TENNIS, BookSide.ASK, new BigDecimal("0.40"), new BigDecimal("1"));
        JsonNode ioc = json(call("POST", CREATE, order(TENNIS, "bid", "0.40", "3", "immediate_or_cancel", "i")));
        assertThat(ioc.get("fill_count").asText()).isEqualTo("1.00");
        assertThat(ioc.get("remaining_count").asText()).isEqualTo("0.00");
        JsonNode fok = json(call("POST", CREATE, order(TENNIS, "bid", "0.40", "3", "fill_or_kill", "k")));
        assertThat(fok.get("fill_count").asText()).isEqualTo("0.00");
        assertThat(fok.has("average_fill_price")).isFalse();
        assertThat(json(call("GET", V2 + "/portfolio/orders?status=canceled", null))
                        .get("orders"))
                .hasSize(2);
        assertThat(json(call("GET", V2 + "/portfolio/orders?status=resting", null))
                        .get("orders"))
                .hasSize(1);
    }

    @Test
    void selfTradePreventionTakerAtCross() throws Exception {
        String resting = createResting(TENNIS, "0.48");
        JsonNode r = json(call("POST", CREATE, order(TENNIS, "ask", "0.4800", "1.00", "immediate_or_cancel", "s")));
        assertThat(r.get("fill_count").asText()).isEqualTo("0.00");
        assertThat(r.get("remaining_count").asText()).isEqualTo("0.00");
        assertThat(json(call("GET", V2 + "/portfolio/orders/" + resting, null))
                        .at("/order/status")
                        .asText())
                .isEqualTo("resting");
    }

    @Test
    void autoFillAndTwoUsersMatch() throws Exception {
        fake.setAutoFill(BTC, true);
        JsonNode r = json(call("POST", CREATE, order(BTC, "ask", "0.30", "4", "good_till_canceled", "af")));
        assertThat(r.get("fill_count").asText()).isEqualTo("4.00");
        assertThat(r.get("average_fill_price").asText()).isEqualTo("0.3000");
        assertThat(fake.position(RSA_KEY_ID, BTC).position()).isEqualByComparingTo("-4");
        fake.setAutoFill(BTC, false);

        fake.setBalance(ED_KEY_ID, new BigDecimal("10"));
        String restingId = createResting(TENNIS, "0.30");
        JsonNode hit = json(call(
                ED_KEY_ID, ed25519, "POST", CREATE, order(TENNIS, "ask", "0.25", "1", "immediate_or_cancel", "h")));
        assertThat(hit.get("average_fill_price").asText()).isEqualTo("0.3000");
        assertThat(fake.orders(RSA_KEY_ID).stream()
                        .filter(o -> o.orderId().equals(restingId))
                        .findFirst()
                        .orElseThrow()
                        .status())
                .isEqualTo("executed");
        assertThat(fake.fills(RSA_KEY_ID).stream()
                        .filter(f -> f.orderId().equals(restingId))
                        .findFirst()
                        .orElseThrow()
                        .taker())
                .isFalse();
        assertThat(fake.cash(ED_KEY_ID, 0)).isEqualByComparingTo("9.2853"); // 10 - 0.70 - ceil(0.07*.3*.7)
    }

    @Test
    void listPaginationLimitsAndFilters() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(createResting(TENNIS, "0.1" + i));
        }
        createResting(BTC, "0.20");
        JsonNode p1 = json(call("GET", V2 + "/portfolio/orders?ticker=" + TENNIS + "&limit=2", null));
        assertThat(p1.get("orders")).hasSize(2);
        assertThat(p1.at("/orders/0/order_id").asText()).isEqualTo(ids.get(2));
        String cursor = p1.get("cursor").asText();
        assertThat(cursor).isNotEmpty();
        JsonNode p2 = json(call("GET", V2 + "/portfolio/orders?ticker=" + TENNIS + "&limit=2&cursor=" + cursor, null));
        assertThat(p2.get("orders")).hasSize(1);
        assertThat(p2.at("/orders/0/order_id").asText()).isEqualTo(ids.get(0));
        assertThat(p2.get("cursor").isTextual()).isTrue();
        assertThat(p2.get("cursor").asText()).isEmpty();
        assertThat(json(call("GET", V2 + "/portfolio/orders?exchange_index=2", null))
                        .get("orders"))
                .hasSize(1);

        HttpResponse<String> over = call("GET", V2 + "/portfolio/orders?limit=1001", null);
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(over.body())
                .isEqualTo("{\"msg\":\"Parameter validation failed for GetOrders: Key: "
                        + "'GetOrdersParams.Limit' Error:Field validation for 'Limit' failed on the 'lte' tag\"}");
        assertThat(call("GET", V2 + "/portfolio/orders?limit=0", null).statusCode())
                .isEqualTo(400);
        assertThat(call("GET", V2 + "/portfolio/fills?limit=1001", null).statusCode())
                .isEqualTo(400);
        assertThat(call("GET", V2 + "/portfolio/orders?status=open", null).statusCode())
                .isEqualTo(400);
        assertThat(call("GET", V2 + "/portfolio/orders?cursor=garbage", null).statusCode())
                .isEqualTo(400);
        assertThat(call("GET", V2 + "/portfolio/orders?limit=1000", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void getUnknownOrOtherUsersOrderIs404() throws Exception {
        String id = createResting(TENNIS, "0.10");
        HttpResponse<String> r = call("GET", V2 + "/portfolio/orders/00000000-0000-0000-0000-000000000000", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo(NOT_FOUND);
        assertThat(call(ED_KEY_ID, ed25519, "GET", V2 + "/portfolio/orders/" + id, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void seededFillsAndPositions() throws Exception {
        fake.seedPosition(ED_KEY_ID, BTC, new BigDecimal("-3"), new BigDecimal("2.10"));
        String fillId = fake.seedFill(
                ED_KEY_ID,
                BTC,
                BookSide.ASK,
                new BigDecimal("0.30"),
                new BigDecimal("3"),
                new BigDecimal("0.0441"),
                true);
        JsonNode pos = json(call(ED_KEY_ID, ed25519, "GET", V2 + "/portfolio/positions", null));
        assertThat(pos.at("/market_positions/0/position_fp").asText()).isEqualTo("-3.00");
        assertThat(pos.at("/market_positions/0/exchange_index").asInt()).isEqualTo(2);
        assertThat(pos.at("/event_positions/0/total_cost_shares_fp").asText()).isEqualTo("3.00");
        JsonNode fills = json(call(ED_KEY_ID, ed25519, "GET", V2 + "/portfolio/fills?ticker=" + BTC, null));
        assertThat(fills.at("/fills/0/fill_id").asText()).isEqualTo(fillId);
        assertThat(fills.at("/fills/0/outcome_side").asText()).isEqualTo("no");
        assertThat(fills.at("/fills/0/fee_cost").asText()).isEqualTo("0.044100");
    }

    // ================================================================== cancel and shards

    @Test
    void shardTwoOrderNeedsRouting() throws Exception {
        String id = createResting(BTC, "0.20");
        HttpResponse<String> unrouted = call("DELETE", CREATE + "/" + id, null);
        assertThat(unrouted.statusCode()).isEqualTo(404);
        assertThat(unrouted.body()).isEqualTo(NOT_FOUND);
        assertThat(call("DELETE", CREATE + "/" + id + "?exchange_index=0", null).statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", CREATE + "/" + id + "?exchange_index=-1", null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(fake.orders(RSA_KEY_ID).get(0).status()).isEqualTo("resting");

        HttpResponse<String> routed = call("DELETE", CREATE + "/" + id + "?market_ticker=" + BTC, null);
        assertThat(routed.statusCode()).isEqualTo(200);
        JsonNode body = json(routed);
        assertThat(keys(body)).isEqualTo(keys(fixture("orders__cancel_v2.json")));
        assertThat(body.get("order_id").asText()).isEqualTo(id);
        assertThat(body.get("reduced_by").asText()).isEqualTo("1.00");

        String id2 = createResting(BTC, "0.20");
        assertThat(call("DELETE", CREATE + "/" + id2 + "?exchange_index=2", null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void cancelOfCanceledExecutedOrUnknownIs404() throws Exception {
        String id = createResting(TENNIS, "0.01");
        assertThat(call("DELETE", CREATE + "/" + id, null).statusCode()).isEqualTo(200);
        fake.setErrorServiceField(true);
        HttpResponse<String> again = call("DELETE", CREATE + "/" + id, null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json(again)).isEqualTo(fixture("orders__cancel_already_canceled.json"));
        assertThat(json(call("DELETE", CREATE + "/00000000-0000-0000-0000-000000000000", null)))
                .isEqualTo(fixture("orders__cancel_unknown_id.json"));
        fake.setAutoFill(TENNIS, true);
        String executed = json(call("POST", CREATE, order(TENNIS, "bid", "0.99", "1", "immediate_or_cancel", "e")))
                .get("order_id")
                .asText();
        assertThat(json(call("DELETE", CREATE + "/" + executed, null)))
                .isEqualTo(fixture("orders__cancel_executed.json"));
        JsonNode got = json(call("GET", V2 + "/portfolio/orders/" + id, null)).get("order");
        assertThat(got.get("status").asText()).isEqualTo("canceled");
        assertThat(got.get("remaining_count_fp").asText()).isEqualTo("0.00");
    }

    @Test
    void legacyDeleteIs410AndCancelsNothing() throws Exception {
        String id = createResting(TENNIS, "0.01");
        HttpResponse<String> r = call("DELETE", V2 + "/portfolio/orders/" + id, null);
        assertThat(r.statusCode()).isEqualTo(410);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("deprecated_v1_order_endpoint");
        for (String p : List.of(
                "/portfolio/orders/" + id + "/amend",
                "/portfolio/orders/" + id + "/decrease",
                "/portfolio/orders/batched")) {
            assertThat(call("POST", V2 + p, "{}").statusCode()).as(p).isEqualTo(410);
        }
        assertThat(call("DELETE", V2 + "/portfolio/orders/batched", "{}").statusCode())
                .isEqualTo(410);
        assertThat(fake.orders(RSA_KEY_ID).get(0).status()).isEqualTo("resting");
    }

    @Test
    void cancelAllIs204() throws Exception {
        createResting(TENNIS, "0.01");
        createResting(BTC, "0.01");
        HttpResponse<String> r = call("DELETE", CREATE, null);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(fake.orders(RSA_KEY_ID)).allMatch(o -> o.status().equals("canceled"));
    }

    // ================================================================== plumbing

    @Test
    void unknownPathsAre404() throws Exception {
        for (String p : List.of(
                V2 + "/portfolio/nope",
                V2 + "/portfolio/orders/",
                "/portfolio/balance",
                V2 + "/portfolio/events/orders/x/y/z")) {
            HttpResponse<String> r = call("GET", p, null);
            assertThat(r.statusCode()).as(p).isEqualTo(404);
            assertThat(r.body()).isEqualTo("404 page not found\n");
        }
    }

    @Test
    void requestsAreRecordedVerbatim() throws Exception {
        fake.clearRequests();
        String body = order(TENNIS, "bid", "0.10", "1", "good_till_canceled", "canary-123");
        call("POST", CREATE, body);
        call("GET", V2 + "/portfolio/orders?limit=5&status=resting", null);
        List<RecordedRequest> reqs = fake.requests();
        assertThat(reqs).hasSize(2);
        RecordedRequest post = reqs.get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.rawPath()).isEqualTo(CREATE);
        assertThat(post.bodyString()).isEqualTo(body);
        assertThat(post.header("kalshi-access-key")).contains(RSA_KEY_ID);
        assertThat(post.responseStatus()).isEqualTo(201);
        assertThat(post.dump()).contains("canary-123");
        assertThat(reqs.get(1).rawQuery()).isEqualTo("limit=5&status=resting");
        fake.clearRequests();
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void failNextAnswersOnceWithExactResponse() throws Exception {
        fake.failNext(429, "{\"error\": \"too many requests\"}", Map.of("X-Test", "1"));
        HttpResponse<String> r = call("GET", V2 + "/portfolio/balance", null);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.body()).isEqualTo("{\"error\": \"too many requests\"}");
        assertThat(r.headers().firstValue("X-Test")).contains("1");
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
        assertThat(call("GET", V2 + "/portfolio/balance", null).statusCode()).isEqualTo(200);
    }

    @Test
    void faultCanTargetARequest() throws Exception {
        fake.injectNext(req -> req.method().equals("POST"), FakeFault.fail(503, "", Map.of()));
        assertThat(call("GET", V2 + "/portfolio/balance", null).statusCode()).isEqualTo(200);
        assertThat(call("POST", CREATE, order(TENNIS, "bid", "0.10", "1", "good_till_canceled", "t"))
                        .statusCode())
                .isEqualTo(503);
        assertThat(fake.orders(RSA_KEY_ID)).isEmpty();
    }

    @Test
    void resetConnectionBeforeAndAfterProcessing() throws Exception {
        fake.resetConnectionNext();
        String body = order(TENNIS, "bid", "0.10", "1", "good_till_canceled", "rc");
        assertThatThrownBy(() -> call("POST", CREATE, body)).isInstanceOf(IOException.class);
        assertThat(fake.orders(RSA_KEY_ID)).isEmpty();

        fake.resetConnectionAfterProcessingNext();
        assertThatThrownBy(() -> call("POST", CREATE, body)).isInstanceOf(IOException.class);
        assertThat(fake.orders(RSA_KEY_ID)).hasSize(1);
        assertThat(call("POST", CREATE, body).statusCode()).isEqualTo(409);
    }

    @Test
    void delayedRequestTimesOutClientAndHoldGateReleases() throws Exception {
        fake.delayNext(Duration.ofSeconds(30));
        String ts = Long.toString(NOW.toEpochMilli());
        String p = V2 + "/portfolio/balance";
        assertThatThrownBy(() -> raw(
                        "GET", p, null, auth(RSA_KEY_ID, ts, sig(rsaPkcs8, ts + "GET" + p)), Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);

        FakeFault.Gate gate = fake.holdNext();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<HttpResponse<String>> f = pool.submit(() -> call("GET", p, null));
            assertThat(gate.awaitArrival(Duration.ofSeconds(10))).isTrue();
            assertThat(f.isDone()).isFalse();
            gate.release();
            assertThat(f.get().statusCode()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCreatesAreConsistent() throws Exception {
        fake.setBalance(RSA_KEY_ID, new BigDecimal("1000"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String cid = i % 2 == 0 ? "same-client-id" : "cid-" + i;
                tasks.add(() -> call("POST", CREATE, order(TENNIS, "bid", "0.10", "1", "good_till_canceled", cid))
                        .statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                statuses.add(f.get());
            }
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(13);
            assertThat(statuses.stream().filter(s -> s == 409)).hasSize(11);
            assertThat(fake.orders(RSA_KEY_ID)).hasSize(13);
            assertThat(fake.availableBalance(RSA_KEY_ID, 0)).isEqualByComparingTo("998.70");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void publicMarketEndpointShowsGrid() throws Exception {
        HttpResponse<String> r = raw("GET", V2 + "/markets/" + BTC, null, Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode m = json(r).get("market");
        assertThat(m.get("price_level_structure").asText()).isEqualTo("tapered_deci_cent");
        assertThat(m.get("price_ranges")).hasSize(3);
        assertThat(m.get("exchange_index").asInt()).isEqualTo(2);
    }
}
