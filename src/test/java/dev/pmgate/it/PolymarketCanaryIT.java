package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.support.DebugLogging;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.LeakScanner;
import dev.pmgate.support.Outputs;
import dev.pmgate.support.PolymarketAccount;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3 invariants 4, 8 and 9 for Polymarket: the private key, CLOB secret and passphrase, and the
 * credentials derived for key-only sessions appear nowhere — not in logs (HTTP trees at TRACE), not in
 * responses, not in upstream requests beyond the POLY_* auth headers.
 */
class PolymarketCanaryIT extends GatewayIT {

    private static final Set<String> POLY_AUTH_HEADERS =
            Set.of("poly_address", "poly_signature", "poly_timestamp", "poly_nonce", "poly_api_key", "poly_passphrase");
    private static final Set<String> ALLOWED_UPSTREAM_HEADERS = Set.of(
            "poly_address",
            "poly_signature",
            "poly_timestamp",
            "poly_nonce",
            "poly_api_key",
            "poly_passphrase",
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

    @Test
    void everyPolymarketPathLeaksNothing() {
        PolymarketAccount keyOnly = PolymarketAccount.keyOnly(POLYMARKET);
        PolymarketAccount full = PolymarketAccount.withClobCredentials(POLYMARKET);
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        FakePolymarket.Market m =
                FakePolymarket.Market.binary("0x" + HexFormat.of().formatHex(id), "7001", "7002", "0.01", false);
        POLYMARKET.addMarket(m);
        POLYMARKET.clearRequests();
        try (DebugLogging trace = DebugLogging.httpTreesAtTrace()) {
            for (PolymarketAccount a : List.of(keyOnly, full)) {
                POLYMARKET.setCollateral(a.address(), new BigDecimal("100"));
                String order = "{\"market_id\":\"" + m.conditionId() + "\",\"outcome\":\"Yes\",\"side\":\"buy\","
                        + "\"price\":0.3,\"size\":5}";
                HttpCall.Response created = polymarket("POST", "/orders", a.header(), order);
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                String orderId = created.json().get("id").asText();
                assertThat(polymarket("GET", "/orders/" + orderId, a.header(), null)
                                .status())
                        .isEqualTo(200);
                assertThat(polymarket("GET", "/orders", a.header(), null).status())
                        .isEqualTo(200);
                assertThat(polymarket("GET", "/fills", a.header(), null).status())
                        .isEqualTo(200);
                assertThat(polymarket("GET", "/positions", a.header(), null).status())
                        .isEqualTo(200);
                assertThat(polymarket("GET", "/balance?raw=true", a.header(), null)
                                .status())
                        .isEqualTo(200);
                assertThat(polymarket("DELETE", "/orders/" + orderId, a.header(), null)
                                .status())
                        .isEqualTo(200);
                // batch trading (SPEC §10): create (and its retry), cancel many, cancel-all, amend, refusals
                String batch = "{\"orders\":[" + order + "," + order.replace("0.3", "0.29") + "]}";
                String batchKey = "canary-batch-" + java.util.UUID.randomUUID();
                HttpCall.Response placed = api("POST", "/orders/batch?exchange=polymarket")
                        .header("X-Exchange-Credentials", a.header())
                        .header("Idempotency-Key", batchKey)
                        .body(batch)
                        .send();
                assertThat(placed.status()).as(placed.body()).isEqualTo(200);
                assertThat(api("POST", "/orders/batch?exchange=polymarket")
                                .header("X-Exchange-Credentials", a.header())
                                .header("Idempotency-Key", batchKey)
                                .body(batch)
                                .send()
                                .status())
                        .isEqualTo(200);
                String batched = placed.json().get(0).get("order").get("id").asText();
                assertThat(polymarket("POST", "/orders/cancel", a.header(), "{\"ids\":[\"" + batched + "\"]}")
                                .status())
                        .isEqualTo(200);
                assertThat(polymarket("DELETE", "/orders?market_id=" + m.conditionId(), a.header(), null)
                                .status())
                        .isEqualTo(200);
                assertThat(polymarket("DELETE", "/orders", a.header(), null).status())
                        .isEqualTo(200);
                assertThat(polymarket("PATCH", "/orders/" + batched, a.header(), "{\"size\":1}")
                                .status())
                        .isEqualTo(501);
                assertThat(polymarket(
                                        "POST",
                                        "/orders/batch",
                                        a.header(),
                                        "{\"orders\":[" + order.replace("\"size\":5", "\"size\":1000") + "]}")
                                .json()
                                .get(0)
                                .get("error")
                                .get("code")
                                .asText())
                        .isEqualTo("insufficient_funds");
                assertThat(polymarket(
                                        "POST",
                                        "/orders/batch",
                                        a.header(),
                                        "{\"orders\":[" + order.replace("0.3", "0.999") + "]}")
                                .status())
                        .isEqualTo(400);
                // error classes: exchange refusal, exchange failure, timeout, local refusal
                assertThat(polymarket("POST", "/orders", a.header(), order.replace("0.3", "0.999"))
                                .status())
                        .isEqualTo(400);
                POLYMARKET.injectFault(FakePolymarket.Fault.respond(500, "{\"error\":\"boom\"}")
                        .on("GET", "/balance")
                        .times(3));
                assertThat(polymarket("GET", "/balance", a.header(), null).status())
                        .isEqualTo(502);
                POLYMARKET.injectFault(
                        FakePolymarket.Fault.delay(Duration.ofSeconds(5)).on("POST", "/order"));
                assertThat(polymarket("POST", "/orders", a.header(), order.replace("0.3", "0.31"))
                                .status())
                        .isEqualTo(504);
                assertThat(polymarket("GET", "/orders/0x12", a.header(), null).status())
                        .isEqualTo(400);
            }
        }

        List<String> secrets = new ArrayList<>();
        secrets.addAll(List.of(keyOnly.canaries()));
        secrets.addAll(List.of(full.canaries()));
        FakePolymarket.ApiCreds derived = POLYMARKET.derivedCredentials(keyOnly.address());
        assertThat(derived)
                .as("the key-only account was given derived credentials")
                .isNotNull();
        secrets.add(derived.secret());
        secrets.add(derived.passphrase());
        secrets.add(keyOnly.header().substring(10, 60));
        secrets.add(full.header().substring(10, 60));

        List<String> everywhereElse = new ArrayList<>(secrets);
        everywhereElse.add(derived.apiKey());
        everywhereElse.add(full.creds.apiKey());
        everywhereElse.add(API_KEY);
        LeakScanner.assertNoLeak("log line", LOGS.lines(), everywhereElse);
        LeakScanner.assertNoLeak("HTTP response", Outputs.all(), everywhereElse);

        List<FakePolymarket.RecordedRequest> upstream = POLYMARKET.requests();
        assertThat(upstream).isNotEmpty();
        // the API key is the order's "owner" in a POST /order body (the CLOB requires it), so only the
        // secret parts are scanned in upstream bodies
        LeakScanner.assertNoLeak(
                "upstream request (auth headers removed)",
                upstream.stream()
                        .map(q -> LeakScanner.withoutAuthHeaders(
                                q.method(), q.path(), q.headers(), q.bodyText(), POLY_AUTH_HEADERS))
                        .toList(),
                secrets);
        LeakScanner.assertNoLeak(
                "upstream request",
                upstream.stream().map(FakePolymarket.RecordedRequest::allText).toList(),
                List.of(API_KEY, keyOnly.privateKeyHex.substring(2), full.privateKeyHex.substring(2)));
        Set<String> seen = new java.util.TreeSet<>();
        upstream.forEach(q -> seen.addAll(q.headers().keySet()));
        assertThat(LeakScanner.disallowedHeaders(seen, ALLOWED_UPSTREAM_HEADERS))
                .as("upstream headers %s", seen)
                .isEmpty();
    }
}
