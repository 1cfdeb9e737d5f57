package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pmgate.sandbox.BookSide;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.sandbox.RecordedRequest;
import dev.pmgate.support.DebugLogging;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import dev.pmgate.support.LeakScanner;
import dev.pmgate.support.Outputs;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SPEC §3 invariants 4, 8 and 9 end to end: every Kalshi endpoint, on success and on every error class
 * (local refusals, exchange refusals, exchange 5xx / 429 / timeout / reset), with fresh canary accounts
 * of all three key types and the HTTP libraries logging at TRACE; then no canary, raw credentials
 * header or API key may appear in any log line, any HTTP response, or any upstream request outside
 * the Kalshi auth headers, and upstream requests carry only the allowed headers.
 */
class KalshiCanaryIT extends GatewayIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Headers an upstream request may carry (lower case). Invariant 8 names: the Kalshi auth headers,
     * Content-Type, Accept, User-Agent, Host, Connection, Content-Length, W3C trace context and X-Request-Id.
     * What the fake actually receives: accept, accept-encoding, connection, content-length, content-type, host,
     * kalshi-access-key/-signature/-timestamp, user-agent, x-request-id. The one header beyond the named list,
     * {@code accept-encoding}, is added by the transport, not by pmgate: Apache HttpClient 5's content
     * compression step advertises the codings it can decode ({@code gzip, x-gzip, deflate}); it carries no
     * caller data (checked below). Anything else fails the test.
     */
    static final Set<String> ALLOWED_UPSTREAM_HEADERS = Set.of(
            "kalshi-access-key",
            "kalshi-access-signature",
            "kalshi-access-timestamp",
            "content-type",
            "accept",
            "user-agent",
            "host",
            "connection",
            "content-length",
            "traceparent",
            "tracestate",
            "baggage",
            "x-request-id",
            "accept-encoding");

    /** Every secret any test of this class handed to the gateway, for the scans (across test methods). */
    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();

    private static void remember(KalshiAccount a) {
        SECRETS.addAll(secretsOf(a));
    }

    /** What must never come out: the account's canaries, the raw header (both base64 alphabets) and its decoded JSON. */
    static List<String> secretsOf(KalshiAccount a) {
        List<String> s = new ArrayList<>(List.of(a.canaries()));
        String header = a.header();
        s.add(header);
        s.add(Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Base64.getDecoder().decode(header))
                .substring(40, 100));
        s.add(URLEncoder.encode(header, StandardCharsets.UTF_8).substring(40, 100));
        return s;
    }

    private static List<String> allSecrets() {
        List<String> all = new ArrayList<>(SECRETS);
        all.add(API_KEY);
        return all;
    }

    private static KalshiAccount registered(KeyFormat format) {
        KalshiAccount a = new KalshiAccount(format);
        KALSHI.registerKey(a.keyId, a.keyPair.getPublic());
        KALSHI.setBalance(a.keyId, new BigDecimal("1000"));
        remember(a);
        return a;
    }

    private static String market() {
        String ticker = "KXCAN-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        KALSHI.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
        return ticker;
    }

    private static String order(String market, String price, String size, String extra) {
        return "{\"market_id\":\"" + market + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":" + price
                + ",\"size\":" + size + extra + "}";
    }

    private static void expect(HttpCall.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        if (code != null) {
            assertThat(r.json().path("code").asText()).as(r.body()).isEqualTo(code);
        }
    }

    // =================================================================== the run

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void everyEndpointAndErrorClassLeaksNothing(KeyFormat format) {
        KalshiAccount a = registered(format);
        String market = market();
        int firstRequest = KALSHI.requests().size();
        try (DebugLogging trace = DebugLogging.httpTreesAtTrace()) {
            successes(a, market);
            exchangeRefusals(a, market, format);
            exchangeFailures(a, market);
            localRefusals(a, market);
        }
        List<RecordedRequest> upstream =
                KALSHI.requests().subList(firstRequest, KALSHI.requests().size());
        assertThat(upstream).as("the run reached the exchange").hasSizeGreaterThan(20);
        assertThat(upstream)
                .as("this account's calls")
                .anyMatch(q -> a.keyId.equals(q.header("KALSHI-ACCESS-KEY").orElse(null)));
        scanEverything();
    }

    private void successes(KalshiAccount a, String market) {
        expect(kalshi("GET", "/balance", a.header(), null), 200, null);
        expect(kalshi("GET", "/balance?raw=true", a.header(), null), 200, null);
        HttpCall.Response created = api("POST", "/orders?exchange=kalshi")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", "canary-" + UUID.randomUUID())
                .header("X-Request-Id", "canary-run-1")
                .body(order(market, "0.41", "2", ""))
                .send();
        expect(created, 201, null);
        String id = created.json().get("id").asText();
        expect(
                kalshi(
                        "POST",
                        "/orders",
                        a.header(),
                        order(
                                market,
                                "0.42",
                                "1",
                                ",\"client_order_id\":\"c-"
                                        + UUID.randomUUID().toString().substring(0, 8)
                                        + "\",\"params\":{\"order_type\":\"gtd\",\"expiration\":"
                                        + (System.currentTimeMillis() / 1000 + 3600) + "}")),
                201,
                null);
        expect(kalshi("GET", "/orders/" + id, a.header(), null), 200, null);
        expect(kalshi("GET", "/orders?market_id=" + market, a.header(), null), 200, null);
        expect(kalshi("GET", "/orders?status=all&limit=5", a.header(), null), 200, null);
        expect(kalshi("DELETE", "/orders/" + id, a.header(), null), 200, null);
        KALSHI.addLiquidity(market, BookSide.ASK, new BigDecimal("0.55"), new BigDecimal("3"));
        HttpCall.Response taken = kalshi(
                "POST", "/orders", a.header(), order(market, "0.60", "1", ",\"params\":{\"order_type\":\"ioc\"}"));
        expect(taken, 201, null);
        expect(kalshi("GET", "/fills?order_id=" + taken.json().get("id").asText(), a.header(), null), 200, null);
        expect(kalshi("GET", "/positions", a.header(), null), 200, null);
        // a retry with the same client_order_id answers the existing order
        String body = order(
                market,
                "0.30",
                "1",
                ",\"client_order_id\":\"dup-" + UUID.randomUUID().toString().substring(0, 8) + "\"");
        expect(kalshi("POST", "/orders", a.header(), body), 201, null);
        expect(kalshi("POST", "/orders", a.header(), body), 200, null);
        // batch trading (SPEC §10): create and its retry, amend up, decrease, cancel many, cancel-all
        String batchBody =
                "{\"orders\":[" + order(market, "0.21", "1", "") + "," + order(market, "0.22", "2", "") + "]}";
        String batchKey = "canary-batch-" + UUID.randomUUID();
        HttpCall.Response batch = api("POST", "/orders/batch?exchange=kalshi")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", batchKey)
                .body(batchBody)
                .send();
        expect(batch, 200, null);
        expect(
                api("POST", "/orders/batch?exchange=kalshi")
                        .header("X-Exchange-Credentials", a.header())
                        .header("Idempotency-Key", batchKey)
                        .body(batchBody)
                        .send(),
                200,
                null);
        String batched = batch.json().get(0).get("order").get("id").asText();
        expect(kalshi("PATCH", "/orders/" + batched, a.header(), "{\"price\":0.23,\"size\":3}"), 200, null);
        expect(kalshi("PATCH", "/orders/" + batched, a.header(), "{\"size\":2}"), 200, null);
        expect(
                kalshi(
                        "POST",
                        "/orders/cancel",
                        a.header(),
                        "{\"ids\":[\"" + batched + "\",\"" + UUID.randomUUID() + "\"]}"),
                200,
                null);
        expect(kalshi("DELETE", "/orders?market_id=" + market, a.header(), null), 200, null);
        expect(kalshi("DELETE", "/orders", a.header(), null), 200, null);
        // the lower-case spelling of both secret headers
        HttpCall.Response lower = HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/balance?exchange=kalshi")
                .header("x-api-key", API_KEY)
                .header("x-exchange-credentials", a.header())
                .send();
        expect(lower, 200, null);
        // metrics are an output too (SPEC §3 invariant 4: no secret in a metric tag)
        expect(
                HttpCall.to("GET", "http://127.0.0.1:" + port + "/actuator/prometheus")
                        .send(),
                200,
                null);
    }

    private void exchangeRefusals(KalshiAccount a, String market, KeyFormat format) {
        expect(kalshi("POST", "/orders", a.header(), order(market, "0.575", "1", "")), 400, "validation_error");
        expect(kalshi("GET", "/orders/" + UUID.randomUUID(), a.header(), null), 404, "order_not_found");
        expect(kalshi("DELETE", "/orders/" + UUID.randomUUID(), a.header(), null), 404, "order_not_found");
        expect(kalshi("PATCH", "/orders/" + UUID.randomUUID(), a.header(), "{\"size\":2}"), 404, "order_not_found");
        HttpCall.Response refusedItem =
                kalshi("POST", "/orders/batch", a.header(), "{\"orders\":[" + order(market, "0.575", "1", "") + "]}");
        expect(refusedItem, 200, null);
        assertThat(refusedItem.json().get(0).get("error").get("code").asText()).isEqualTo("validation_error");
        expect(
                kalshi("POST", "/orders/batch", a.header(), "{\"orders\":[" + order(market, "1.5", "1", "") + "]}"),
                400,
                "validation_error");
        KalshiAccount poor = registered(format);
        KALSHI.setBalance(poor.keyId, new BigDecimal("0.10"));
        expect(kalshi("POST", "/orders", poor.header(), order(market, "0.50", "10", "")), 402, "insufficient_funds");
        KalshiAccount unknown = new KalshiAccount(format);
        remember(unknown);
        expect(kalshi("GET", "/balance", unknown.header(), null), 403, "authentication_failed");
        expect(
                kalshi("POST", "/orders", unknown.header(), order(market, "0.50", "1", "")),
                403,
                "authentication_failed");
    }

    /** Reads are retried twice by the gateway (resilience guard): a failure must last 3 attempts. */
    private static final int READ_ATTEMPTS = 3;

    private static void failReads(int status, String body, Map<String, String> headers) {
        for (int i = 0; i < READ_ATTEMPTS; i++) {
            KALSHI.failNext(status, body, headers);
        }
    }

    private void exchangeFailures(KalshiAccount a, String market) {
        failReads(500, "{\"error\":{\"code\":\"internal_server_error\",\"message\":\"boom\"}}", Map.of());
        HttpCall.Response e500 = kalshi("GET", "/balance", a.header(), null);
        expect(e500, 502, "upstream_error");
        assertThat(e500.json().get("retryable").asBoolean()).isTrue();

        KALSHI.failNext(500, "", Map.of());
        expect(kalshi("POST", "/orders", a.header(), order(market, "0.33", "1", "")), 502, "upstream_error");

        // 503 reaches the caller as such after the gateway's own bounded retries, never HttpClient's hidden ones
        failReads(503, "upstream connect error", Map.of());
        int before = KALSHI.requests().size();
        expect(kalshi("GET", "/positions", a.header(), null), 503, "service_unavailable");
        assertThat(KALSHI.requests()).hasSize(before + READ_ATTEMPTS);

        // 429 is never retried: one upstream call, the exchange's Retry-After passed on
        KALSHI.failNext(429, "too many requests", Map.of("Retry-After", "7"));
        before = KALSHI.requests().size();
        HttpCall.Response limited = kalshi("GET", "/fills", a.header(), null);
        expect(limited, 429, "rate_limit_exceeded");
        assertThat(limited.header("Retry-After")).isEqualTo("7");
        assertThat(KALSHI.requests()).hasSize(before + 1);

        KALSHI.failNext(429, "{\"error\":\"too many requests\"}", Map.of());
        HttpCall.Response limitedCreate = kalshi("POST", "/orders", a.header(), order(market, "0.34", "1", ""));
        expect(limitedCreate, 429, "rate_limit_exceeded");
        assertThat(limitedCreate.header("Retry-After")).isNotBlank();

        KALSHI.failNext(200, "<html>not json</html>", Map.of("Content-Type", "text/html"));
        expect(kalshi("GET", "/orders", a.header(), null), 502, "upstream_error");

        // longer than the gateway's 3 s upstream timeout (GatewayIT); an order call is never retried
        KALSHI.delayNext(Duration.ofSeconds(5));
        HttpCall.Response slow = kalshi("POST", "/orders", a.header(), order(market, "0.35", "1", ""));
        expect(slow, 504, "upstream_timeout");
        assertThat(slow.json().get("retryable").asBoolean()).isTrue();

        for (int i = 0; i < READ_ATTEMPTS; i++) {
            KALSHI.resetConnectionNext();
        }
        before = KALSHI.requests().size();
        HttpCall.Response reset = kalshi("GET", "/balance", a.header(), null);
        assertThat(reset.status()).as(reset.body()).isIn(502, 503);
        assertThat(KALSHI.requests().size() - before).isBetween(1, READ_ATTEMPTS);
        KALSHI.clearFaults();
        assertThat(reset.json().get("retryable").asBoolean()).isTrue();
    }

    private void localRefusals(KalshiAccount a, String market) {
        String pem = a.privateKeyPem;
        String pemJson = json(pem);
        // credentials where they must not be: body, nested body, query string
        expect(
                kalshi("POST", "/orders", a.header(), order(market, "0.40", "1", ",\"private_key\":" + pemJson)),
                400,
                "bad_request");
        expect(
                kalshi(
                        "POST",
                        "/orders",
                        a.header(),
                        order(market, "0.40", "1", ",\"params\":{\"private_key\":" + pemJson + "}")),
                400,
                "bad_request");
        expect(
                kalshi(
                        "POST",
                        "/orders/batch",
                        a.header(),
                        "{\"orders\":[" + order(market, "0.40", "1", ",\"private_key\":" + pemJson) + "]}"),
                400,
                "bad_request");
        expect(
                kalshi(
                        "PATCH",
                        "/orders/" + UUID.randomUUID(),
                        a.header(),
                        "{\"size\":1,\"private_key\":" + pemJson + "}"),
                400,
                "bad_request");
        expect(
                kalshi("POST", "/orders/cancel", a.header(), "{\"ids\":[],\"credentials\":" + pemJson + "}"),
                400,
                "bad_request");
        expect(
                kalshi(
                        "GET",
                        "/balance?private_key=" + URLEncoder.encode(pem, StandardCharsets.UTF_8),
                        a.header(),
                        null),
                400,
                "bad_request");
        expect(
                kalshi(
                        "GET",
                        "/balance?X-Exchange-Credentials=" + URLEncoder.encode(a.header(), StandardCharsets.UTF_8),
                        null,
                        null),
                400,
                "bad_request");
        // the account's own key, damaged in ways that make the parser look at it
        String truncated = pem.substring(0, pem.length() / 2) + "\n-----END PRIVATE KEY-----\n";
        expect(
                kalshi(
                        "GET",
                        "/balance",
                        KalshiAccount.encode(Map.of("api_key_id", a.keyId, "private_key", truncated)),
                        null),
                400,
                "invalid_credentials");
        String relabelled = pem.replaceAll("-----(BEGIN|END) ([A-Z ]*)PRIVATE KEY-----", "-----$1 PUBLIC KEY-----");
        expect(
                kalshi(
                        "GET",
                        "/balance",
                        KalshiAccount.encode(Map.of("api_key_id", a.keyId, "private_key", relabelled)),
                        null),
                400,
                "invalid_credentials");
        expect(
                kalshi("GET", "/balance", KalshiAccount.encode(List.of(a.credentialsJson())), null),
                400,
                "invalid_credentials");
        expect(kalshi("GET", "/balance", a.header() + "%%", null), 400, "invalid_credentials");
        Map<String, Object> badId = new LinkedHashMap<>(a.credentialsJson());
        badId.put("api_key_id", "bad id\r\nX-Evil: 1");
        expect(kalshi("GET", "/balance", KalshiAccount.encode(badId), null), 400, "invalid_credentials");
        // wrong API key and no API key, with good credentials
        expect(
                HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/balance?exchange=kalshi")
                        .header("X-Exchange-Credentials", a.header())
                        .send(),
                401,
                "unauthorized");
        expect(
                HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/balance?exchange=kalshi")
                        .header("X-API-Key", "nope-" + UUID.randomUUID())
                        .header("X-Exchange-Credentials", a.header())
                        .send(),
                401,
                "unauthorized");
        // plain validation failures and exchange-side limits, with good credentials
        expect(kalshi("GET", "/orders/..%2F..%2Fportfolio%2Fbalance", a.header(), null), 400, "validation_error");
        expect(kalshi("GET", "/orders?limit=0", a.header(), null), 400, "validation_error");
        expect(kalshi("POST", "/orders", a.header(), order(market, "0.40", "1.125", "")), 400, "validation_error");
        expect(
                kalshi(
                        "POST",
                        "/orders",
                        a.header(),
                        order(market, "0.40", "1", ",\"params\":{\"order_type\":\"ioc\",\"post_only\":true}")),
                501,
                "not_supported");
        expect(kalshi("POST", "/orders", a.header(), "{\"market_id\":"), 400, "bad_request");
        expect(
                api("GET", "/balance?exchange=polymarket")
                        .header("X-Exchange-Credentials", a.header())
                        .send(),
                400,
                "invalid_credentials");
        expect(
                api("GET", "/balance")
                        .header("X-Exchange-Credentials", a.header())
                        .send(),
                400,
                "missing_parameter");
    }

    // =================================================================== the scans

    private static void scanEverything() {
        List<String> secrets = allSecrets();
        LeakScanner.assertNoLeak("log line", LOGS.lines(), secrets);
        LeakScanner.assertNoLeak("HTTP response", Outputs.all(), secrets);

        List<RecordedRequest> upstream = KALSHI.requests();
        // outside the auth headers nothing secret; the API key not even inside them (invariant 9)
        LeakScanner.assertNoLeak(
                "upstream request (auth headers removed)",
                upstream.stream()
                        .map(q -> LeakScanner.withoutAuthHeaders(
                                q.method(),
                                q.rawPathAndQuery(),
                                q.headers(),
                                q.bodyString(),
                                LeakScanner.KALSHI_AUTH_HEADERS))
                        .toList(),
                secrets);
        LeakScanner.assertNoLeak(
                "upstream request", upstream.stream().map(RecordedRequest::dump).toList(), List.of(API_KEY));

        Set<String> seen = new TreeSet<>();
        upstream.forEach(q -> q.headers().keySet().forEach(h -> seen.add(h.toLowerCase(Locale.ROOT))));
        assertThat(LeakScanner.disallowedHeaders(seen, ALLOWED_UPSTREAM_HEADERS))
                .as("upstream header names seen: %s", seen)
                .isEmpty();
        for (RecordedRequest q : upstream) {
            q.header("X-Request-Id").ifPresent(v -> assertThat(v).matches("[A-Za-z0-9._:-]{1,64}"));
            assertThat(q.header("User-Agent")).hasValue("pmgate/0.1");
            q.header("Accept-Encoding").ifPresent(v -> assertThat(v).matches("[a-z-]+(, ?[a-z-]+)*"));
        }
    }

    // =================================================================== the scanner must be able to fail

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void theScannerCatchesEveryShapeOfALeak(KeyFormat format) throws Exception {
        KalshiAccount a = new KalshiAccount(format);
        List<String> secrets = secretsOf(a);
        secrets.add(API_KEY);
        String header = a.header();
        String decoded = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
        List<String> leaks = List.of(
                "DEBUG x Received [GET / HTTP/1.1\r\nX-Exchange-Credentials: " + header + "\r\n]",
                "ERROR x key was:\n" + a.privateKeyPem,
                "WARN x " + json(a.privateKeyPem),
                "INFO x creds " + decoded,
                "INFO x der "
                        + Base64.getEncoder()
                                .encodeToString(a.keyPair.getPrivate().getEncoded()),
                "INFO x url-safe "
                        + Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(decoded.getBytes(StandardCharsets.UTF_8)),
                "INFO x query ?c=" + URLEncoder.encode(header, StandardCharsets.UTF_8),
                "HTTP 200 {x-api-key=[" + API_KEY + "]} {}");
        for (String leak : leaks) {
            assertThatThrownBy(() -> LeakScanner.assertNoLeak("probe", List.of("clean line", leak), secrets))
                    .as("leak not caught: %s", leak.substring(0, 20))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("probe #1")
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain(a.canaries())
                            .doesNotContain(API_KEY));
        }
        // ...and passes clean output, so it is not failing on everything
        assertThatCode(() ->
                        LeakScanner.assertNoLeak("probe", List.of("INFO clean", "HTTP 200 {} {\"ok\":true}"), secrets))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> LeakScanner.assertNoLeak("probe", List.of("x"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);

        // upstream: a secret in the signature header is allowed, anywhere else in the request it is a leak
        String inAuth = LeakScanner.withoutAuthHeaders(
                "GET",
                "/trade-api/v2/portfolio/balance",
                Map.of("KALSHI-ACCESS-SIGNATURE", List.of(header), "Accept", List.of("application/json")),
                "",
                LeakScanner.KALSHI_AUTH_HEADERS);
        assertThatCode(() -> LeakScanner.assertNoLeak("upstream", List.of(inAuth), secrets))
                .doesNotThrowAnyException();
        for (String place : List.of("header", "body", "query")) {
            String leaked = LeakScanner.withoutAuthHeaders(
                    "POST",
                    "/trade-api/v2/portfolio/events/orders" + (place.equals("query") ? "?k=" + a.canaries()[0] : ""),
                    place.equals("header") ? Map.of("X-Debug", List.of(header)) : Map.of(),
                    place.equals("body") ? "{\"note\":\"" + a.canaries()[1] + "\"}" : "{}",
                    LeakScanner.KALSHI_AUTH_HEADERS);
            assertThatThrownBy(() -> LeakScanner.assertNoLeak("upstream", List.of(leaked), secrets))
                    .as("upstream leak in %s", place)
                    .isInstanceOf(AssertionError.class);
        }
        assertThat(LeakScanner.disallowedHeaders(
                        List.of("Accept", "X-Exchange-Credentials", "x-api-key", "Camelhttpmethod"),
                        ALLOWED_UPSTREAM_HEADERS))
                .containsExactly("camelhttpmethod", "x-api-key", "x-exchange-credentials");
    }

    private static String json(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
