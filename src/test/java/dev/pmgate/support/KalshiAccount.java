package dev.pmgate.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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

    public enum KeyFormat {
        RSA_PKCS1,
        RSA_PKCS8,
        ED25519
    }

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
                case RSA_PKCS1 ->
                    pem(new PemObject(
                            "RSA PRIVATE KEY",
                            PrivateKeyInfo.getInstance(keyPair.getPrivate().getEncoded())
                                    .parsePrivateKey()
                                    .toASN1Primitive()
                                    .getEncoded()));
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

    /**
     * Secret fragments to scan for: pieces of the PEM body taken inside one PEM line (so a verbatim,
     * line-broken leak matches too), the header value, and the tail of the private key's DER in one-line
     * base64. Every piece lies in key-specific bytes (not the constant ASN.1 prefix) for all key types.
     * Each piece is also given percent-encoded ({@code +} and {@code /} become {@code %2B} / {@code %2F}),
     * the shape it takes in a logged URL.
     */
    public String[] canaries() {
        List<String> lines = privateKeyPem
                .lines()
                .filter(l -> !l.startsWith("-----") && !l.isBlank())
                .toList();
        String middle = lines.get(lines.size() / 2);
        String lastFull = lines.get(Math.max(0, lines.size() - 2));
        String der = Base64.getEncoder().encodeToString(keyPair.getPrivate().getEncoded());
        List<String> pieces = List.of(
                middle.substring(middle.length() / 4),
                lastFull.substring(lastFull.length() / 4),
                header().substring(40, 100),
                der.substring(der.length() - 40));
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(pieces);
        pieces.forEach(p -> all.add(java.net.URLEncoder.encode(p, StandardCharsets.UTF_8)));
        return all.toArray(String[]::new);
    }
}
