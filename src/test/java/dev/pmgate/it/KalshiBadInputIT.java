package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.support.DebugLogging;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import dev.pmgate.support.Outputs;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input through the running gateway: every refusal has the SPEC §2.3 shape, the right status and
 * code, names the field without echoing the value, reflects none of the caller's secret headers, and
 * never reaches the exchange (the strict fake records every request it receives).
 */
class KalshiBadInputIT extends GatewayIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ERROR_FIELDS =
            Set.of("error", "code", "retryable", "validation_errors", "exchange", "upstream");
    /** What an error response may carry: our own headers plus what the HTTP server itself adds. */
    private static final Set<String> RESPONSE_HEADERS = Set.of(
            "content-type",
            "content-length",
            "x-request-id",
            "retry-after",
            "x-should-retry",
            "date",
            "connection",
            "keep-alive",
            "transfer-encoding");

    /** One registered, funded account whose credentials are valid: input refused despite them is refused for itself. */
    private static final KalshiAccount ACCOUNT = new KalshiAccount(KeyFormat.ED25519);

    private static final String MARKET =
            "KXBAD-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);

    static {
        KALSHI.registerKey(ACCOUNT.keyId, ACCOUNT.keyPair.getPublic());
        KALSHI.setBalance(ACCOUNT.keyId, new BigDecimal("1000"));
        KALSHI.addMarket(MARKET, PriceLevelStructure.LINEAR_CENT);
    }

    // =================================================================== helpers

    /** Runs {@code call} and asserts that the fake exchange received nothing meanwhile. */
    private static HttpCall.Response noUpstream(Supplier<HttpCall.Response> call) {
        int before = KALSHI.requests().size();
        HttpCall.Response response = call.get();
        assertThat(KALSHI.requests())
                .as("requests at the exchange after a refused input")
                .hasSize(before);
        return response;
    }

    /**
     * Asserts the SPEC §2.3 shape, status and code; that {@code field} is named (in validation_errors,
     * or in the message when the code carries none); and that no secret appears in status line, headers or body.
     */
    private static JsonNode assertError(HttpCall.Response r, int status, String code, String field, String... secrets) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as("content type").startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.isObject()).isTrue();
        body.fieldNames()
                .forEachRemaining(
                        name -> assertThat(ERROR_FIELDS).as("error field").contains(name));
        assertThat(body.path("error").isTextual()).as("error").isTrue();
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(body.path("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(body.path("retryable").isBoolean()).as("retryable").isTrue();
        assertThat(body.path("retryable").asBoolean())
                .as("a refused input is not retryable")
                .isFalse();
        if (field != null) {
            List<String> named = new ArrayList<>();
            body.path("validation_errors").forEach(v -> named.add(v.asText()));
            if (named.isEmpty()) {
                assertThat(body.get("error").asText())
                        .as("message names the field")
                        .contains(field);
            } else {
                assertThat(named)
                        .as("validation_errors name the field")
                        .anySatisfy(v -> assertThat(v).startsWith(field + ":"));
            }
        }
        assertOnlyOurHeaders(r);
        String everything = r.status() + " " + r.headers() + " " + r.body();
        assertThat(everything).doesNotContain(API_KEY);
        for (String secret : secrets) {
            assertThat(everything).as("response echoes a sent value").doesNotContain(secret);
        }
        return body;
    }

    private static void assertOnlyOurHeaders(HttpCall.Response r) {
        if (r.status() >= 400 && r.body() != null && r.body().startsWith("{")) {
            // SPEC §2.3: every error says whether to retry, as its body's retryable does
            assertThat(r.header("x-should-retry"))
                    .as("x-should-retry of " + r.body())
                    .isEqualTo(Boolean.toString(r.json().get("retryable").asBoolean()));
        }
        r.headers().forEach((name, values) -> {
            assertThat(RESPONSE_HEADERS).as("response header %s", name).contains(name.toLowerCase(Locale.ROOT));
            values.forEach(v -> assertThat(v).doesNotContain(API_KEY));
        });
    }

    private HttpCall.Response kalshiAs(String method, String pathAndQuery, String credentials, String body) {
        return noUpstream(() -> kalshi(method, pathAndQuery, credentials, body));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String creds(String keyId, String privateKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (keyId != null) {
            m.put("api_key_id", keyId);
        }
        if (privateKey != null) {
            m.put("private_key", privateKey);
        }
        return json(m);
    }

    private static String pem(Object object) {
        try {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(object);
            }
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A distinctive piece of a PEM's base64 body: what a leak of that key would show. */
    private static String pemFragment(String pem) {
        String body = pem.replaceAll("-----[A-Z ,0-9-]+-----", "")
                .replaceAll("(?m)^[A-Za-z-]+:.*$", "")
                .replaceAll("\\s", "");
        return body.substring(body.length() / 2 - 20, body.length() / 2 + 20);
    }

    private static String order(String extra) {
        return "{\"market_id\":\"" + MARKET + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.40,\"size\":1"
                + extra + "}";
    }

    private static String withPrice(String price) {
        return "{\"market_id\":\"" + MARKET + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":" + price
                + ",\"size\":1}";
    }

    // =================================================================== API key and credentials header

    @Test
    void missingApiKeyIsUnauthorized() {
        HttpCall.Response r =
                noUpstream(() -> HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/balance?exchange=kalshi")
                        .header("X-Exchange-Credentials", ACCOUNT.header())
                        .send());
        assertError(r, 401, "unauthorized", "X-API-Key", ACCOUNT.canaries());
    }

    @Test
    void unknownApiKeyIsUnauthorizedAndNotEchoed() {
        String wrong = "wrong-key-" + UUID.randomUUID();
        HttpCall.Response r =
                noUpstream(() -> HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/balance?exchange=kalshi")
                        .header("X-API-Key", wrong)
                        .header("X-Exchange-Credentials", ACCOUNT.header())
                        .send());
        assertError(r, 401, "unauthorized", "X-API-Key", wrong);
        // the configured key with one character changed, and the other accepted key's neighbour
        HttpCall.Response close =
                noUpstream(() -> HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/balance?exchange=kalshi")
                        .header("X-API-Key", API_KEY + "x")
                        .header("X-Exchange-Credentials", ACCOUNT.header())
                        .send());
        assertError(close, 401, "unauthorized", "X-API-Key");
    }

    @Test
    void lowerCaseSecretHeadersAreConsumedAndNeverReflected() {
        HttpCall.Response ok = HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/balance?exchange=kalshi")
                .header("x-api-key", API_KEY)
                .header("x-exchange-credentials", ACCOUNT.header())
                .send();
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertOnlyOurHeaders(ok);
        assertThat(ok.headers().toString() + ok.body()).doesNotContain(API_KEY).doesNotContain(ACCOUNT.canaries());

        HttpCall.Response bad = noUpstream(
                () -> HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/orders/abc%2Fdef?exchange=kalshi")
                        .header("x-api-key", API_KEY)
                        .header("x-exchange-credentials", ACCOUNT.header())
                        .send());
        assertError(bad, 400, "validation_error", "id", ACCOUNT.canaries());
    }

    @Test
    void missingCredentialsAreRequired() {
        assertError(kalshiAs("GET", "/balance", null, null), 403, "credentials_required", "X-Exchange-Credentials");
        assertError(kalshiAs("GET", "/balance", "   ", null), 403, "credentials_required", "X-Exchange-Credentials");
    }

    static Stream<Arguments> badCredentials() throws Exception {
        String keyId = UUID.randomUUID().toString();
        String secret = "s3cr3t" + UUID.randomUUID().toString().replace("-", "");
        KalshiAccount other = new KalshiAccount(KeyFormat.RSA_PKCS8);
        String garbage = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getEncoder().encodeToString((secret + secret + secret).getBytes(StandardCharsets.US_ASCII))
                + "\n-----END PRIVATE KEY-----\n";

        KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
        ecGen.initialize(new ECGenParameterSpec("secp256r1"));
        String ec = pem(new JcaPKCS8Generator(ecGen.generateKeyPair().getPrivate(), null).generate());

        String encryptedPkcs8 = pem(new JcaPKCS8Generator(
                        other.keyPair.getPrivate(),
                        new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                                .setIterationCount(1000)
                                .setPassword("pw".toCharArray())
                                .build())
                .generate());
        StringWriter legacy = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(legacy)) {
            w.writeObject(
                    other.keyPair.getPrivate(),
                    new JcePEMEncryptorBuilder("AES-128-CBC")
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                            .build("pw".toCharArray()));
        }
        String encryptedPkcs1 = legacy.toString();
        String publicKey = pem(other.keyPair.getPublic());

        // An RSA "key" of 9000 bits: structurally a PKCS#1 key, made without generating primes (cheap).
        BigInteger huge = new BigInteger(9000, new SecureRandom()).setBit(8999);
        String hugeRsa = pem(new PemObject(
                "RSA PRIVATE KEY",
                new RSAPrivateKey(
                                huge,
                                BigInteger.valueOf(65537),
                                huge.shiftRight(1),
                                huge.shiftRight(4500),
                                huge.shiftRight(4501),
                                BigInteger.TEN,
                                BigInteger.TEN,
                                BigInteger.TEN)
                        .getEncoded()));

        byte[] pk = new byte[32];
        new SecureRandom().nextBytes(pk);
        Map<String, Object> polymarket = new LinkedHashMap<>();
        polymarket.put("private_key", "0x" + HexFormat.of().formatHex(pk));
        polymarket.put("clob_api_key", UUID.randomUUID().toString());
        polymarket.put("clob_api_secret", secret);
        polymarket.put("clob_api_passphrase", secret + "pp");

        String header = "X-Exchange-Credentials";
        return Stream.of(
                Arguments.of("not base64", "@@" + secret + "@@!", header, new String[] {secret}),
                Arguments.of("base64 of non-JSON", b64("hello " + secret), header, new String[] {secret}),
                Arguments.of("JSON array", b64("[" + creds(keyId, other.privateKeyPem) + "]"), header, new String[] {
                    pemFragment(other.privateKeyPem)
                }),
                Arguments.of("JSON string", b64("\"" + secret + "\""), header, new String[] {secret}),
                Arguments.of(
                        "duplicate keys",
                        b64("{\"api_key_id\":\"" + keyId + "\",\"api_key_id\":\"x\",\"private_key\":\"" + secret
                                + "\"}"),
                        header,
                        new String[] {secret}),
                Arguments.of("missing api_key_id", b64(creds(null, other.privateKeyPem)), "api_key_id", new String[] {
                    pemFragment(other.privateKeyPem)
                }),
                Arguments.of(
                        "api_key_id not a string",
                        b64("{\"api_key_id\":12345,\"private_key\":\"" + secret + "\"}"),
                        "api_key_id",
                        new String[] {secret}),
                Arguments.of(
                        "api_key_id with CRLF",
                        b64(creds("abc\r\nX-Evil: " + secret, other.privateKeyPem)),
                        "api_key_id",
                        new String[] {secret, pemFragment(other.privateKeyPem)}),
                Arguments.of("missing private_key", b64(creds(keyId, null)), "private_key", new String[0]),
                Arguments.of("private_key not PEM", b64(creds(keyId, secret)), "private_key", new String[] {secret}),
                Arguments.of("garbage PEM", b64(creds(keyId, garbage)), "private_key", new String[] {
                    pemFragment(garbage), secret
                }),
                Arguments.of("encrypted PKCS#8 PEM", b64(creds(keyId, encryptedPkcs8)), "private_key", new String[] {
                    pemFragment(encryptedPkcs8)
                }),
                Arguments.of("encrypted PKCS#1 PEM", b64(creds(keyId, encryptedPkcs1)), "private_key", new String[] {
                    pemFragment(encryptedPkcs1)
                }),
                Arguments.of("EC key", b64(creds(keyId, ec)), "private_key", new String[] {pemFragment(ec)}),
                Arguments.of(
                        "public key instead of private", b64(creds(keyId, publicKey)), "private_key", new String[] {
                            pemFragment(publicKey)
                        }),
                Arguments.of("RSA larger than 8192 bits", b64(creds(keyId, hugeRsa)), "private_key", new String[] {
                    pemFragment(hugeRsa)
                }),
                Arguments.of("Polymarket credentials on kalshi", b64(json(polymarket)), "api_key_id", new String[] {
                    secret, (String) polymarket.get("private_key"), (String) polymarket.get("clob_api_key")
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    void badCredentialsAreInvalidNamedAndNeverEchoed(String name, String header, String field, String[] secrets) {
        HttpCall.Response r = kalshiAs("GET", "/balance", header, null);
        assertError(r, 400, "invalid_credentials", field, secrets);
        assertThat(r.body()).doesNotContain(header.substring(0, Math.min(24, header.length())));
        if (secrets.length > 0) {
            assertThat(LOGS.all()).doesNotContain(secrets);
        }
        // the same refusal on a write: nothing is placed
        HttpCall.Response post = kalshiAs("POST", "/orders", header, order(""));
        assertError(post, 400, "invalid_credentials", field, secrets);
    }

    @Test
    void credentialsHeaderLargerThan16KiBIsRefused() {
        Map<String, Object> padded = new LinkedHashMap<>(ACCOUNT.credentialsJson());
        padded.put("padding", "p".repeat(17 * 1024));
        String header = KalshiAccount.encode(padded);
        assertThat(header.length()).isGreaterThan(16 * 1024);
        HttpCall.Response r = kalshiAs("GET", "/balance", header, null);
        assertThat(r.status()).isIn(400, 431);
        assertError(
                r,
                r.status(),
                r.status() == 400 ? "invalid_credentials" : "header_too_large",
                null,
                ACCOUNT.canaries());
        assertThat(r.body()).contains("X-Exchange-Credentials").doesNotContain("ppppppppppppppppppppp");
    }

    @Test
    void headerLargerThanTheServerLimitGetsTheSpecShape() {
        Map<String, Object> padded = new LinkedHashMap<>(ACCOUNT.credentialsJson());
        padded.put("padding", "q".repeat(70 * 1024));
        String header = KalshiAccount.encode(padded);
        HttpCall.Response r = kalshiAs("GET", "/balance", header, null);
        assertThat(r.status()).isIn(400, 431);
        assertError(r, r.status(), r.status() == 400 ? "bad_request" : "header_too_large", null, ACCOUNT.canaries());
        assertThat(r.body()).doesNotContain("qqqqqqqqqqqqqqqqqqqq");
    }

    @Test
    void urlSafeBase64WithoutPaddingIsAccepted() {
        KalshiAccount a = new KalshiAccount(KeyFormat.RSA_PKCS8);
        KALSHI.registerKey(a.keyId, a.keyPair.getPublic());
        KALSHI.setBalance(a.keyId, new BigDecimal("12.34"));
        // Base64 of pure ASCII PEM/JSON text never yields the characters 62/63 ('+' '/'), so a non-secret
        // descriptive field with '?' and '~' makes the url-safe alphabet ('_' '-') actually appear; JSON allows
        // trailing whitespace, so pad until standard base64 needs '=' padding.
        Map<String, Object> withNote = new LinkedHashMap<>(a.credentialsJson());
        withNote.put("note", "desk? ~prod~ key?");
        StringBuilder credentials = new StringBuilder(json(withNote));
        while (credentials.length() % 3 == 0) {
            credentials.append(' ');
        }
        byte[] bytes = credentials.toString().getBytes(StandardCharsets.UTF_8);
        String standard = Base64.getEncoder().encodeToString(bytes);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThat(standard).as("precondition: standard form is padded").endsWith("=");
        assertThat(urlSafe)
                .as("precondition: url-safe alphabet is exercised")
                .containsAnyOf("-", "_")
                .doesNotContain("=", "+", "/");
        HttpCall.Response r = kalshi("GET", "/balance", urlSafe, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("available").decimalValue()).isEqualByComparingTo("12.34");
    }

    // =================================================================== exchange parameter

    @Test
    void missingExchangeIsAMissingParameter() {
        HttpCall.Response r = noUpstream(() -> api("GET", "/balance")
                .header("X-Exchange-Credentials", ACCOUNT.header())
                .send());
        assertError(r, 400, "missing_parameter", "exchange", ACCOUNT.canaries());
        HttpCall.Response empty = noUpstream(() -> api("GET", "/balance?exchange=")
                .header("X-Exchange-Credentials", ACCOUNT.header())
                .send());
        assertError(empty, 400, "missing_parameter", "exchange", ACCOUNT.canaries());
    }

    @Test
    void unknownExchangeIsNotFound() {
        String bogus = "bogus" + UUID.randomUUID().toString().substring(0, 8);
        HttpCall.Response r = noUpstream(() -> api("GET", "/balance?exchange=" + bogus)
                .header("X-Exchange-Credentials", ACCOUNT.header())
                .send());
        assertError(r, 400, "exchange_not_found", "exchange", bogus);
    }

    // =================================================================== credentials outside the header

    @Test
    void credentialsInTheBodyAreRefusedAndNeverLogged() {
        KalshiAccount leaked = new KalshiAccount(KeyFormat.RSA_PKCS1);
        String pemJson = json(leaked.privateKeyPem);
        HttpCall.Response top = kalshiAs("POST", "/orders", ACCOUNT.header(), order(",\"private_key\":" + pemJson));
        assertError(top, 400, "bad_request", "private_key", leaked.canaries());
        HttpCall.Response nested = kalshiAs(
                "POST",
                "/orders",
                ACCOUNT.header(),
                order(",\"params\":{\"order_type\":\"gtc\",\"private_key\":" + pemJson + "}"));
        assertError(nested, 400, "bad_request", "params.private_key", leaked.canaries());
        HttpCall.Response keyId = kalshiAs(
                "POST", "/orders", ACCOUNT.header(), order(",\"params\":{\"api_key_id\":\"" + leaked.keyId + "\"}"));
        assertError(keyId, 400, "bad_request", "params.api_key_id", leaked.keyId);
        HttpCall.Response whole =
                kalshiAs("POST", "/orders", ACCOUNT.header(), order(",\"credentials\":\"" + leaked.header() + "\""));
        assertError(whole, 400, "bad_request", "credentials", leaked.canaries());
        assertThat(LOGS.all()).doesNotContain(leaked.canaries()).doesNotContain(leaked.keyId);
    }

    @Test
    void credentialsInTheBodyOfAnEndpointWithoutBodyAreRefused() {
        KalshiAccount leaked = new KalshiAccount(KeyFormat.RSA_PKCS8);
        String body = "{\"private_key\":" + json(leaked.privateKeyPem) + ",\"api_key_id\":\"" + leaked.keyId + "\"}";
        for (String[] call : List.of(
                new String[] {"DELETE", "/orders/abc"},
                new String[] {"GET", "/balance"},
                new String[] {"GET", "/orders"},
                new String[] {"GET", "/orders/abc"})) {
            HttpCall.Response r = kalshiAs(call[0], call[1], ACCOUNT.header(), body);
            assertError(r, 400, "bad_request", "private_key", leaked.canaries());
        }
        assertError(
                kalshiAs("DELETE", "/orders/abc", ACCOUNT.header(), "{\"params\":{\"clob_api_secret\":\"x\"}}"),
                400,
                "bad_request",
                "params.clob_api_secret");
        assertThat(LOGS.all()).doesNotContain(leaked.canaries()).doesNotContain(leaked.keyId);
    }

    @Test
    void credentialsInTheQueryStringAreRefusedAndNeverLogged() {
        KalshiAccount leaked = new KalshiAccount(KeyFormat.ED25519);
        KALSHI.registerKey(leaked.keyId, leaked.keyPair.getPublic());
        String pem = URLEncoder.encode(leaked.privateKeyPem, StandardCharsets.UTF_8);
        String header = URLEncoder.encode(leaked.header(), StandardCharsets.UTF_8);
        // with the HTTP trees at TRACE, as an operator chasing a problem would run them (SPEC §3 invariant 4: any
        // level)
        try (DebugLogging debug = DebugLogging.httpTreesAtTrace()) {
            assertError(
                    kalshiAs("GET", "/balance?private_key=" + pem, ACCOUNT.header(), null),
                    400,
                    "bad_request",
                    "private_key",
                    leaked.canaries());
            assertError(
                    kalshiAs("GET", "/orders?api_key_id=" + leaked.keyId, ACCOUNT.header(), null),
                    400,
                    "bad_request",
                    "api_key_id",
                    leaked.keyId);
            assertError(
                    kalshiAs("POST", "/orders?private_key=" + pem, ACCOUNT.header(), order("")),
                    400,
                    "bad_request",
                    "private_key",
                    leaked.canaries());
            assertError(
                    kalshiAs("DELETE", "/orders/abc?api_key_id=" + leaked.keyId, ACCOUNT.header(), null),
                    400,
                    "bad_request",
                    "api_key_id",
                    leaked.keyId);
            // the header names themselves as parameters, next to the real header and instead of it
            assertError(
                    kalshiAs("GET", "/positions?X-Exchange-Credentials=" + header, ACCOUNT.header(), null),
                    400,
                    "bad_request",
                    "X-Exchange-Credentials",
                    leaked.canaries());
            assertError(
                    kalshiAs("GET", "/balance?x-exchange-credentials=" + header, null, null),
                    400,
                    "bad_request",
                    "x-exchange-credentials",
                    leaked.canaries());
            // case and percent-encoding of the name do not get around the check
            assertError(
                    kalshiAs("GET", "/fills?Private%5FKey=" + pem, ACCOUNT.header(), null),
                    400,
                    "bad_request",
                    null,
                    leaked.canaries());
        }
        assertThat(KALSHI.requests())
                .noneMatch(
                        q -> leaked.keyId.equals(q.header("KALSHI-ACCESS-KEY").orElse(null)));
        assertThat(LOGS.all()).doesNotContain(leaked.canaries()).doesNotContain(leaked.keyId);
    }

    @Test
    void apiKeyInTheQueryStringIsRefusedAndIsNoKeyOracle() {
        String wrong = "wrong-" + UUID.randomUUID();
        try (DebugLogging debug = DebugLogging.httpTreesAtTrace()) {
            for (String key : List.of(API_KEY, wrong)) {
                HttpCall.Response r = noUpstream(() -> HttpCall.to(
                                "GET", "http://127.0.0.1:" + port + "/api/v1/balance?exchange=kalshi&X-API-Key=" + key)
                        .header("X-Exchange-Credentials", ACCOUNT.header())
                        .send());
                // refused the same way whether or not the key is valid: the answer tells nothing about the key
                assertError(r, 400, "bad_request", "X-API-Key", key);
            }
        }
        assertThat(LOGS.all()).doesNotContain(API_KEY).doesNotContain(wrong);
    }

    // =================================================================== order ids

    @ParameterizedTest
    @ValueSource(
            strings = {
                "..%2F..%2Fportfolio%2Fbalance",
                "abc%2Fdef",
                "abc%0D%0AX-Evil:1",
                "%2e%2e",
                "abc%5C..%5Cbalance",
                "abc%20def",
                "abc%09def",
                "%C3%A9t%C3%A9",
                "%E2%80%AEabc",
                "abc.def"
            })
    void malformedOrderIdsAreRefusedBeforeAnyUpstreamCall(String rawId) {
        for (String method : List.of("GET", "DELETE")) {
            HttpCall.Response r = kalshiAs(method, "/orders/" + rawId, ACCOUNT.header(), null);
            assertError(r, 400, "validation_error", "id", ACCOUNT.canaries());
            assertThat(r.headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("X-Evil"));
        }
    }

    @Test
    void nulInTheOrderIdIsRefusedByTheServerInTheSpecShape() {
        // Tomcat itself refuses an encoded NUL in the path before any route runs: 400, SPEC shape, nothing sent.
        HttpCall.Response r = kalshiAs("GET", "/orders/a%00b", ACCOUNT.header(), null);
        assertThat(r.status()).isEqualTo(400);
        assertError(
                r,
                400,
                r.json().path("code").asText().equals("validation_error") ? "validation_error" : "bad_request",
                null,
                ACCOUNT.canaries());
    }

    @Test
    void orderIdOf65CharactersIsRefusedAnd64IsAllowedThrough() {
        String tooLong = "a".repeat(65);
        for (String method : List.of("GET", "DELETE")) {
            assertError(kalshiAs(method, "/orders/" + tooLong, ACCOUNT.header(), null), 400, "validation_error", "id");
        }
        // control: a well-formed 64-character id does reach the exchange (and is not found there)
        int before = KALSHI.requests().size();
        HttpCall.Response ok = kalshi("GET", "/orders/" + "a".repeat(64), ACCOUNT.header(), null);
        assertThat(ok.status()).as(ok.body()).isEqualTo(404);
        assertThat(KALSHI.requests().size()).isGreaterThan(before);
    }

    @Test
    void rawNonAsciiOrderIdOverARawSocketIsRefused() throws Exception {
        byte[] id = "ordér-ü".getBytes(StandardCharsets.UTF_8);
        int before = KALSHI.requests().size();
        String response = rawRequest(
                "GET",
                "/api/v1/orders/".getBytes(StandardCharsets.US_ASCII),
                id,
                "?exchange=kalshi".getBytes(StandardCharsets.US_ASCII),
                Map.of("X-API-Key", API_KEY, "X-Exchange-Credentials", ACCOUNT.header()));
        assertThat(KALSHI.requests()).hasSize(before);
        int status = Integer.parseInt(response.substring(9, 12));
        assertThat(status).as(response).isEqualTo(400);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        JsonNode json = MAPPER.readTree(body);
        assertThat(json.path("code").asText()).as(body).isIn("validation_error", "bad_request");
        assertThat(response).doesNotContain(API_KEY).doesNotContain(ACCOUNT.canaries());
    }

    /** One HTTP/1.1 request over a plain socket, for request targets java.net.http refuses to build. */
    private String rawRequest(String method, byte[] path, byte[] id, byte[] query, Map<String, String> headers)
            throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.write((method + " ").getBytes(StandardCharsets.US_ASCII));
            req.write(path);
            req.write(id);
            req.write(query);
            StringBuilder head =
                    new StringBuilder(" HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            req.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write(req.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Outputs.record(response);
            return response;
        }
    }

    // =================================================================== create-order bodies

    @Test
    void malformedDuplicateAndDeeplyNestedJsonAreBadRequests() {
        assertError(
                kalshiAs("POST", "/orders", ACCOUNT.header(), "{\"market_id\":\"" + MARKET + "\","),
                400,
                "bad_request",
                "body");
        assertError(kalshiAs("POST", "/orders", ACCOUNT.header(), "not json at all"), 400, "bad_request", "body");
        String duplicate = "{\"market_id\":\"" + MARKET + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"side\":\"sell\","
                + "\"price\":0.4,\"size\":1}";
        JsonNode dup =
                assertError(kalshiAs("POST", "/orders", ACCOUNT.header(), duplicate), 400, "bad_request", "body");
        assertThat(dup.get("validation_errors").toString()).contains("duplicate");
        String deep =
                "{\"market_id\":\"" + MARKET + "\",\"params\":" + "{\"a\":".repeat(2000) + "1" + "}".repeat(2000) + "}";
        JsonNode nested = assertError(kalshiAs("POST", "/orders", ACCOUNT.header(), deep), 400, "bad_request", "body");
        assertThat(nested.get("validation_errors").toString()).contains("nested");
        assertError(
                kalshiAs("POST", "/orders", ACCOUNT.header(), "[" + order("") + "]"), 400, "validation_error", "body");
        assertError(kalshiAs("POST", "/orders", ACCOUNT.header(), null), 400, "validation_error", "body");
    }

    @Test
    void outOfRangePricesAreValidationErrors() {
        for (String price :
                List.of("1.5", "-0.1", "0", "0.0", "1", "\"NaN\"", "\"Infinity\"", "\"0x1p-2\"", "\"\"", "\"-0.1\"")) {
            assertError(
                    kalshiAs("POST", "/orders", ACCOUNT.header(), withPrice(price)), 400, "validation_error", "price");
        }
        // a bare NaN is not JSON at all
        assertError(kalshiAs("POST", "/orders", ACCOUNT.header(), withPrice("NaN")), 400, "bad_request", "body");
    }

    @Test
    void kalshiWireLimitsOnDecimalsAreRefusedBeforeSending() {
        String threeDecimalSize =
                "{\"market_id\":\"" + MARKET + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.40,\"size\":1.125}";
        assertError(kalshiAs("POST", "/orders", ACCOUNT.header(), threeDecimalSize), 400, "validation_error", "size");
        assertError(
                kalshiAs("POST", "/orders", ACCOUNT.header(), withPrice("0.12345")), 400, "validation_error", "price");
        assertError(
                kalshiAs(
                        "POST",
                        "/orders",
                        ACCOUNT.header(),
                        "{\"market_id\":\"" + MARKET
                                + "\",\"outcome\":\"No\",\"side\":\"buy\",\"price\":0.12345,\"size\":1}"),
                400,
                "validation_error",
                "price");
    }

    @Test
    void orderTypeProblemsAreRefused() {
        long now = Instant.now().getEpochSecond();
        assertError(
                kalshiAs("POST", "/orders", ACCOUNT.header(), order(",\"params\":{\"order_type\":\"day\"}")),
                400,
                "validation_error",
                "params.order_type");
        assertError(
                kalshiAs("POST", "/orders", ACCOUNT.header(), order(",\"params\":{\"order_type\":\"gtd\"}")),
                400,
                "validation_error",
                "params.expiration");
        assertError(
                kalshiAs(
                        "POST",
                        "/orders",
                        ACCOUNT.header(),
                        order(",\"params\":{\"order_type\":\"gtd\",\"expiration\":" + (now - 3600) + "}")),
                400,
                "validation_error",
                "params.expiration");
        assertError(
                kalshiAs(
                        "POST",
                        "/orders",
                        ACCOUNT.header(),
                        order(",\"params\":{\"order_type\":\"gtd\",\"expiration\":" + (now + 10) + "}")),
                400,
                "validation_error",
                "params.expiration");
        assertError(
                kalshiAs(
                        "POST",
                        "/orders",
                        ACCOUNT.header(),
                        order(",\"params\":{\"order_type\":\"ioc\",\"post_only\":true}")),
                501,
                "not_supported",
                null);
        assertError(
                kalshiAs(
                        "POST",
                        "/orders",
                        ACCOUNT.header(),
                        order(",\"params\":{\"order_type\":\"fok\",\"post_only\":true}")),
                501,
                "not_supported",
                null);
        assertThat(KALSHI.orders(ACCOUNT.keyId)).isEmpty();
    }

    @Test
    void unknownFieldsAndWrongTypesAreNamed() {
        String secretish = "v" + UUID.randomUUID();
        assertError(
                kalshiAs("POST", "/orders", ACCOUNT.header(), order(",\"leverage\":\"" + secretish + "\"")),
                400,
                "validation_error",
                "leverage",
                secretish);
        assertError(
                kalshiAs("POST", "/orders", ACCOUNT.header(), order(",\"params\":{\"tif\":\"" + secretish + "\"}")),
                400,
                "validation_error",
                "params.tif",
                secretish);
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("market_id", "{\"market_id\":42,\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.4,\"size\":1}");
        wrong.put(
                "outcome",
                "{\"market_id\":\"" + MARKET + "\",\"outcome\":true,\"side\":\"buy\",\"price\":0.4,\"size\":1}");
        wrong.put(
                "side",
                "{\"market_id\":\"" + MARKET + "\",\"outcome\":\"Yes\",\"side\":[\"buy\"],\"price\":0.4,\"size\":1}");
        wrong.put(
                "price",
                "{\"market_id\":\"" + MARKET + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":true,\"size\":1}");
        wrong.put(
                "size",
                "{\"market_id\":\"" + MARKET
                        + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.4,\"size\":{\"n\":1}}");
        wrong.put("params", order(",\"params\":\"gtc\""));
        wrong.put("params.post_only", order(",\"params\":{\"post_only\":\"yes\"}"));
        wrong.put("params.expiration", order(",\"params\":{\"order_type\":\"gtd\",\"expiration\":\"tomorrow\"}"));
        wrong.put("params.order_type", order(",\"params\":{\"order_type\":7}"));
        wrong.put("client_order_id", order(",\"client_order_id\":123"));
        wrong.forEach((field, body) ->
                assertError(kalshiAs("POST", "/orders", ACCOUNT.header(), body), 400, "validation_error", field));
        assertThat(LOGS.all()).doesNotContain(secretish);
    }

    // =================================================================== list filters

    @Test
    void listFiltersOutOfRangeAreRefused() {
        for (String path : List.of("/orders", "/fills", "/positions")) {
            assertError(kalshiAs("GET", path + "?limit=0", ACCOUNT.header(), null), 400, "validation_error", "limit");
            assertError(kalshiAs("GET", path + "?limit=501", ACCOUNT.header(), null), 400, "validation_error", "limit");
            assertError(kalshiAs("GET", path + "?limit=ten", ACCOUNT.header(), null), 400, "validation_error", "limit");
        }
        assertError(kalshiAs("GET", "/orders?status=bogus", ACCOUNT.header(), null), 400, "validation_error", "status");
        assertError(
                kalshiAs(
                        "GET",
                        "/orders?market_id=" + URLEncoder.encode("../x", StandardCharsets.UTF_8),
                        ACCOUNT.header(),
                        null),
                400,
                "validation_error",
                "market_id");
        assertError(
                kalshiAs("GET", "/orders?limit=5&limit=6", ACCOUNT.header(), null), 400, "validation_error", "limit");
        // control: the boundaries themselves are fine and reach the exchange
        assertThat(kalshi("GET", "/orders?limit=500&status=all", ACCOUNT.header(), null)
                        .status())
                .isEqualTo(200);
        assertThat(kalshi("GET", "/orders?limit=1", ACCOUNT.header(), null).status())
                .isEqualTo(200);
    }

    // =================================================================== public endpoints

    @Test
    void healthIsUpWithoutAnApiKey() {
        HttpCall.Response r = HttpCall.to("GET", "http://127.0.0.1:" + port + "/actuator/health")
                .send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("UP");
    }
}
