package dev.pmgate.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A Kalshi test account with a key made fresh for this run: its PEM is a unique canary secret that
 * must never appear anywhere but in the credentials header pmgate receives.
 */
public final class KalshiAccount {

    public enum KeyFormat { RSA_PKCS1, RSA_PKCS8, ED25519 }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final String keyId = UUID.randomUUID().toString();
    public final KeyPair keyPair;
    public final String privateKeyPem;
    public final KeyFormat format;

    public KalshiAccount(KeyFormat format) {
        this.format = format;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(format == KeyFormat.ED25519 ? "Ed25519" : "RSA");
            if (format != KeyFormat.ED25519) {
                generator.initialize(2048);
            }
            keyPair = generator.generateKeyPair();
            privateKeyPem = switch (format) {
                case RSA_PKCS1 -> pem(new PemObject("RSA PRIVATE KEY",
                        PrivateKeyInfo.getInstance(keyPair.getPrivate().getEncoded()).parsePrivateKey()
                                .toASN1Primitive().getEncoded()));
                case RSA_PKCS8, ED25519 -> pem(new JcaPKCS8Generator(keyPair.getPrivate(), null).generate());
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    public Map<String, Object> credentialsJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("api_key_id", keyId);
        json.put("private_key", privateKeyPem);
        return json;
    }

    /** The header value: standard base64 of the credentials JSON. */
    public String header() {
        return encode(credentialsJson());
    }

    public static String encode(Object credentials) {
        try {
            return Base64.getEncoder().encodeToString(MAPPER.writeValueAsBytes(credentials));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Secret fragments to scan for: the base64 body of the PEM and the header value itself. */
    public String[] canaries() {
        String body = privateKeyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        String encoded = new String(Base64.getEncoder().encode(keyPair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        // an Ed25519 PKCS#8 body is only 64 characters: its last 44 carry the seed
        return new String[] {body.substring(20, Math.min(84, body.length())), header().substring(40, 100),
                encoded.substring(Math.min(30, encoded.length() - 40), Math.min(90, encoded.length()))};
    }
}
