package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.support.DebugLogging;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.LeakScanner;
import dev.pmgate.support.Outputs;
import dev.pmgate.support.PolymarketAccount;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3 invariants 4, 8 and 9 on the issue-11 paths: deposit-wallet sessions (key-only and with CLOB
 * credentials), Protocol-V2 markets, the paged positions fetch, the new local refusals (market-order precision,
 * GTD floor) and upstream refusals (order signature, unmatched) leak no secret into logs (HTTP trees at TRACE),
 * responses, or upstream requests beyond the POLY_* auth headers.
 */
class PolymarketAccountsCanaryIT extends GatewayIT {

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

    private static String header(PolymarketAccount key, String funder, int type) {
        Map<String, Object> json = new LinkedHashMap<>(key.credentialsJson());
        json.put("funder_address", funder);
        json.put("signature_type", type);
        return KalshiAccount.encode(json);
    }

    @Test
    void depositWalletAndProtocolV2PathsLeakNothing() {
        SecureRandom random = new SecureRandom();
        PolymarketAccount keyOnly = PolymarketAccount.keyOnly(POLYMARKET);
        PolymarketAccount full = PolymarketAccount.withClobCredentials(POLYMARKET);
        byte[] v2Id = new byte[31];
        v2Id[0] = 1;
        byte[] condition = new byte[18];
        random.nextBytes(condition);
        System.arraycopy(condition, 0, v2Id, 1, 18);
        FakePolymarket.Market v2 =
                FakePolymarket.Market.protocolV2("0x" + HexFormat.of().formatHex(v2Id), "0.01");
        POLYMARKET.addMarket(v2);
        POLYMARKET.clearRequests();
        List<String> headers = new ArrayList<>();
        try (DebugLogging trace = DebugLogging.httpTreesAtTrace()) {
            for (PolymarketAccount a : List.of(keyOnly, full)) {
                byte[] raw = new byte[20];
                random.nextBytes(raw);
                String wallet = "0x" + HexFormat.of().formatHex(raw);
                POLYMARKET.registerDepositWallet(a.address(), wallet);
                POLYMARKET.setCollateral(wallet, new BigDecimal("100"));
                for (int i = 0; i < 3; i++) {
                    POLYMARKET.setPosition(
                            wallet,
                            new FakePolymarket.Position(
                                    v2.tokens().get(i % 2).tokenId(),
                                    new BigDecimal(10 + i),
                                    new BigDecimal("0.4"),
                                    null,
                                    BigDecimal.ZERO));
                }
                String h = header(a, wallet, 3);
                headers.add(h);
                String order = "{\"market_id\":\"" + v2.conditionId() + "\",\"outcome\":\"Yes\",\"side\":\"buy\","
                        + "\"price\":0.3,\"size\":5}";
                HttpCall.Response created = polymarket("POST", "/orders", h, order);
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                String orderId = created.json().get("id").asText();
                assertThat(polymarket("GET", "/orders/" + orderId, h, null).status())
                        .isEqualTo(200);
                assertThat(polymarket("GET", "/orders", h, null).status()).isEqualTo(200);
                assertThat(polymarket("GET", "/fills", h, null).status()).isEqualTo(200);
                assertThat(polymarket("GET", "/positions?limit=1", h, null).status())
                        .isEqualTo(200);
                assertThat(polymarket("GET", "/balance?raw=true", h, null).status())
                        .isEqualTo(200);
                assertThat(polymarket("DELETE", "/orders/" + orderId, h, null).status())
                        .isEqualTo(200);
                // local refusals: market-order precision, GTD floor
                assertThat(polymarket(
                                        "POST",
                                        "/orders",
                                        h,
                                        order.replace(
                                                        "\"size\":5}",
                                                        "\"size\":5.5,\"params\":{\"order_type\":\"ioc\"}}")
                                                .replace("0.3", "0.57"))
                                .status())
                        .isEqualTo(400);
                assertThat(polymarket(
                                        "POST",
                                        "/orders",
                                        h,
                                        order.replace(
                                                "\"size\":5}",
                                                "\"size\":5,\"params\":" + "{\"order_type\":\"gtd\",\"expiration\":"
                                                        + (Instant.now().getEpochSecond() + 100) + "}}"))
                                .status())
                        .isEqualTo(400);
                // upstream refusals: a wallet the CLOB does not know for this key, and an unmatched answer
                assertThat(polymarket("POST", "/orders", header(a, "0x" + "6".repeat(40), 3), order)
                                .status())
                        .isEqualTo(400);
                POLYMARKET.injectFault(FakePolymarket.Fault.respond(
                                200,
                                "{\"success\":true,\"errorMsg\":\"\","
                                        + "\"orderID\":\"0x" + "cd".repeat(32)
                                        + "\",\"status\":\"unmatched\",\"makingAmount\":\"\","
                                        + "\"takingAmount\":\"\"}")
                        .on("POST", "/order"));
                assertThat(polymarket("POST", "/orders", h, order.replace("0.3", "0.31"))
                                .status())
                        .isEqualTo(400);
            }
        }

        List<String> secrets = new ArrayList<>();
        secrets.addAll(List.of(keyOnly.canaries()));
        secrets.addAll(List.of(full.canaries()));
        FakePolymarket.ApiCreds derived = POLYMARKET.derivedCredentials(keyOnly.address());
        secrets.add(derived.secret());
        secrets.add(derived.passphrase());
        headers.forEach(h -> secrets.add(h.substring(10, 60)));

        List<String> everywhereElse = new ArrayList<>(secrets);
        everywhereElse.add(derived.apiKey());
        everywhereElse.add(full.creds.apiKey());
        everywhereElse.add(API_KEY);
        LeakScanner.assertNoLeak("log line", LOGS.lines(), everywhereElse);
        LeakScanner.assertNoLeak("HTTP response", Outputs.all(), everywhereElse);

        List<FakePolymarket.RecordedRequest> upstream = POLYMARKET.requests();
        assertThat(upstream).isNotEmpty();
        assertThat(upstream).anySatisfy(q -> assertThat(q.path()).endsWith("/v2/positions"));
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
