package dev.pmgate.it;

import static dev.pmgate.support.SpecAnswers.assertSpecError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.pmgate.credentials.SealedCredentials;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KafkaTestClient;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import dev.pmgate.support.Outputs;
import dev.pmgate.support.PolymarketAccount;
import dev.pmgate.support.Sealer;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3.1 end to end: credentials sealed to the key published at {@code /api/v1/credentials/jwks}
 * (ECDH-ES or RSA-OAEP-256 with A256GCM, required exp with 60 s leeway) work for both exchanges over
 * REST and Kafka; every malformed, expired, tampered or foreign JWE is a 400 that reaches no exchange
 * and leaks nothing.
 */
class SealedCredentialsIT extends GatewayIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final List<String> canaries = new ArrayList<>();

    private String jwks() {
        HttpCall.Response r = HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/credentials/jwks")
                .send();
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private KalshiAccount kalshiAccount(KeyFormat format) {
        KalshiAccount a = new KalshiAccount(format);
        KALSHI.registerKey(a.keyId, a.keyPair.getPublic());
        KALSHI.setBalance(a.keyId, new BigDecimal("1000"));
        canaries.addAll(List.of(a.canaries()));
        return a;
    }

    private PolymarketAccount polymarketAccount(boolean withClob) {
        PolymarketAccount a =
                withClob ? PolymarketAccount.withClobCredentials(POLYMARKET) : PolymarketAccount.keyOnly(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), new BigDecimal("1000"));
        canaries.addAll(List.of(a.canaries()));
        return a;
    }

    private static int upstreamCalls() {
        return KALSHI.requests().size() + POLYMARKET.requests().size();
    }

    @AfterEach
    void noSecretLeftAnyTrace() {
        List<String> places = new ArrayList<>(Outputs.all());
        places.add(LOGS.all());
        KALSHI.requests().forEach(r -> places.add(r.dump()));
        for (String canary : canaries) {
            for (String place : places) {
                assertThat(place).as("a secret leaked").doesNotContain(canary);
            }
        }
    }

    @Test
    void theJwksIsPublicAndHoldsOnlyPublicKeys() throws Exception {
        HttpCall.Response anonymous = HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/credentials/jwks")
                .send();
        HttpCall.Response wrongKey = HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/credentials/jwks")
                .header("X-API-Key", "canary-wrong-key-" + UUID.randomUUID())
                .send();
        for (HttpCall.Response r : List.of(anonymous, wrongKey)) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).contains("json");
            assertThat(r.header("X-API-Key")).isNull();
            JsonNode keys = r.json().get("keys");
            assertThat(keys).hasSize(2);
            List<String> types = new ArrayList<>();
            for (JsonNode key : keys) {
                types.add(key.get("kty").asText());
                assertThat(key.get("kid").asText()).isNotBlank();
                for (String part : new String[] {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}) {
                    assertThat(key.has(part))
                            .as("private part %s of %s", part, key.get("kty"))
                            .isFalse();
                }
            }
            assertThat(types).containsExactlyInAnyOrder("EC", "RSA");
        }
        assertThat(wrongKey.body()).doesNotContain("canary-wrong-key");
        // exactly the configured keys, minus their private parts
        assertThat(JWKSet.parse(anonymous.body()).toJSONObject(true))
                .isEqualTo(JWKSet.parse(SEALING_JWKS).toPublicJWKSet().toJSONObject(true));
    }

    @Test
    void sealedKalshiCredentialsWorkWithBothAlgorithms() {
        String jwks = jwks();
        String ticker = "KXSEAL-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        KALSHI.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
        for (JWEAlgorithm alg : List.of(JWEAlgorithm.ECDH_ES, JWEAlgorithm.RSA_OAEP_256)) {
            for (KeyFormat format : List.of(KeyFormat.RSA_PKCS8, KeyFormat.ED25519)) {
                KalshiAccount a = kalshiAccount(format);
                String sealed = Sealer.seal(jwks, a.credentialsJson(), now() + 300, alg);
                HttpCall.Response balance = kalshi("GET", "/balance", sealed, null);
                assertThat(balance.status()).as(balance.body()).isEqualTo(200);
                assertThat(balance.json().get("available").decimalValue()).isEqualByComparingTo("1000");
                HttpCall.Response order = kalshi(
                        "POST",
                        "/orders",
                        sealed,
                        "{\"market_id\":\"" + ticker
                                + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.3,\"size\":1}");
                assertThat(order.status()).as(order.body()).isEqualTo(201);
                assertThat(KALSHI.orders(a.keyId)).hasSize(1);
            }
        }
    }

    @Test
    void sealedPolymarketCredentialsWorkWithAndWithoutClobCredentials() {
        String jwks = jwks();
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        FakePolymarket.Market market = FakePolymarket.Market.binary(
                "0x" + HexFormat.of().formatHex(id),
                new java.math.BigInteger(120, RANDOM).toString(),
                new java.math.BigInteger(120, RANDOM).toString(),
                "0.01",
                false);
        POLYMARKET.addMarket(market);
        for (JWEAlgorithm alg : List.of(JWEAlgorithm.ECDH_ES, JWEAlgorithm.RSA_OAEP_256)) {
            for (boolean withClob : new boolean[] {true, false}) {
                PolymarketAccount a = polymarketAccount(withClob);
                String sealed = Sealer.seal(jwks, a.credentialsJson(), now() + 300, alg);
                HttpCall.Response balance = polymarket("GET", "/balance", sealed, null);
                assertThat(balance.status()).as(balance.body()).isEqualTo(200);
                assertThat(balance.json().get("available").decimalValue()).isEqualByComparingTo("1000");
                HttpCall.Response order = polymarket(
                        "POST",
                        "/orders",
                        sealed,
                        "{\"market_id\":\"" + market.conditionId()
                                + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.4,\"size\":10}");
                assertThat(order.status()).as(order.body()).isEqualTo(201);
                assertThat(POLYMARKET.orders().stream().filter(o -> o.maker().equalsIgnoreCase(a.address())))
                        .hasSize(1);
            }
        }
    }

    @Test
    void expIsEnforcedWithSixtySecondsOfLeeway() {
        String jwks = jwks();
        KalshiAccount a = kalshiAccount(KeyFormat.ED25519);
        for (long age : new long[] {0, 30, 50}) {
            HttpCall.Response r = kalshi(
                    "GET",
                    "/balance",
                    Sealer.seal(jwks, a.credentialsJson(), now() - age, JWEAlgorithm.RSA_OAEP_256),
                    null);
            assertThat(r.status()).as("exp %d s ago: %s", age, r.body()).isEqualTo(200);
        }
        int before = upstreamCalls();
        for (long age : new long[] {75, 3600, now()}) {
            HttpCall.Response r = kalshi(
                    "GET", "/balance", Sealer.seal(jwks, a.credentialsJson(), now() - age, JWEAlgorithm.ECDH_ES), null);
            JsonNode error = assertSpecError(r, 400);
            assertThat(error.get("code").asText()).isEqualTo("invalid_credentials");
            assertThat(error.get("validation_errors").get(0).asText()).startsWith("X-Exchange-Credentials:");
        }
        // exp missing, or not integer unix seconds
        for (String exp : new String[] {null, "\"" + (now() + 300) + "\"", (now() + 300) + ".5", "null", "[1]"}) {
            String plaintext =
                    plaintext(a.credentialsJson()).replaceFirst("\\}$", exp == null ? "}" : ",\"exp\":" + exp + "}");
            JsonNode error = assertSpecError(
                    kalshi("GET", "/balance", Sealer.sealRaw(jwks, plaintext, JWEAlgorithm.ECDH_ES), null), 400);
            assertThat(error.get("code").asText()).isEqualTo("invalid_credentials");
        }
        assertThat(upstreamCalls()).as("nothing reached an exchange").isEqualTo(before);
    }

    @Test
    void tamperedForeignAndWrongAlgorithmJwesAreRefusedWithoutLeakingThePlaintext() throws Exception {
        String jwks = jwks();
        KalshiAccount a = kalshiAccount(KeyFormat.RSA_PKCS1);
        String plaintext = plaintext(withExp(a.credentialsJson(), now() + 300));
        List<String> refused = new ArrayList<>();
        for (JWEAlgorithm alg : List.of(JWEAlgorithm.ECDH_ES, JWEAlgorithm.RSA_OAEP_256)) {
            String[] parts = Sealer.sealRaw(jwks, plaintext, alg).split("\\.");
            for (int part = 0; part < 5; part++) {
                if (parts[part].isEmpty()) {
                    continue;
                }
                String[] tampered = parts.clone();
                byte[] raw = Base64URL.from(parts[part]).decode();
                raw[raw.length / 2] ^= 0x04;
                tampered[part] = Base64URL.encode(raw).toString();
                refused.add(String.join(".", tampered));
                String[] cut = parts.clone();
                cut[part] = parts[part].substring(0, parts[part].length() - 4);
                refused.add(String.join(".", cut));
            }
        }
        JWKSet ours = JWKSet.parse(jwks);
        RSAKey rsa = (RSAKey) ours.getKeys().stream()
                .filter(k -> k instanceof RSAKey)
                .findFirst()
                .orElseThrow();
        ECKey ec = (ECKey) ours.getKeys().stream()
                .filter(k -> k instanceof ECKey)
                .findFirst()
                .orElseThrow();
        byte[] aes = new byte[32];
        RANDOM.nextBytes(aes);
        refused.add(jwe(
                new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).build(),
                plaintext,
                new DirectEncrypter(aes)));
        refused.add(jwe(
                new JWEHeader.Builder(JWEAlgorithm.RSA1_5, EncryptionMethod.A256GCM)
                        .keyID(rsa.getKeyID())
                        .build(),
                plaintext,
                new RSAEncrypter(rsa)));
        refused.add(jwe(
                new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM)
                        .keyID(rsa.getKeyID())
                        .build(),
                plaintext,
                new RSAEncrypter(rsa)));
        refused.add(jwe(
                new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A128CBC_HS256)
                        .keyID(ec.getKeyID())
                        .build(),
                plaintext,
                new ECDHEncrypter(ec)));
        refused.add(jwe(
                new JWEHeader.Builder(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM)
                        .keyID(ec.getKeyID())
                        .build(),
                plaintext,
                new ECDHEncrypter(ec)));
        // sealed to another gateway's keys (with and without our kid)
        JWKSet foreign = SealedCredentials.generateKeys();
        refused.add(Sealer.sealRaw(foreign.toPublicJWKSet().toString(), plaintext, JWEAlgorithm.ECDH_ES));
        refused.add(Sealer.sealRaw(foreign.toPublicJWKSet().toString(), plaintext, JWEAlgorithm.RSA_OAEP_256));
        refused.add(jwe(
                new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                        .keyID(rsa.getKeyID())
                        .build(),
                plaintext,
                new RSAEncrypter((RSAKey) foreign.getKeys().stream()
                        .filter(k -> k instanceof RSAKey)
                        .findFirst()
                        .orElseThrow())));
        // hand-made headers: alg none, no alg, no enc
        String[] real = Sealer.sealRaw(jwks, plaintext, JWEAlgorithm.ECDH_ES).split("\\.");
        for (String header : new String[] {
            "{\"alg\":\"none\",\"enc\":\"A256GCM\"}", "{\"enc\":\"A256GCM\"}", "{\"alg\":\"ECDH-ES\"}", "{}", "[]"
        }) {
            String[] forged = real.clone();
            forged[0] = Base64URL.encode(header).toString();
            refused.add(String.join(".", forged));
        }

        int before = upstreamCalls();
        for (String compact : refused) {
            HttpCall.Response r = kalshi("GET", "/balance", compact, null);
            JsonNode error = assertSpecError(r, 400);
            assertThat(error.get("code").asText()).as(r.body()).isEqualTo("invalid_credentials");
            assertThat(r.body()).doesNotContain(a.keyId).doesNotContain("BEGIN");
            for (String part : compact.split("\\.")) {
                if (part.length() >= 8) {
                    assertThat(r.body()).doesNotContain(part);
                }
            }
        }
        assertThat(upstreamCalls()).as("nothing reached an exchange").isEqualTo(before);
    }

    @Test
    void kafkaAcceptsSealedCredentialsWithEitherAlgorithmAndRefusesBadOnes() throws Exception {
        String jwks = jwks();
        KalshiAccount a = kalshiAccount(KeyFormat.RSA_PKCS8);
        PolymarketAccount p = polymarketAccount(true);
        Map<String, String> outcomes = new LinkedHashMap<>();
        Map<String, String[]> requests = new LinkedHashMap<>();
        requests.put("rsa-" + UUID.randomUUID(), new String[] {
            "kalshi", Sealer.seal(jwks, a.credentialsJson(), now() + 300, JWEAlgorithm.RSA_OAEP_256), "true"
        });
        requests.put("poly-" + UUID.randomUUID(), new String[] {
            "polymarket", Sealer.seal(jwks, p.credentialsJson(), now() + 300, JWEAlgorithm.RSA_OAEP_256), "true"
        });
        requests.put("poly-ec-" + UUID.randomUUID(), new String[] {
            "polymarket", Sealer.seal(jwks, p.credentialsJson(), now() + 300, JWEAlgorithm.ECDH_ES), "true"
        });
        requests.put("expired-" + UUID.randomUUID(), new String[] {
            "kalshi", Sealer.seal(jwks, a.credentialsJson(), now() - 3600, JWEAlgorithm.RSA_OAEP_256), "false"
        });
        String sealed = Sealer.seal(jwks, a.credentialsJson(), now() + 300, JWEAlgorithm.ECDH_ES);
        requests.put("tampered-" + UUID.randomUUID(), new String[] {
            "kalshi", sealed.substring(0, sealed.length() - 3) + (sealed.endsWith("A") ? "BBB" : "AAA"), "false"
        });
        requests.put("foreign-" + UUID.randomUUID(), new String[] {
            "kalshi",
            Sealer.seal(
                    SealedCredentials.generateKeys().toPublicJWKSet().toString(),
                    a.credentialsJson(),
                    now() + 300,
                    JWEAlgorithm.ECDH_ES),
            "false"
        });
        try (KafkaTestClient kafka = new KafkaTestClient(System.getProperty("spring.embedded.kafka.brokers"));
                KafkaTestClient.TopicReader results = kafka.reader("pmgate.results")) {
            requests.forEach((id, r) -> kafka.send(
                    "pmgate.requests",
                    id,
                    "{\"request_id\":\"" + id + "\",\"op\":\"get_balance\",\"exchange\":\"" + r[0] + "\"}",
                    Map.of("X-API-Key", API_KEY, "X-Exchange-Credentials", r[1])));
            for (KafkaTestClient.Record record :
                    results.await(rec -> requests.containsKey(rec.key()), requests.size(), Duration.ofSeconds(30))) {
                assertThat(record.headers()).doesNotContainKeys("X-API-Key", "X-Exchange-Credentials");
                JsonNode result = MAPPER.readTree(record.value());
                String[] r = requests.get(record.key());
                outcomes.put(record.key(), result.toString());
                if (r[2].equals("true")) {
                    assertThat(result.get("ok").asBoolean())
                            .as(result.toString())
                            .isTrue();
                    assertThat(result.get("result").get("available").decimalValue())
                            .isEqualByComparingTo("1000");
                } else {
                    assertThat(result.get("ok").asBoolean())
                            .as(result.toString())
                            .isFalse();
                    assertThat(result.get("status").asInt()).isEqualTo(400);
                    assertThat(result.get("error").get("code").asText()).isEqualTo("invalid_credentials");
                }
                assertThat(record.value()).doesNotContain(r[1].substring(r[1].length() - 30));
            }
        }
        assertThat(outcomes).hasSize(requests.size());
    }

    private static Map<String, Object> withExp(Map<String, Object> credentials, long exp) {
        Map<String, Object> m = new LinkedHashMap<>(credentials);
        m.put("exp", exp);
        return m;
    }

    private static String plaintext(Map<String, Object> json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwe(JWEHeader header, String plaintext, com.nimbusds.jose.JWEEncrypter encrypter)
            throws Exception {
        JWEObject jwe = new JWEObject(header, new Payload(plaintext));
        jwe.encrypt(encrypter);
        return jwe.serialize();
    }
}
