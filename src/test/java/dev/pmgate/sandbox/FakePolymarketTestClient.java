package dev.pmgate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.polymarket.PolymarketAmounts;
import dev.pmgate.polymarket.PolymarketIdempotency;
import dev.pmgate.polymarket.PolymarketKeys;
import dev.pmgate.polymarket.PolymarketL2Auth;
import dev.pmgate.polymarket.PolymarketOrderBody;
import dev.pmgate.polymarket.PolymarketOrderSigner;
import dev.pmgate.polymarket.PolymarketOrderType;
import dev.pmgate.polymarket.PolymarketOrderV2;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.polymarket.PolymarketSignedOrder;
import dev.pmgate.polymarket.PolymarketWallet;
import dev.pmgate.sandbox.FakePolymarket.ApiCreds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.web3j.crypto.ECKeyPair;

/** A minimal Polymarket client for the fake's own tests, built on the signing library. */
final class FakePolymarketTestClient {

    /** A response with its JSON body parsed (null when the body is not JSON). */
    record Reply(int status, String body, JsonNode json) {
        String error() {
            return json == null ? null : json.path("error").asText(null);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    FakePolymarketTestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply send(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
        return send(method, pathAndQuery, body, headers, Duration.ofSeconds(10));
    }

    Reply send(String method, String pathAndQuery, byte[] body, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(timeout)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = FakePolymarketHttp.JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Reply(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An L2-signed request; the signed path is {@code pathAndQuery} without its query. */
    Reply l2(ECKeyPair key, ApiCreds creds, long timestamp, String method, String pathAndQuery, byte[] body) {
        return send(method, pathAndQuery, body, l2Headers(key, creds, timestamp, method, pathAndQuery, body));
    }

    static Map<String, String> l2Headers(
            ECKeyPair key, ApiCreds creds, long timestamp, String method, String path, byte[] body) {
        try (PolymarketL2Auth auth = new PolymarketL2Auth(
                PolymarketKeys.address(key),
                creds.apiKey(),
                creds.secret().toCharArray(),
                creds.passphrase().toCharArray())) {
            return auth.headers(timestamp, method, path, body);
        }
    }

    /** A signed limit order envelope for an EOA wallet. */
    static byte[] limitOrderBody(
            ECKeyPair key,
            ApiCreds creds,
            String tokenId,
            boolean negRisk,
            PolymarketSide side,
            String price,
            String size,
            PolymarketOrderType type,
            long expiration,
            String idempotencyKey) {
        return limitOrderBody(
                key,
                creds,
                tokenId,
                negRisk,
                side,
                price,
                size,
                type,
                expiration,
                idempotencyKey,
                java.time.Clock.fixed(
                        java.time.Instant.ofEpochSecond(FakePolymarketOrdersTest.NOW), java.time.ZoneOffset.UTC));
    }

    /** The same, with the order's salt and timestamp derived at {@code clock}'s now (the sandbox runs on real time). */
    static byte[] limitOrderBody(
            ECKeyPair key,
            ApiCreds creds,
            String tokenId,
            boolean negRisk,
            PolymarketSide side,
            String price,
            String size,
            PolymarketOrderType type,
            long expiration,
            String idempotencyKey,
            java.time.Clock clock) {
        PolymarketAmounts.Amounts amounts =
                PolymarketAmounts.limitOrder(side, new BigDecimal(price), new BigDecimal(size), new BigDecimal("0.01"));
        PolymarketOrderV2 order = PolymarketOrderV2.limit(
                PolymarketWallet.eoa(key),
                new BigInteger(tokenId),
                side,
                amounts,
                PolymarketIdempotency.fromKey(idempotencyKey, clock).current(),
                expiration);
        return body(PolymarketOrderSigner.v2(137, negRisk).sign(order, key), creds, type, false);
    }

    static byte[] body(PolymarketSignedOrder signed, ApiCreds creds, PolymarketOrderType type, boolean postOnly) {
        return PolymarketOrderBody.json(signed, creds.apiKey(), type, postOnly, false);
    }
}
