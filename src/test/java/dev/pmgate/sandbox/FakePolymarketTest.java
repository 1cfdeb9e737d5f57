package dev.pmgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.polymarket.PolymarketKeys;
import dev.pmgate.polymarket.PolymarketL1Auth;
import dev.pmgate.polymarket.PolymarketVectors;
import dev.pmgate.sandbox.FakePolymarket.Account;
import dev.pmgate.sandbox.FakePolymarket.ApiCreds;
import dev.pmgate.sandbox.FakePolymarket.Fault;
import dev.pmgate.sandbox.FakePolymarket.Market;
import dev.pmgate.sandbox.FakePolymarket.Position;
import dev.pmgate.sandbox.FakePolymarketTestClient.Reply;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/** Authentication, the official client's captured requests, public endpoints and fault hooks. */
class FakePolymarketTest {

    /** The time of the vectors' captured requests. */
    private static final long VECTOR_TS = 1_700_000_000L;

    private static final String OTHER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private static final String CONDITION = "0x" + "ab".repeat(32);

    private FakePolymarket fake;
    private FakePolymarketTestClient client;
    private Account account;
    private ApiCreds vectorCreds;

    @BeforeEach
    void start() {
        fake = new FakePolymarket(137, Clock.fixed(Instant.ofEpochSecond(VECTOR_TS), ZoneOffset.UTC)).start();
        client = new FakePolymarketTestClient(fake.clobUrl());
        vectorCreds = new ApiCreds(
                PolymarketVectors.text("/inputs/apiCreds/key"),
                PolymarketVectors.text("/inputs/apiCreds/secret"),
                PolymarketVectors.text("/inputs/apiCreds/passphrase"));
        account = fake.registerAccount(PolymarketVectors.text("/inputs/privateKey"), vectorCreds);
        fake.addMarket(Market.binary(CONDITION, PolymarketVectors.text("/inputs/tokenIdStandard"), "1", "0.01", false));
        fake.addMarket(Market.binary(
                "0x" + "cd".repeat(32), PolymarketVectors.text("/inputs/tokenIdNegRisk"), "2", "0.01", true));
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private ECKeyPair key() {
        return account.keyPair();
    }

    private Reply replay(JsonNode captured, String method, String url, String body) {
        Map<String, String> headers = new HashMap<>(PolymarketVectors.polyHeaders(captured));
        return client.send(method, url, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    @Test
    void acceptsTheOfficialClientsCapturedOrdersByteForByte() {
        fake.setCollateral(account.address(), new BigDecimal("100"));
        fake.setPosition(
                account.address(),
                new Position(
                        PolymarketVectors.text("/inputs/tokenIdStandard"),
                        BigDecimal.TEN,
                        new BigDecimal("0.5"),
                        null,
                        BigDecimal.ZERO));
        fake.setPosition(
                account.address(),
                new Position(
                        PolymarketVectors.text("/inputs/tokenIdNegRisk"),
                        BigDecimal.TEN,
                        new BigDecimal("0.5"),
                        null,
                        BigDecimal.ZERO));
        for (String name : new String[] {"BUY-standard", "SELL-standard", "BUY-negRisk", "SELL-negRisk"}) {
            JsonNode post = PolymarketVectors.order(name).get("postOrder");
            Reply reply = replay(
                    post.get("headers"), "POST", "/order", post.get("exactBody").asText());

            assertThat(reply.status())
                    .as(name + " " + reply.body() + " " + fake.rejections())
                    .isEqualTo(200);
            JsonNode expected = post.get("clientReturned");
            for (String field :
                    new String[] {"success", "errorMsg", "orderID", "status", "makingAmount", "takingAmount"}) {
                assertThat(reply.json().get(field)).as(name + " " + field).isEqualTo(expected.get(field));
            }
        }
        assertThat(fake.orders())
                .hasSize(4)
                .allSatisfy(o -> assertThat(o.status()).isEqualTo("LIVE"));
    }

    @Test
    void anExchangeV3SignatureForACtfMarketIsAnInvalidSignature() {
        // a domain-"3" order for a CTF (V1-protocol) market does not recover in the market's domain "2"
        fake.setCollateral(account.address(), new BigDecimal("100"));
        JsonNode post = PolymarketVectors.order("BUY-exchangeV3").get("postOrder");
        Reply reply = replay(
                post.get("headers"), "POST", "/order", post.get("exactBody").asText());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("invalid signature");
        assertThat(fake.rejections()).anySatisfy(r -> assertThat(r).contains("domain \"3\"", "the market's is \"2\""));
        assertThat(fake.orders()).isEmpty();
    }

    @Test
    void acceptsEveryOtherCapturedL2Request() {
        fake.setCollateral(account.address(), new BigDecimal("100"));
        JsonNode post = PolymarketVectors.order("BUY-standard").get("postOrder");
        assertThat(replay(
                                post.get("headers"),
                                "POST",
                                "/order",
                                post.get("exactBody").asText())
                        .status())
                .isEqualTo(200);
        PolymarketVectors.at("/otherL2Requests").fields().forEachRemaining(entry -> {
            JsonNode request = entry.getValue().get(0);
            Reply reply = replay(
                    request.get("headers"),
                    request.get("method").asText(),
                    request.get("url").asText(),
                    request.get("body").isNull() ? null : request.get("body").asText());
            assertThat(reply.status()).as(entry.getKey() + " " + reply.body()).isEqualTo(200);
        });
        assertThat(fake.rejections()).isEmpty();
    }

    @Test
    void capturedL1DeriveReturnsTheIssuedCredentials() {
        JsonNode captured = PolymarketVectors.at("/l1/wire/requests/1");
        Reply reply = replay(captured.get("headers"), "GET", "/auth/derive-api-key", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(PolymarketVectors.at("/l1/wire/requests/1/fakeServerReply"));
        assertThat(fake.deriveCalls(account.address())).isEqualTo(1);
    }

    @Test
    void aKeyOnlyWalletCreatesThenDerivesTheSameCredentials() {
        Account fresh = fake.registerAccountWithoutApiKey(OTHER_KEY);
        Map<String, String> l1 = PolymarketL1Auth.headers(fresh.keyPair(), VECTOR_TS, 0, 137);

        Reply derive = client.send("GET", "/auth/derive-api-key", null, l1);
        assertThat(derive.status()).isEqualTo(400);
        assertThat(derive.error()).isEqualTo("Could not derive api key!");

        Reply create = client.send("POST", "/auth/api-key", null, l1);
        assertThat(create.status()).isEqualTo(200);
        ApiCreds issued = fake.derivedCredentials(fresh.address());
        assertThat(create.json().get("apiKey").asText()).isEqualTo(issued.apiKey());
        assertThat(create.json().get("secret").asText())
                .isEqualTo(issued.secret())
                .endsWith("=");

        Reply again = client.send("GET", "/auth/derive-api-key", null, l1);
        assertThat(again.json()).isEqualTo(create.json());
        assertThat(client.send("POST", "/auth/api-key", null, l1).error()).isEqualTo("Could not create api key");
        assertThat(fake.deriveCalls(fresh.address())).isEqualTo(2);
        assertThat(fake.createCalls(fresh.address())).isEqualTo(2);

        // the issued credentials work for L2
        assertThat(client.l2(fresh.keyPair(), issued, VECTOR_TS, "GET", "/data/orders", null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void l1RejectsAForeignSignatureAndAStaleTimestamp() {
        Map<String, String> forged = new HashMap<>(
                PolymarketL1Auth.headers(PolymarketKeys.keyPair(OTHER_KEY.toCharArray()), VECTOR_TS, 0, 137));
        forged.put("POLY_ADDRESS", account.address());
        Reply reply = client.send("GET", "/auth/derive-api-key", null, forged);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("Invalid L1 Request headers");

        Reply stale = client.send(
                "GET", "/auth/derive-api-key", null, PolymarketL1Auth.headers(key(), VECTOR_TS - 301, 0, 137));
        assertThat(stale.status()).isEqualTo(401);

        Reply otherChain =
                client.send("GET", "/auth/derive-api-key", null, PolymarketL1Auth.headers(key(), VECTOR_TS, 0, 80002));
        assertThat(otherChain.status()).isEqualTo(401);
        assertThat(fake.rejections())
                .containsExactly(
                        "L1: signature is not by POLY_ADDRESS",
                        "L1: stale timestamp",
                        "L1: signature is not by POLY_ADDRESS");
    }

    @Test
    void l2AcceptsACorrectSignatureAndIgnoresTheQueryString() {
        Reply reply = client.l2(
                key(),
                vectorCreds,
                VECTOR_TS,
                "GET",
                "/data/orders?market=" + CONDITION + "&next_cursor=MA%3D%3D",
                null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("next_cursor").asText()).isEqualTo("LTE=");
    }

    @Test
    void l2RejectsAWrongHmac() {
        ApiCreds wrongSecret = new ApiCreds(
                vectorCreds.apiKey(), "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=", vectorCreds.passphrase());
        Reply reply = client.l2(key(), wrongSecret, VECTOR_TS, "GET", "/data/orders", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("Unauthorized/Invalid api key");
        assertThat(fake.rejections()).containsExactly("L2: wrong HMAC signature");
    }

    @Test
    void l2HashesTheRawBodyNotAReserialisation() {
        byte[] signedBody = "{\"orderID\":\"0x01\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers =
                FakePolymarketTestClient.l2Headers(key(), vectorCreds, VECTOR_TS, "DELETE", "/order", signedBody);
        Reply reply =
                client.send("DELETE", "/order", "{\"orderID\": \"0x01\"}".getBytes(StandardCharsets.UTF_8), headers);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(fake.rejections()).containsExactly("L2: wrong HMAC signature");
    }

    @Test
    void l2RejectsAWrongPassphrase() {
        ApiCreds wrong = new ApiCreds(vectorCreds.apiKey(), vectorCreds.secret(), "not-the-passphrase");
        Reply reply = client.l2(key(), wrong, VECTOR_TS, "GET", "/data/orders", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(fake.rejections()).containsExactly("L2: wrong passphrase");
    }

    @Test
    void l2RejectsAStaleTimestampAndAnUnknownOrRevokedKey() {
        assertThat(client.l2(key(), vectorCreds, VECTOR_TS + 301, "GET", "/data/orders", null)
                        .status())
                .isEqualTo(401);
        ApiCreds unknown =
                new ApiCreds("00000000-0000-4000-8000-000000000000", vectorCreds.secret(), vectorCreds.passphrase());
        assertThat(client.l2(key(), unknown, VECTOR_TS, "GET", "/data/orders", null)
                        .status())
                .isEqualTo(401);
        fake.revokeApiKey(vectorCreds.apiKey());
        assertThat(client.l2(key(), vectorCreds, VECTOR_TS, "GET", "/data/orders", null)
                        .status())
                .isEqualTo(401);
        assertThat(fake.rejections())
                .containsExactly("L2: stale timestamp", "L2: unknown api key", "L2: unknown api key");
    }

    @Test
    void l2RejectsAnotherAddressAndMissingHeaders() {
        Reply reply = client.l2(
                PolymarketKeys.keyPair(OTHER_KEY.toCharArray()), vectorCreds, VECTOR_TS, "GET", "/data/orders", null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(client.send("GET", "/data/orders", null, Map.of()).status()).isEqualTo(401);
        assertThat(fake.rejections())
                .containsExactly("L2: POLY_ADDRESS is not the key's address", "L2: missing POLY_ADDRESS");
    }

    @Test
    void publicMarketEndpointsDescribeTheMarket() {
        Reply info = client.send("GET", "/clob-markets/" + CONDITION, null, Map.of());
        assertThat(info.body())
                .isEqualTo("{\"c\":\"" + CONDITION + "\",\"t\":[{\"t\":\""
                        + PolymarketVectors.text("/inputs/tokenIdStandard")
                        + "\",\"o\":\"Yes\"},{\"t\":\"1\",\"o\":\"No\"}],"
                        + "\"mos\":5,\"mts\":0.01,\"nr\":false,\"ao\":true,\"mbf\":0,\"tbf\":0}");
        Reply classic = client.send("GET", "/markets/" + CONDITION, null, Map.of());
        assertThat(classic.json().get("tokens").get(1).get("token_id").asText()).isEqualTo("1");
        assertThat(classic.json().get("minimum_tick_size").decimalValue()).isEqualByComparingTo("0.01");

        assertThat(client.send("GET", "/tick-size?token_id=2", null, Map.of()).body())
                .isEqualTo("{\"minimum_tick_size\":0.01}");
        assertThat(client.send("GET", "/neg-risk?token_id=2", null, Map.of()).body())
                .isEqualTo("{\"neg_risk\":true}");
        assertThat(client.send("GET", "/time", null, Map.of()).body()).isEqualTo("1700000000");
        assertThat(client.send("GET", "/version", null, Map.of()).body()).isEqualTo("{\"version\":2}");
        assertThat(client.send("GET", "/tick-size?token_id=999", null, Map.of()).status())
                .isEqualTo(404);
        assertThat(client.send("GET", "/clob-markets/0x" + "ee".repeat(32), null, Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(client.send("PUT", "/order", null, Map.of()).status()).isEqualTo(405);
    }

    @Test
    void recordsEveryRequestForCanaryScans() {
        client.l2(key(), vectorCreds, VECTOR_TS, "GET", "/data/orders?market=" + CONDITION, null);

        FakePolymarket.RecordedRequest recorded =
                fake.requests("GET", "/data/orders").get(0);
        assertThat(recorded.rawQuery()).isEqualTo("market=" + CONDITION);
        assertThat(recorded.header("POLY_API_KEY")).isEqualTo(vectorCreds.apiKey());
        assertThat(recorded.allText()).contains(vectorCreds.passphrase()).doesNotContain(vectorCreds.secret());
        fake.clearRequests();
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void faultsApplyToTheNextMatchingRequestsOnly() {
        fake.injectFault(Fault.respond(503, "{\"error\":\"Trading is currently disabled\"}")
                .on("GET", "/data/")
                .times(2));
        assertThat(client.send("GET", "/version", null, Map.of()).status()).isEqualTo(200);
        assertThat(client.l2(key(), vectorCreds, VECTOR_TS, "GET", "/data/orders", null)
                        .status())
                .isEqualTo(503);
        assertThat(client.l2(key(), vectorCreds, VECTOR_TS, "GET", "/data/trades", null)
                        .error())
                .isEqualTo("Trading is currently disabled");
        assertThat(client.l2(key(), vectorCreds, VECTOR_TS, "GET", "/data/orders", null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aDroppedConnectionAndASlowAnswerReachTheClient() {
        // the JDK client retries an idempotent GET once on a dropped connection: drop both attempts
        fake.injectFault(Fault.disconnect().on("GET", "/version").times(2));
        assertThatThrownBy(() -> client.send("GET", "/version", null, Map.of()))
                .isInstanceOf(UncheckedIOException.class);

        fake.injectFault(Fault.delay(Duration.ofSeconds(5)).on("GET", "/time"));
        assertThatThrownBy(() -> client.send("GET", "/time", null, Map.of(), Duration.ofMillis(200)))
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(client.send("GET", "/version", null, Map.of()).status()).isEqualTo(200);
    }
}
