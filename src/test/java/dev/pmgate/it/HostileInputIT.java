package dev.pmgate.it;

import static dev.pmgate.support.SpecAnswers.assertSpecError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.support.Fuzz;
import dev.pmgate.support.HostileKeys;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import dev.pmgate.support.Outputs;
import dev.pmgate.support.PolymarketAccount;
import dev.pmgate.support.RawHttp;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input over real HTTP: every request below is answered with a SPEC §2.3 error (never a 500,
 * never a container HTML page), reaches no exchange (the fakes' request logs do not grow), and no
 * secret shows up in any response, log line or upstream request.
 */
class HostileInputIT extends GatewayIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final List<String> canaries = new ArrayList<>();
    private KalshiAccount kalshi;
    private PolymarketAccount poly;
    private String ticker;
    private String condition;

    @BeforeEach
    void accounts() {
        kalshi = new KalshiAccount(KeyFormat.RSA_PKCS1);
        KALSHI.registerKey(kalshi.keyId, kalshi.keyPair.getPublic());
        KALSHI.setBalance(kalshi.keyId, new BigDecimal("1000"));
        ticker = "KXHOST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        KALSHI.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
        poly = PolymarketAccount.withClobCredentials(POLYMARKET);
        POLYMARKET.setCollateral(poly.address(), new BigDecimal("1000"));
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        condition = "0x" + HexFormat.of().formatHex(id);
        POLYMARKET.addMarket(FakePolymarket.Market.binary(
                condition,
                new java.math.BigInteger(120, RANDOM).toString(),
                new java.math.BigInteger(120, RANDOM).toString(),
                "0.01",
                false));
        canaries.addAll(List.of(kalshi.canaries()));
        canaries.addAll(List.of(poly.canaries()));
        canaries.add(API_KEY);
    }

    @AfterEach
    void noSecretLeftAnyTrace() {
        List<String> places = new ArrayList<>(Outputs.all());
        places.add(LOGS.all());
        KALSHI.requests().forEach(r -> places.add(r.dump()));
        POLYMARKET
                .requests()
                .forEach(r -> places.add(r.allText().replace(poly.creds.passphrase(), "<passphrase header>")));
        for (String canary : canaries) {
            for (String place : places) {
                assertThat(place).as("a secret leaked").doesNotContain(canary);
            }
        }
    }

    private static int upstreamCalls() {
        return KALSHI.requests().size() + POLYMARKET.requests().size();
    }

    /** Sends, asserts the SPEC error shape and status, and that no exchange saw any request. */
    private JsonNode refused(Supplier<HttpCall.Response> send, int... statuses) {
        int before = upstreamCalls();
        HttpCall.Response r = send.get();
        JsonNode error = assertSpecError(r, statuses);
        assertThat(upstreamCalls()).as("no upstream call for %s", r.body()).isEqualTo(before);
        assertThat(r.headers().keySet())
                .noneMatch(h -> h.equalsIgnoreCase("X-Injected")
                        || h.equalsIgnoreCase("X-API-Key")
                        || h.equalsIgnoreCase("X-Exchange-Credentials"));
        return error;
    }

    private JsonNode refusedRaw(Supplier<RawHttp.Response> send, int... statuses) {
        return refused(() -> send.get().asHttpCall(), statuses);
    }

    private HttpCall.Response kalshiOrder(String credentials, String body) {
        return kalshi("POST", "/orders", credentials, body);
    }

    private String order(String market, String outcome, String price, String size, String extra) {
        return "{\"market_id\":" + Fuzz.str(market) + ",\"outcome\":" + Fuzz.str(outcome)
                + ",\"side\":\"buy\",\"price\":" + price + ",\"size\":" + size + extra + "}";
    }

    private static String credentialsHeader(String json) {
        return java.util.Base64.getEncoder().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String kalshiCredentials(String apiKeyIdRaw, String privateKeyRaw) {
        return credentialsHeader("{\"api_key_id\":" + apiKeyIdRaw + ",\"private_key\":" + privateKeyRaw + "}");
    }

    @Test
    void oversizeCredentialsHeadersAreRefused() {
        String pad = "x".repeat(17 * 1024);
        String big = credentialsHeader("{\"api_key_id\":" + Fuzz.str(kalshi.keyId) + ",\"private_key\":"
                + Fuzz.str(kalshi.privateKeyPem) + ",\"pad\":\"" + pad + "\"}");
        JsonNode error = refused(() -> kalshi("GET", "/balance", big, null), 400, 431);
        assertThat(error.get("code").asText()).isIn("invalid_credentials", "header_too_large");
        // beyond the container's own header limit: still JSON in the SPEC shape
        String huge = "A".repeat(80 * 1024);
        refusedRaw(
                () -> RawHttp.send(
                        port,
                        "GET",
                        "/api/v1/balance?exchange=kalshi",
                        Map.of("X-API-Key", API_KEY, "X-Exchange-Credentials", huge),
                        null),
                400,
                431);
        // a sealed-looking header over the limit is refused before any decryption
        String dots = "a".repeat(5000) + "." + "b".repeat(5000) + "." + "c.d." + "e".repeat(7000);
        assertThat(refused(() -> kalshi("GET", "/balance", dots, null), 400)
                        .get("code")
                        .asText())
                .isEqualTo("invalid_credentials");
    }

    @Test
    void oversizeBodiesAreRefused() {
        for (int kib : new int[] {65, 1024}) {
            String body = order(ticker, "Yes", "0.5", "1", ",\"pad\":\"" + "x".repeat(kib * 1024) + "\"");
            JsonNode error = refused(() -> kalshiOrder(kalshi.header(), body), 400, 413);
            assertThat(error.get("code").asText()).isIn("payload_too_large", "bad_request");
        }
    }

    @Test
    void deeplyNestedJsonIsRefusedInBodyAndCredentials() {
        String deep = Fuzz.nested(1000);
        for (String body : new String[] {
            deep,
            "{\"params\":" + deep + "}",
            order(ticker, "Yes", deep, "1", ""),
            "{\"a\":" + "{\"a\":".repeat(1000) + "1" + "}".repeat(1001)
        }) {
            assertThat(refused(() -> kalshiOrder(kalshi.header(), body), 400)
                            .get("code")
                            .asText())
                    .isEqualTo("bad_request");
        }
        for (String creds : new String[] {
            deep,
            "{\"api_key_id\":" + deep + ",\"private_key\":\"x\"}",
            "{\"api_key_id\":\"k\",\"private_key\":" + "{\"a\":".repeat(1000) + "1" + "}".repeat(1000) + "}"
        }) {
            assertThat(refused(() -> kalshi("GET", "/balance", credentialsHeader(creds), null), 400)
                            .get("code")
                            .asText())
                    .isEqualTo("invalid_credentials");
        }
    }

    @Test
    void duplicateKeysAreRefusedInBodyAndCredentials() {
        String dupBody = "{\"market_id\":\"" + ticker + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.5,"
                + "\"price\":0.01,\"size\":1}";
        JsonNode error = refused(() -> kalshiOrder(kalshi.header(), dupBody), 400);
        assertThat(error.get("code").asText()).isEqualTo("bad_request");
        assertThat(error.get("validation_errors").get(0).asText()).isEqualTo("body: duplicate field");
        String dupCreds = credentialsHeader("{\"api_key_id\":" + Fuzz.str(kalshi.keyId) + ",\"private_key\":"
                + Fuzz.str(kalshi.privateKeyPem) + ",\"private_key\":\"-----BEGIN PRIVATE KEY-----\"}");
        assertThat(refused(() -> kalshi("GET", "/balance", dupCreds, null), 400)
                        .get("code")
                        .asText())
                .isEqualTo("invalid_credentials");
        String dupPoly = credentialsHeader("{\"private_key\":" + Fuzz.str(poly.privateKeyHex) + ",\"private_key\":"
                + Fuzz.str(poly.privateKeyHex) + "}");
        assertThat(refused(() -> polymarket("GET", "/balance", dupPoly, null), 400)
                        .get("code")
                        .asText())
                .isEqualTo("invalid_credentials");
        // trailing content after the JSON value is refused as well
        String trailing = credentialsHeader(new String(
                        java.util.Base64.getDecoder().decode(kalshi.header()), java.nio.charset.StandardCharsets.UTF_8)
                + "{\"api_key_id\":\"other\"}");
        assertThat(refused(() -> kalshi("GET", "/balance", trailing, null), 400)
                        .get("code")
                        .asText())
                .isEqualTo("invalid_credentials");
        assertThat(refused(() -> kalshiOrder(kalshi.header(), order(ticker, "Yes", "0.5", "1", "") + "{}"), 400)
                        .get("code")
                        .asText())
                .isEqualTo("bad_request");
    }

    @Test
    void wrongTypesAreRefusedEverywhere() {
        List<String> bodies = List.of(
                "[]",
                "\"order\"",
                "1",
                "null",
                "true",
                "{\"market_id\":123,\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.5,\"size\":1}",
                order(ticker, "Yes", "\"abc\"", "1", ""),
                order(ticker, "Yes", "0.5", "{}", ""),
                order(ticker, "Yes", "0.5", "[1]", ""),
                order(ticker, "Yes", "true", "1", ""),
                "{\"market_id\":\"" + ticker + "\",\"outcome\":true,\"side\":\"buy\",\"price\":0.5,\"size\":1}",
                "{\"market_id\":\"" + ticker + "\",\"outcome\":\"Yes\",\"side\":[],\"price\":0.5,\"size\":1}",
                order(ticker, "Yes", "0.5", "1", ",\"client_order_id\":1"),
                order(ticker, "Yes", "0.5", "1", ",\"params\":\"x\""),
                order(ticker, "Yes", "0.5", "1", ",\"params\":{\"order_type\":1}"),
                order(ticker, "Yes", "0.5", "1", ",\"params\":{\"order_type\":\"gtd\",\"expiration\":\"soon\"}"),
                order(ticker, "Yes", "0.5", "1", ",\"params\":{\"post_only\":\"yes\"}"),
                order(ticker, "Yes", "0.5", "1", ",\"params\":[]"));
        for (String body : bodies) {
            JsonNode error = refused(() -> kalshiOrder(kalshi.header(), body), 400);
            assertThat(error.get("code").asText()).as(body).isIn("validation_error", "bad_request");
        }
        for (String query : new String[] {
            "/orders?exchange=kalshi&limit=abc",
            "/orders?exchange=kalshi&limit=-1",
            "/orders?exchange=kalshi&limit=1e3",
            "/orders?exchange=kalshi&limit=99999999999",
            "/orders?exchange=kalshi&status=1",
            "/orders?exchange=kalshi&exchange=polymarket",
            "/orders?exchange=123",
            "/orders?exchange=kal%00shi",
            "/orders?exchange=",
            "/orders?exchange=kalshi&cursor=%00",
            "/fills?exchange=kalshi&order_id=%E2%80%8B",
            "/orders?exchange=kalshi&market_id=a%0D%0Ab",
            "/balance?exchange=kalshi&private_key=x"
        }) {
            try {
                refused(
                        () -> api("GET", query)
                                .header("X-Exchange-Credentials", kalshi.header())
                                .send(),
                        400);
            } catch (AssertionError e) {
                throw new AssertionError(query + ": " + e.getMessage(), e);
            }
        }
        for (String creds : new String[] {
            "[]",
            "\"creds\"",
            "1",
            "null",
            "{\"api_key_id\":1,\"private_key\":\"x\"}",
            "{\"api_key_id\":\"k\",\"private_key\":[]}",
            "{\"api_key_id\":null,\"private_key\":null}",
            "{}"
        }) {
            assertThat(refused(() -> kalshi("GET", "/balance", credentialsHeader(creds), null), 400)
                            .get("code")
                            .asText())
                    .isEqualTo("invalid_credentials");
        }
        for (String creds : new String[] {
            "{\"private_key\":1}",
            "{\"private_key\":\"" + poly.privateKeyHex + "\",\"signature_type\":\"one\"}",
            "{\"private_key\":\"" + poly.privateKeyHex + "\",\"signature_type\":7}",
            "{\"private_key\":\"" + poly.privateKeyHex + "\",\"funder_address\":42}",
            "{\"private_key\":\"" + poly.privateKeyHex + "\",\"clob_api_key\":1,\"clob_api_secret\":2,"
                    + "\"clob_api_passphrase\":3}"
        }) {
            assertThat(refused(() -> polymarket("GET", "/balance", credentialsHeader(creds), null), 400)
                            .get("code")
                            .asText())
                    .isEqualTo("invalid_credentials");
        }
    }

    @Test
    void hostileNumbersAreRefusedBeforeAnyExchangeCall() {
        String[] prices = {
            "NaN",
            "Infinity",
            "-Infinity",
            "-0",
            "0",
            "1",
            "1.0000001",
            "1e400",
            "1e-400",
            "-0.5",
            "1e-100000000",
            "1e-999999999",
            "1e-9999999999",
            "123456789012345678901234567890",
            "\"NaN\"",
            "0.12345"
        };
        String[] sizes = {
            "NaN",
            "-0",
            "0",
            "-1",
            "1e400",
            "1e-400",
            "1000000001",
            "1.505",
            "1e-100000000",
            "99999999999999999999999",
            "\"1e3\""
        };
        for (String outcome : new String[] {"Yes", "No"}) {
            for (String price : prices) {
                JsonNode error =
                        refused(() -> kalshiOrder(kalshi.header(), order(ticker, outcome, price, "1", "")), 400);
                assertThat(error.get("code").asText()).as(price).isIn("validation_error", "bad_request");
                assertThat(error.toString()).doesNotContain("100000000", "999999999");
            }
            for (String size : sizes) {
                refused(() -> kalshiOrder(kalshi.header(), order(ticker, outcome, "0.5", size, "")), 400);
            }
        }
        // Polymarket: tick grid and size decimals are checked after the (public, unsigned) market lookup,
        // so the only calls allowed there are GETs of public market metadata
        for (String[] c : new String[][] {
            {"1e-100000000", "10"},
            {"0.555", "10"},
            {"0.5", "5.123"},
            {"0.5", "1e-100000000"},
            {"NaN", "1"},
            {"1.0000001", "1"}
        }) {
            int before = POLYMARKET.requests().size();
            HttpCall.Response r = polymarket("POST", "/orders", poly.header(), order(condition, "No", c[0], c[1], ""));
            assertSpecError(r, 400);
            assertThat(POLYMARKET
                            .requests()
                            .subList(before, POLYMARKET.requests().size()))
                    .allSatisfy(q -> assertThat(q.method() + " " + q.path()).startsWith("GET /clob-markets/"));
        }
    }

    @Test
    void malformedRequestLinesHeadersAndMethodsGetSpecErrors() {
        Map<String, String> headers = Map.of("X-API-Key", API_KEY, "X-Exchange-Credentials", kalshi.header());
        String tooMany = "/api/v1/orders?exchange=kalshi" + "&p=1".repeat(1500);
        for (String target : new String[] {
            "/api/v1/orders?exchange=kalshi&%ZZ=1",
            "/api/v1/orders?exchange=kalshi&a=%",
            "/api/v1/orders?exchange=kalshi&limit=%FF%FE",
            "/api/v1/orders?exchange=%C0%AE",
            tooMany,
            "/api/v1/orders/%ZZ?exchange=kalshi",
            "/api/v1/orders/%?exchange=kalshi"
        }) {
            refusedRaw(() -> RawHttp.send(port, "GET", target, headers, null), 400, 404);
        }
        String body = order(ticker, "Yes", "0.5", "1", "");
        for (String contentType : new String[] {
            "application/json; charset=bogus",
            "application/json; charset=utf-16",
            "application/x-www-form-urlencoded",
            "text/plain",
            "multipart/form-data; boundary=x"
        }) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put("Content-Type", contentType);
            int before = upstreamCalls();
            RawHttp.Response r = RawHttp.send(port, "POST", "/api/v1/orders?exchange=kalshi", h, body);
            // the JSON body may still be readable; whatever the answer, it is never a 500 or an HTML page
            if (r.status() >= 400) {
                assertSpecError(r);
                assertThat(upstreamCalls()).isEqualTo(before);
            } else {
                assertThat(r.status()).as(r.body()).isEqualTo(201);
            }
        }
        for (String method : new String[] {"PUT", "PATCH", "TRACE", "FOO", "CONNECT"}) {
            try {
                refusedRaw(
                        () -> RawHttp.send(port, method, "/api/v1/orders?exchange=kalshi", headers, null),
                        400,
                        404,
                        405,
                        501);
            } catch (AssertionError e) {
                throw new AssertionError(method + ": " + e.getMessage(), e);
            }
        }
        refusedRaw(() -> RawHttp.send(port, "GET", "/api/v1/nothing-here", headers, null), 404);
        for (String version : new String[] {"HTTP/9.9", "HTTP/2.0", "HTTP/1.2", "FOO/1.1"}) {
            refusedRaw(
                    () -> RawHttp.send(
                            port,
                            ("GET /api/v1/balance?exchange=kalshi " + version
                                            + "\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-API-Key: " + API_KEY
                                            + "\r\n\r\n")
                                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                    400,
                    505);
        }
    }

    @Test
    void aMalformedQueryDoesNotPutParameterValuesInTheLogs() {
        String secret = "canary-query-" + UUID.randomUUID();
        canaries.add(secret);
        refusedRaw(
                () -> RawHttp.send(
                        port,
                        "GET",
                        "/api/v1/balance?exchange=kalshi&private_key=" + secret + "%ZZ",
                        Map.of("X-API-Key", API_KEY, "X-Exchange-Credentials", kalshi.header()),
                        null),
                400);
    }

    @Test
    void unicodeZeroWidthAndControlCharactersInIdsAreRefused() {
        for (String path : new String[] {
            "/orders/ABC%E2%80%8B",
            "/orders/%E2%80%AEABC",
            "/orders/A%0D%0AB",
            "/orders/%C3%A9",
            "/orders/A%09B",
            "/orders/%EF%BC%A1",
            "/orders/A%7FB",
            "/orders/" + "A".repeat(65)
        }) {
            for (String method : new String[] {"GET", "DELETE"}) {
                JsonNode error = refused(
                        () -> api(method, path + "?exchange=kalshi")
                                .header("X-Exchange-Credentials", kalshi.header())
                                .send(),
                        400,
                        404);
                assertThat(error.get("code").asText()).isIn("validation_error", "bad_request", "not_found");
            }
        }
        for (String hostile :
                new String[] {"\u200b", "\u202e", "\u0000", "\r\n", "\u0007", "\ufeff", "\u00e9", "\uff21"}) {
            String market = ticker.substring(0, 3) + hostile + ticker.substring(3);
            assertThat(refused(() -> kalshiOrder(kalshi.header(), order(market, "Yes", "0.5", "1", "")), 400)
                            .get("code")
                            .asText())
                    .isEqualTo("validation_error");
            refused(() -> kalshiOrder(kalshi.header(), order(ticker, "Ye" + hostile + "s", "0.5", "1", "")), 400);
            refused(
                    () -> kalshiOrder(
                            kalshi.header(),
                            order(ticker, "Yes", "0.5", "1", ",\"client_order_id\":" + Fuzz.str("id" + hostile + "x"))),
                    400);
            String polyMarket = condition.substring(0, 10) + hostile + condition.substring(10);
            refused(() -> polymarket("POST", "/orders", poly.header(), order(polyMarket, "Yes", "0.5", "1", "")), 400);
            // a Polymarket outcome may be any outcome name: letters are checked against the public market metadata
            int before = POLYMARKET.requests().size();
            assertSpecError(
                    polymarket(
                            "POST", "/orders", poly.header(), order(condition, "Y" + hostile + "es", "0.5", "1", "")),
                    400);
            assertThat(POLYMARKET
                            .requests()
                            .subList(before, POLYMARKET.requests().size()))
                    .allSatisfy(q -> assertThat(q.method() + " " + q.path()).startsWith("GET /clob-markets/"));
        }
        refused(() -> polymarket("GET", "/orders/0x" + "ab".repeat(31) + "%E2%80%8Bab", poly.header(), null), 400, 404);
    }

    @Test
    void headerInjectionAttemptsInIdempotencyKeyAreRefusedOrInert() {
        String body = order(ticker, "Yes", "0.5", "1", "");
        Map<String, String> base = new LinkedHashMap<>();
        base.put("X-API-Key", API_KEY);
        base.put("X-Exchange-Credentials", kalshi.header());
        // raw bytes the HTTP client would never send: bare CR, NUL, obs-fold, obs-text, DEL
        for (String key : new String[] {
            "abc\rX-Injected: 1",
            "abc\u0000X-Injected: 1",
            "abc\r\n X-Injected: 1",
            "\u00e9t\u00e9",
            "abc\u007fdef",
            "a b",
            "x".repeat(256)
        }) {
            Map<String, String> headers = new LinkedHashMap<>(base);
            headers.put("Idempotency-Key", key);
            refusedRaw(() -> RawHttp.send(port, "POST", "/api/v1/orders?exchange=kalshi", headers, body), 400);
        }
        // two headers where one was meant: no way to smuggle a second one through the gateway
        int ordersBefore = KALSHI.orders(kalshi.keyId).size();
        Map<String, String> split = new LinkedHashMap<>(base);
        split.put("Idempotency-Key", "abc\r\nX-Injected: 1");
        RawHttp.Response r = RawHttp.send(port, "POST", "/api/v1/orders?exchange=kalshi", split, body);
        assertThat(r.status()).as(r.body()).isIn(201, 400);
        assertThat(r.header("X-Injected")).isNull();
        // percent-encoded CRLF is plain printable text: accepted as a key, never decoded into a header
        HttpCall.Response encoded = api("POST", "/orders?exchange=kalshi")
                .header("X-Exchange-Credentials", kalshi.header())
                .header("Idempotency-Key", "abc%0D%0AX-Injected:%201")
                .body(body)
                .send();
        assertThat(encoded.status()).as(encoded.body()).isEqualTo(201);
        assertThat(encoded.header("X-Injected")).isNull();
        assertThat(KALSHI.requests())
                .noneMatch(
                        q -> q.headers().containsKey("X-Injected") || q.dump().contains("X-Injected"));
        assertThat(KALSHI.orders(kalshi.keyId).size()).isLessThanOrEqualTo(ordersBefore + 2);
    }

    @Test
    void headerInjectionAttemptsInCredentialFieldsAreRefused() {
        for (String keyId : new String[] {
            kalshi.keyId + "\r\nX-Injected: 1",
            "a\r\nKALSHI-ACCESS-KEY: b",
            kalshi.keyId + "\nX-Injected: 1",
            "\r\n\r\nGET / HTTP/1.1"
        }) {
            JsonNode error = refused(
                    () -> kalshi(
                            "GET",
                            "/balance",
                            kalshiCredentials(Fuzz.str(keyId), Fuzz.str(kalshi.privateKeyPem)),
                            null),
                    400);
            assertThat(error.get("code").asText()).isEqualTo("invalid_credentials");
            assertThat(error.get("validation_errors").get(0).asText()).startsWith("api_key_id:");
        }
        String[] fields = {"clob_api_key", "clob_api_secret", "clob_api_passphrase"};
        for (String field : fields) {
            Map<String, Object> json = new LinkedHashMap<>(poly.credentialsJson());
            json.put(field, json.get(field) + "\r\nX-Injected: 1");
            JsonNode error = refused(() -> polymarket("GET", "/balance", KalshiAccount.encode(json), null), 400);
            assertThat(error.get("code").asText()).isEqualTo("invalid_credentials");
            assertThat(error.toString()).doesNotContain("X-Injected");
        }
        assertThat(POLYMARKET.requests()).noneMatch(q -> q.allText().contains("X-Injected"));
    }

    @Test
    void pathTraversalAndEncodedSeparatorsInTheIdAreRefused() {
        String[] ids = {
            "..%2F..%2Fportfolio%2Fbalance",
            "%2e%2e%2fbalance",
            "%2E%2E",
            "..%2f",
            "ABC%2FDEF",
            "ABC%5CDEF",
            "ABC%252FDEF",
            "..%5C..%5Cbalance",
            "ABC%3Fx%3D1",
            "ABC%23frag",
            "..;",
            "ABC;x=1",
            "%C0%AE%C0%AE%2F",
            "ABC%00",
            "%2F",
            "%20",
            "ABC%2Fportfolio%2Fbalance"
        };
        for (String id : ids) {
            for (String method : new String[] {"GET", "DELETE"}) {
                for (String exchange : new String[] {"kalshi", "polymarket"}) {
                    Map<String, String> headers = Map.of(
                            "X-API-Key",
                            API_KEY,
                            "X-Exchange-Credentials",
                            exchange.equals("kalshi") ? kalshi.header() : poly.header());
                    JsonNode error = refusedRaw(
                            () -> RawHttp.send(
                                    port, method, "/api/v1/orders/" + id + "?exchange=" + exchange, headers, null),
                            400,
                            404,
                            405);
                    assertThat(error.get("code").asText())
                            .as(id)
                            .isIn("validation_error", "bad_request", "not_found", "method_not_allowed");
                }
            }
        }
    }

    @Test
    void keysThatAreTooBigEncryptedOrOfTheWrongTypeAreRefused() {
        for (String pem : HostileKeys.all()) {
            JsonNode error = refused(
                    () -> kalshi("GET", "/balance", kalshiCredentials(Fuzz.str(kalshi.keyId), Fuzz.str(pem)), null),
                    400);
            assertThat(error.get("code").asText()).isEqualTo("invalid_credentials");
            assertThat(error.get("validation_errors").get(0).asText()).startsWith("private_key:");
            assertThat(error.toString()).doesNotContain("BEGIN");
        }
        assertThat(refused(
                                () -> kalshi(
                                        "GET",
                                        "/balance",
                                        kalshiCredentials(Fuzz.str(kalshi.keyId), Fuzz.str(HostileKeys.RSA_9000_BITS)),
                                        null),
                                400)
                        .get("validation_errors")
                        .get(0)
                        .asText())
                .contains("8192");
    }

    @Test
    void credentialsOfTheOtherExchangeAreRefused() {
        JsonNode toPoly = refused(() -> polymarket("GET", "/balance", kalshi.header(), null), 400);
        assertThat(toPoly.get("code").asText()).isEqualTo("invalid_credentials");
        assertThat(toPoly.get("validation_errors").get(0).asText()).startsWith("private_key:");
        JsonNode toKalshi = refused(() -> kalshi("GET", "/balance", poly.header(), null), 400);
        assertThat(toKalshi.get("code").asText()).isEqualTo("invalid_credentials");
        assertThat(toKalshi.get("validation_errors").get(0).asText()).startsWith("api_key_id:");
        refused(() -> polymarket("POST", "/orders", kalshi.header(), order(condition, "Yes", "0.5", "10", "")), 400);
        refused(() -> kalshi("POST", "/orders", poly.header(), order(ticker, "Yes", "0.5", "10", "")), 400);
    }

    @Test
    void credentialsOutsideTheHeaderAreRefused() {
        refused(
                () -> kalshiOrder(
                        kalshi.header(),
                        order(ticker, "Yes", "0.5", "1", ",\"private_key\":" + Fuzz.str(kalshi.privateKeyPem))),
                400);
        refused(
                () -> kalshiOrder(
                        kalshi.header(),
                        order(ticker, "Yes", "0.5", "1", ",\"params\":{\"X-Exchange-Credentials\":\"x\"}")),
                400);
        refused(
                () -> api("GET", "/balance?exchange=kalshi&X-Exchange-Credentials=x")
                        .header("X-Exchange-Credentials", kalshi.header())
                        .send(),
                400);
        refused(() -> kalshi("GET", "/balance", null, null), 403);
        // and the well-formed request still works: the refusals above were about the input
        HttpCall.Response ok = kalshiOrder(kalshi.header(), order(ticker, "Yes", "0.5", "1", ""));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        HttpCall.Response polyOk =
                polymarket("POST", "/orders", poly.header(), order(condition, "Yes", "0.5", "10", ""));
        assertThat(polyOk.status()).as(polyOk.body()).isEqualTo(201);
    }
}
