package dev.pmgate.kalshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.support.TestData;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;

class KalshiSignerTest {

    private static final JsonNode VECTORS = TestData.json("vectors/kalshi-signing.json");
    private final KalshiKeyParser parser = new KalshiKeyParser(RsaSignatureFactory.jdk());

    @Test
    void rsaSignaturesVerifyForPkcs1AndPkcs8OverThePathWithoutQuery() throws Exception {
        JsonNode rsa = VECTORS.get("rsa");
        PublicKey publicKey = publicKey(rsa.get("public_key_pem").asText());
        for (String field : new String[] {"private_key_pkcs1_pem", "private_key_pkcs8_pem"}) {
            KalshiSession session =
                    new KalshiSession("key-id", parser.parse(rsa.get(field).asText()));
            for (JsonNode c : rsa.get("cases")) {
                long ts = Long.parseLong(c.get("timestamp_ms").asText());
                String method = c.get("method").asText();
                var headers = KalshiSigner.headers(
                        session, ts, method, c.get("path_with_query").asText());
                assertThat(KalshiSigner.preSignText(
                                ts, method, c.get("path_with_query").asText().split("\\?")[0]))
                        .isEqualTo(c.get("signed_text").asText());
                assertThat(headers.get(KalshiSigner.ACCESS_TIMESTAMP))
                        .isEqualTo(c.get("timestamp_ms").asText());
                assertThat(headers.get(KalshiSigner.ACCESS_KEY)).isEqualTo("key-id");
                assertThat(verifyPss(
                                publicKey, c.get("signed_text").asText(), headers.get(KalshiSigner.ACCESS_SIGNATURE)))
                        .as("our signature for %s", c.get("signed_text").asText())
                        .isTrue();
                assertThat(verifyPss(
                                publicKey,
                                c.get("signed_text").asText(),
                                c.get("example_signature_base64").asText()))
                        .as("the official example verifies with the same verifier")
                        .isTrue();
                assertThat(verifyPss(
                                publicKey,
                                c.get("path_with_query").asText(),
                                headers.get(KalshiSigner.ACCESS_SIGNATURE)))
                        .as("the signature must not cover the raw path with query")
                        .isFalse();
            }
            session.close();
        }
    }

    @Test
    void ed25519SignaturesMatchTheVectorsByteForByte() {
        JsonNode ed = VECTORS.get("ed25519");
        KalshiSession session = new KalshiSession(
                "key-id", parser.parse(ed.get("private_key_pkcs8_pem").asText()));
        for (JsonNode c : ed.get("cases")) {
            var headers = KalshiSigner.headers(
                    session,
                    Long.parseLong(c.get("timestamp_ms").asText()),
                    c.get("method").asText(),
                    c.get("path_with_query").asText());
            assertThat(headers.get(KalshiSigner.ACCESS_SIGNATURE))
                    .isEqualTo(c.get("signature_base64").asText());
        }
        assertThat(session.key().algorithm()).isEqualTo("Ed25519");
    }

    @Test
    void acceptsLiteralBackslashNAndCrlfInsidePem() {
        String pem = VECTORS.get("ed25519").get("private_key_pkcs8_pem").asText();
        KalshiSigningKey key = parser.parse(pem.replace("\n", "\\n"));
        KalshiSigningKey crlf = parser.parse(pem.replace("\n", "\r\n"));
        assertThat(key.sign("x")).isEqualTo(crlf.sign("x"));
    }

    @Test
    void refusesGarbageEncryptedEcAndHugeKeysWithoutEchoingThem() throws Exception {
        assertRefused("not a pem at all", "private_key: must be a PEM private key");
        assertRefused("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "private_key: ");
        assertRefused(VECTORS.get("rsa").get("public_key_pem").asText(), "private_key: not a private key PEM");

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        assertRefused(
                pem(new JcaPKCS8Generator(ec.generateKeyPair().getPrivate(), null).generate()),
                "private_key: unsupported key type");

        java.security.PrivateKey rsaKey = new JcaPEMKeyConverter()
                .getPrivateKey(org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(
                        ((org.bouncycastle.openssl.PEMKeyPair) new PEMParser(new StringReader(VECTORS.get("rsa")
                                                .get("private_key_pkcs1_pem")
                                                .asText()))
                                        .readObject())
                                .getPrivateKeyInfo()));
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .setPassword("pw".toCharArray())
                .build();
        assertRefused(pem(new JcaPKCS8Generator(rsaKey, encryptor).generate()), "private_key: encrypted PEM");

        BigInteger huge = new BigInteger(9000, new SecureRandom()).setBit(8999);
        RSAPrivateKey fake = new RSAPrivateKey(
                huge,
                BigInteger.valueOf(65537),
                huge.shiftRight(1),
                huge.shiftRight(4500),
                huge.shiftRight(4501),
                BigInteger.TEN,
                BigInteger.TEN,
                BigInteger.TEN);
        assertRefused(
                pem(new PemObject("RSA PRIVATE KEY", fake.getEncoded())), "private_key: RSA keys larger than 8192");
    }

    private void assertRefused(String pem, String expectedProblem) {
        assertThatThrownBy(() -> parser.parse(pem)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
            assertThat(e.validationErrors()).singleElement().asString().startsWith(expectedProblem);
            assertThat(e.getMessage()).doesNotContain("BEGIN");
        });
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static PublicKey publicKey(String pem) throws Exception {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            return new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) p.readObject());
        }
    }

    private static boolean verifyPss(PublicKey key, String text, String base64) throws Exception {
        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(KalshiSigningKey.PSS_SHA256_SALT32);
        verifier.initVerify(key);
        verifier.update(text.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(base64));
    }
}
