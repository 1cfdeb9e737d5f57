package dev.pmgate.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.AESEncrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SPEC §3.1 at unit level: what {@link SealedCredentials#open} accepts and refuses, without leaking the plaintext. */
class SealedCredentialsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long NOW = 1_800_000_000L;
    private static final JWKSet KEYS = SealedCredentials.generateKeys();
    private static final JWKSet OTHER_KEYS = SealedCredentials.generateKeys();
    private static final SealedCredentials SEALED =
            new SealedCredentials(KEYS, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    /** A secret that must never show up in an error: it stands for the private key inside the plaintext. */
    private static final String CANARY = "canary-sealed-" + UUID.randomUUID();

    private static ECKey ec(JWKSet set) {
        return (ECKey) set.getKeys().stream()
                .filter(k -> k instanceof ECKey)
                .findFirst()
                .orElseThrow();
    }

    private static RSAKey rsa(JWKSet set) {
        return (RSAKey) set.getKeys().stream()
                .filter(k -> k instanceof RSAKey)
                .findFirst()
                .orElseThrow();
    }

    private static String payload(Object exp) {
        return "{\"api_key_id\":\"key-1\",\"private_key\":\"" + CANARY + "\"" + (exp == null ? "" : ",\"exp\":" + exp)
                + "}";
    }

    private static String seal(JWEAlgorithm alg, EncryptionMethod enc, JWK key, String kid, String plaintext) {
        try {
            JWEEncrypter encrypter = key instanceof ECKey e
                    ? new ECDHEncrypter(e.toECPublicKey())
                    : new RSAEncrypter(((RSAKey) key).toRSAPublicKey());
            JWEObject jwe =
                    new JWEObject(new JWEHeader.Builder(alg, enc).keyID(kid).build(), new Payload(plaintext));
            jwe.encrypt(encrypter);
            return jwe.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ecdh(String plaintext) {
        return seal(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM, ec(KEYS), ec(KEYS).getKeyID(), plaintext);
    }

    private static String rsaOaep(String plaintext) {
        return seal(
                JWEAlgorithm.RSA_OAEP_256,
                EncryptionMethod.A256GCM,
                rsa(KEYS),
                rsa(KEYS).getKeyID(),
                plaintext);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static JsonNode open(String compact) throws Exception {
        byte[] json = SEALED.open(bytes(compact));
        try {
            return MAPPER.readTree(json);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    /** Refused as invalid_credentials naming the header, with neither the plaintext nor the JWE in the error. */
    private static void assertRefused(String compact) {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> SEALED.open(bytes(compact)));
        assertThat(e)
                .as("refused: %s", compact.length() > 80 ? compact.substring(0, 80) : compact)
                .isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(e.validationErrors()).singleElement().asString().startsWith("X-Exchange-Credentials: ");
        String said = e.getMessage() + e.validationErrors();
        assertThat(said).doesNotContain(CANARY, "key-1");
        for (String part : compact.split("\\.")) {
            if (part.length() >= 8) {
                assertThat(said).doesNotContain(part);
            }
        }
    }

    @Test
    void theGeneratedRsaSealingKeyIsAConsistent2048BitJdkKey() throws Exception {
        RSAKey key = rsa(KEYS);
        var priv = (java.security.interfaces.RSAPrivateCrtKey) key.toRSAPrivateKey();
        assertThat(priv.getModulus().bitLength()).isEqualTo(2048);
        assertThat(priv.getPrimeP().multiply(priv.getPrimeQ())).isEqualTo(priv.getModulus());
        assertThat(priv.getClass().getName())
                .as("a JDK key object, whoever generated it")
                .startsWith("sun.security.");
        assertThat(rsa(OTHER_KEYS).getModulus()).isNotEqualTo(key.getModulus());
    }

    @Test
    void bothAlgorithmsOpenAndExpIsRemovedFromThePlaintext() throws Exception {
        for (String compact : new String[] {ecdh(payload(NOW + 300)), rsaOaep(payload(NOW + 300))}) {
            assertThat(SealedCredentials.looksSealed(bytes(compact))).isTrue();
            JsonNode json = open(compact);
            assertThat(json.get("api_key_id").asText()).isEqualTo("key-1");
            assertThat(json.get("private_key").asText()).isEqualTo(CANARY);
            assertThat(json.has("exp")).isFalse();
        }
    }

    @Test
    void aJweWithoutKidIsTriedAgainstEveryKey() throws Exception {
        assertThat(open(seal(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM, ec(KEYS), null, payload(NOW)))
                        .size())
                .isEqualTo(2);
        assertThat(open(seal(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM, rsa(KEYS), null, payload(NOW)))
                        .size())
                .isEqualTo(2);
    }

    @Test
    void expIsEnforcedWithSixtySecondsOfLeeway() throws Exception {
        assertThat(open(ecdh(payload(NOW))).size()).isEqualTo(2);
        assertThat(open(ecdh(payload(NOW - 59))).size()).isEqualTo(2);
        assertThat(open(rsaOaep(payload(NOW - 60))).size()).isEqualTo(2);
        assertRefused(ecdh(payload(NOW - 61)));
        assertRefused(rsaOaep(payload(NOW - 3600)));
        assertRefused(ecdh(payload(0)));
        assertRefused(ecdh(payload(-1)));
        // the comparison does not overflow: a far-future exp is consistently in the future
        assertThat(open(ecdh(payload(Long.MAX_VALUE))).size()).isEqualTo(2);
        assertThat(open(ecdh(payload(Long.MAX_VALUE - 30))).size()).isEqualTo(2);
    }

    @Test
    void expIsRequiredAndMustBeIntegerUnixSeconds() {
        for (Object exp : new Object[] {
            null,
            "\"" + (NOW + 300) + "\"",
            (NOW + 300) + ".5",
            "1e12",
            "null",
            "true",
            "[" + (NOW + 300) + "]",
            "{}",
            "99999999999999999999999",
            Long.MIN_VALUE
        }) {
            assertRefused(ecdh(payload(exp)));
        }
    }

    @Test
    void thePlaintextMustBeOneStrictJsonObject() {
        long exp = NOW + 300;
        for (String plaintext : new String[] {
            "",
            "null",
            "[]",
            "\"" + CANARY + "\"",
            "{\"exp\":" + exp + ",",
            "{\"exp\":" + exp + ",\"private_key\":\"" + CANARY + "\",\"private_key\":\"x\"}",
            "{\"exp\":" + exp + ",\"exp\":" + exp + "}",
            "[".repeat(1000) + "]".repeat(1000),
            "{\"exp\":" + exp + ",\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}",
            "{\"exp\":" + exp + ",\"private_key\":\"" + CANARY + "\"} trailing"
        }) {
            assertRefused(ecdh(plaintext));
        }
    }

    @Test
    void tamperedCiphertextTagIvKeyOrHeaderIsRefused() {
        for (String compact : new String[] {ecdh(payload(NOW + 300)), rsaOaep(payload(NOW + 300))}) {
            String[] parts = compact.split("\\.");
            for (int part = 0; part < 5; part++) {
                if (parts[part].isEmpty()) {
                    continue; // ECDH-ES has no encrypted key
                }
                String[] tampered = parts.clone();
                tampered[part] = flipOneBit(parts[part]);
                assertRefused(String.join(".", tampered));
                String[] truncated = parts.clone();
                truncated[part] = parts[part].substring(0, parts[part].length() / 2);
                assertRefused(String.join(".", truncated));
                String[] emptied = parts.clone();
                emptied[part] = "";
                assertRefused(String.join(".", emptied));
            }
            // a different but well-formed protected header (same alg/enc) breaks the AAD
            String[] extraHeader = parts.clone();
            JsonNode header = readJson(Base64URL.from(parts[0]).decodeToString());
            ((com.fasterxml.jackson.databind.node.ObjectNode) header).put("x", "y");
            extraHeader[0] = Base64URL.encode(header.toString()).toString();
            assertRefused(String.join(".", extraHeader));
            // swapping ciphertexts between two sealings of the same key does not open either
            String[] other = ecdh(payload(NOW + 301)).split("\\.");
            String[] mixed = parts.clone();
            mixed[3] = other[3];
            assertRefused(String.join(".", mixed));
        }
    }

    @Test
    void otherAlgorithmsAndEncryptionsAreRefused() throws Exception {
        String plaintext = payload(NOW + 300);
        byte[] aes = new byte[32];
        new SecureRandom().nextBytes(aes);
        assertRefused(jwe(
                new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).build(),
                plaintext,
                new DirectEncrypter(aes)));
        assertRefused(jwe(
                new JWEHeader.Builder(JWEAlgorithm.A256KW, EncryptionMethod.A256GCM).build(),
                plaintext,
                new AESEncrypter(aes)));
        assertRefused(jwe(
                new JWEHeader.Builder(JWEAlgorithm.RSA1_5, EncryptionMethod.A256GCM).build(),
                plaintext,
                new RSAEncrypter(rsa(KEYS).toRSAPublicKey())));
        assertRefused(jwe(
                new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP, EncryptionMethod.A256GCM).build(),
                plaintext,
                new RSAEncrypter(rsa(KEYS).toRSAPublicKey())));
        assertRefused(jwe(
                new JWEHeader.Builder(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM).build(),
                plaintext,
                new ECDHEncrypter(ec(KEYS).toECPublicKey())));
        for (EncryptionMethod enc : new EncryptionMethod[] {
            EncryptionMethod.A128GCM,
            EncryptionMethod.A192GCM,
            EncryptionMethod.A256CBC_HS512,
            EncryptionMethod.A128CBC_HS256
        }) {
            assertRefused(seal(JWEAlgorithm.ECDH_ES, enc, ec(KEYS), ec(KEYS).getKeyID(), plaintext));
            assertRefused(
                    seal(JWEAlgorithm.RSA_OAEP_256, enc, rsa(KEYS), rsa(KEYS).getKeyID(), plaintext));
        }
        // hand-made headers: alg none, unknown alg, no enc, not JSON
        String[] real = ecdh(plaintext).split("\\.");
        for (String header : new String[] {
            "{\"alg\":\"none\",\"enc\":\"A256GCM\"}",
            "{\"alg\":\"ECDH-ES\"}",
            "{\"alg\":\"HS256\",\"enc\":\"A256GCM\"}",
            "{\"alg\":\"ECDH-ES\",\"enc\":\"A256GCM\",\"zip\":\"BOMB\"}",
            "{\"enc\":\"A256GCM\"}",
            "not json",
            "{\"alg\":\"ECDH-ES\",\"enc\":\"A256GCM\",\"epk\":\"x\"}",
            "{\"alg\":\"ECDH-ES\",\"enc\":\"A256GCM\",\"crit\":[\"exp\"],\"exp\":1}"
        }) {
            String[] forged = real.clone();
            forged[0] = Base64URL.encode(header).toString();
            assertRefused(String.join(".", forged));
        }
    }

    @Test
    void aJweSealedToAnotherKeyIsRefusedWithOrWithoutAMatchingKid() {
        String plaintext = payload(NOW + 300);
        assertRefused(seal(
                JWEAlgorithm.ECDH_ES,
                EncryptionMethod.A256GCM,
                ec(OTHER_KEYS),
                ec(OTHER_KEYS).getKeyID(),
                plaintext));
        assertRefused(seal(
                JWEAlgorithm.RSA_OAEP_256,
                EncryptionMethod.A256GCM,
                rsa(OTHER_KEYS),
                rsa(OTHER_KEYS).getKeyID(),
                plaintext));
        assertRefused(seal(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM, ec(OTHER_KEYS), null, plaintext));
        assertRefused(seal(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM, rsa(OTHER_KEYS), null, plaintext));
        // our kid on a JWE made for another key
        assertRefused(
                seal(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM, ec(OTHER_KEYS), ec(KEYS).getKeyID(), plaintext));
        assertRefused(seal(
                JWEAlgorithm.RSA_OAEP_256,
                EncryptionMethod.A256GCM,
                rsa(OTHER_KEYS),
                rsa(KEYS).getKeyID(),
                plaintext));
        // the EC kid on an RSA-OAEP JWE (and vice versa)
        assertRefused(
                seal(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM, rsa(KEYS), ec(KEYS).getKeyID(), plaintext));
        assertRefused(seal(
                JWEAlgorithm.ECDH_ES,
                EncryptionMethod.A256GCM,
                ec(KEYS),
                rsa(KEYS).getKeyID(),
                plaintext));
    }

    @Test
    void anEphemeralKeyOffTheCurveOrOnAnotherCurveIsRefused() throws Exception {
        String plaintext = payload(NOW + 300);
        ECKey p384 = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_384).generate();
        String[] real = ecdh(plaintext).split("\\.");
        com.fasterxml.jackson.databind.node.ObjectNode header = (com.fasterxml.jackson.databind.node.ObjectNode)
                readJson(Base64URL.from(real[0]).decodeToString());
        com.fasterxml.jackson.databind.node.ObjectNode epk =
                (com.fasterxml.jackson.databind.node.ObjectNode) header.get("epk");
        com.fasterxml.jackson.databind.node.ObjectNode offCurve = epk.deepCopy();
        byte[] y = Base64URL.from(epk.get("y").asText()).decode();
        y[y.length - 1] ^= 1;
        offCurve.put("y", Base64URL.encode(y).toString());
        header.set("epk", offCurve);
        String[] forged = real.clone();
        forged[0] = Base64URL.encode(header.toString()).toString();
        assertRefused(String.join(".", forged));
        header.set("epk", readJson(p384.toPublicJWK().toJSONString()));
        forged[0] = Base64URL.encode(header.toString()).toString();
        assertRefused(String.join(".", forged));
    }

    @Test
    void garbageThatMerelyLooksSealedIsRefused() {
        for (String s : new String[] {
            "....",
            "a.b.c.d.e",
            "!!!.@@@.###.$$$.%%%",
            "\u200b.\u200b.\u200b.\u200b.\u200b",
            "eyJhbGciOiJFQ0RILUVTIn0....",
            "eyJ9....",
            "e30.e30.e30.e30.e30"
        }) {
            assertThat(SealedCredentials.looksSealed(s.getBytes(StandardCharsets.UTF_8)))
                    .isTrue();
            GatewayException e =
                    catchThrowableOfType(GatewayException.class, () -> SEALED.open(s.getBytes(StandardCharsets.UTF_8)));
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        }
        assertThat(SealedCredentials.looksSealed(bytes("a.b.c.d"))).isFalse();
        assertThat(SealedCredentials.looksSealed(bytes("a.b.c.d.e.f"))).isFalse();
    }

    @Test
    void thePublishedJwksHasNoPrivateParts() {
        Map<String, Object> jwks = SEALED.publicJwks();
        String json = writeJson(jwks);
        assertThat(json).contains("\"kty\":\"EC\"", "\"kty\":\"RSA\"", "\"kid\"");
        for (String part : new String[] {"\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"oth\"", "\"k\""}) {
            assertThat(json).doesNotContain(part);
        }
        assertThatThrownBy(() -> new SealedCredentials(KEYS.toPublicJWKSet(), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String jwe(JWEHeader header, String plaintext, JWEEncrypter encrypter) throws Exception {
        JWEObject jwe = new JWEObject(header, new Payload(plaintext));
        jwe.encrypt(encrypter);
        return jwe.serialize();
    }

    private static String flipOneBit(String base64url) {
        byte[] raw = Base64URL.from(base64url).decode();
        if (raw.length == 0) {
            return base64url + "A";
        }
        raw[raw.length / 2] ^= 0x01;
        return Base64URL.encode(raw).toString();
    }

    private static String writeJson(Object o) {
        try {
            return dev.pmgate.api.Json.mapper().writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
