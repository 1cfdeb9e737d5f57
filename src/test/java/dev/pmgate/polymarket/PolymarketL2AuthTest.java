package dev.pmgate.polymarket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolymarketL2AuthTest {

    private static final String ADDRESS = PolymarketVectors.text("/l1/headers/POLY_ADDRESS");
    private static final String API_KEY = PolymarketVectors.text("/inputs/apiCreds/key");
    private static final String SECRET = PolymarketVectors.text("/inputs/apiCreds/secret");
    private static final String PASSPHRASE = PolymarketVectors.text("/inputs/apiCreds/passphrase");

    /** Every captured L2 request of the vector file: method, url (with query), body, captured headers. */
    static Stream<Arguments> capturedRequests() {
        List<Arguments> cases = new ArrayList<>();
        JsonNode fixed = PolymarketVectors.at("/l2/fixedBody");
        cases.add(Arguments.of(
                "fixedBody",
                "POST",
                "/order",
                fixed.get("body").asText(),
                PolymarketVectors.at("/l2/fixedBody/headers")));
        for (String name : PolymarketVectors.orderCases()) {
            JsonNode post = PolymarketVectors.order(name).get("postOrder");
            cases.add(Arguments.of(
                    name, "POST", "/order", post.get("exactBody").asText(), toObject(post.get("headers"))));
        }
        PolymarketVectors.at("/otherL2Requests").fields().forEachRemaining(entry -> {
            for (JsonNode request : entry.getValue()) {
                cases.add(Arguments.of(
                        entry.getKey(),
                        request.get("method").asText(),
                        request.get("url").asText(),
                        request.get("body").isNull()
                                ? null
                                : request.get("body").asText(),
                        toObject(request.get("headers"))));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("capturedRequests")
    void headersEqualTheCapturedOnes(String name, String method, String url, String body, JsonNode expected) {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        try (PolymarketL2Auth auth =
                new PolymarketL2Auth(ADDRESS, API_KEY, SECRET.toCharArray(), PASSPHRASE.toCharArray())) {
            Map<String, String> headers = auth.headers(1_700_000_000L, method, url, bytes);
            assertThat(headers.keySet())
                    .containsExactly(
                            "POLY_ADDRESS", "POLY_SIGNATURE", "POLY_TIMESTAMP", "POLY_API_KEY", "POLY_PASSPHRASE");
            headers.forEach((header, value) ->
                    assertThat(value).as(header).isEqualTo(expected.get(header).asText()));
        }
    }

    @Test
    void theHmacMessagesOfTheVectorsAreWhatWeSign() {
        // The server-side check recorded in the file: the message is ts + METHOD + path (no query) + body.
        JsonNode check = PolymarketVectors.at("/otherL2Requests/getOpenOrdersFiltered/0/fakeServerChecks/l2");
        assertThat(check.get("hmacMessage").asText()).isEqualTo("1700000000GET/data/orders");
        assertThat(PolymarketL2Auth.signature(
                        SECRET.toCharArray(), "1700000000", "GET", "/data/orders?market=0x11", null))
                .isEqualTo(check.get("hmacExpected").asText());
    }

    @Test
    void standardAndUnpaddedSecretsGiveTheSameSignature() {
        String standard = PolymarketVectors.text("/inputs/apiSecretEquivalentStandardBase64");
        String unpadded = SECRET.replace("=", "");
        byte[] body = PolymarketVectors.text("/l2/fixedBody/body").getBytes(StandardCharsets.UTF_8);
        String expected = PolymarketVectors.text("/l2/fixedBody/headers/POLY_SIGNATURE");
        for (String secret : List.of(SECRET, standard, unpadded)) {
            assertThat(PolymarketL2Auth.signature(secret.toCharArray(), "1700000000", "POST", "/order", body))
                    .isEqualTo(expected);
        }
    }

    @Test
    void reproducesTheUpstreamLibraryTestVector() {
        // clob-client-v2 tests/signing/hmac.test.ts
        String signature = PolymarketL2Auth.signature(
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".toCharArray(),
                "1000000",
                "test-sign",
                "/orders",
                "{\"hash\": \"0x123\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo(PolymarketVectors.text("/upstreamAnchors/hmac/expected"));
    }

    @Test
    void byteArrayCredentialsAreCopiedSoTheCallerCanWipeThem() {
        byte[] secret = SECRET.getBytes(StandardCharsets.US_ASCII);
        byte[] passphrase = PASSPHRASE.getBytes(StandardCharsets.US_ASCII);
        try (PolymarketL2Auth auth = new PolymarketL2Auth(ADDRESS, API_KEY, secret, passphrase)) {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(passphrase, (byte) 0);
            assertThat(auth.headers(
                            1_700_000_000L,
                            "POST",
                            "/order",
                            PolymarketVectors.text("/l2/fixedBody/body").getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(toMap(PolymarketVectors.at("/l2/fixedBody/headers")));
        }
    }

    @Test
    void closeForgetsTheSecret() {
        char[] secret = SECRET.toCharArray();
        PolymarketL2Auth auth = new PolymarketL2Auth(ADDRESS, API_KEY, secret, PASSPHRASE.toCharArray());
        Arrays.fill(secret, '\0'); // the caller's copy may be wiped at once
        String before = auth.signature(1_700_000_000L, "GET", "/data/orders", null);
        auth.close();
        assertThat(before)
                .isEqualTo(PolymarketVectors.text("/otherL2Requests/getOpenOrders/0/fakeServerChecks/l2/hmacExpected"));
        assertThat(auth.signature(1_700_000_000L, "GET", "/data/orders", null)).isNotEqualTo(before);
        assertThat(auth.headers(1_700_000_000L, "GET", "/data/orders", null).get("POLY_PASSPHRASE"))
                .doesNotContain(PASSPHRASE.substring(0, 8));
    }

    @Test
    void rejectsBadSecretsWithoutEchoingThem() {
        for (String bad : List.of("not base64!", "====", "a")) {
            assertThatThrownBy(
                            () -> new PolymarketL2Auth(ADDRESS, API_KEY, bad.toCharArray(), PASSPHRASE.toCharArray()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("clob_api_secret: not valid base64");
        }
        assertThatThrownBy(() -> new PolymarketL2Auth(ADDRESS, API_KEY, new char[0], PASSPHRASE.toCharArray()))
                .hasMessage("clob_api_secret: missing");
        assertThatThrownBy(() -> new PolymarketL2Auth(ADDRESS, API_KEY, SECRET.toCharArray(), new char[0]))
                .hasMessage("clob_api_passphrase: missing");
        assertThatThrownBy(() -> new PolymarketL2Auth(ADDRESS, " ", SECRET.toCharArray(), PASSPHRASE.toCharArray()))
                .hasMessage("clob_api_key: missing");
        assertThatThrownBy(
                        () -> new PolymarketL2Auth("0x1234", API_KEY, SECRET.toCharArray(), PASSPHRASE.toCharArray()))
                .hasMessageStartingWith("address: ");
    }

    @Test
    void rejectsARelativePath() {
        assertThatThrownBy(() -> PolymarketL2Auth.signature(SECRET.toCharArray(), "1", "GET", "data/orders", null))
                .hasMessage("path: must start with /");
    }

    private static JsonNode toObject(JsonNode headerList) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(PolymarketVectors.polyHeaders(headerList));
    }

    private static Map<String, String> toMap(JsonNode object) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
