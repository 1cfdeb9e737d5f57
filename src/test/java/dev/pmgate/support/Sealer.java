package dev.pmgate.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** Seals credentials to the gateway's published JWKS, as a client would. */
public final class Sealer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Sealer() {}

    /** Seals an arbitrary plaintext (not necessarily JSON, with or without exp) to the first key of the right type. */
    public static String sealRaw(String jwksJson, String plaintext, JWEAlgorithm alg) {
        try {
            JWKSet set = JWKSet.parse(jwksJson);
            String kty = alg == JWEAlgorithm.ECDH_ES ? "EC" : "RSA";
            JWK key = set.getKeys().stream()
                    .filter(k -> k.getKeyType().getValue().equals(kty))
                    .findFirst()
                    .orElseThrow();
            JWEObject jwe = new JWEObject(
                    new JWEHeader.Builder(alg, EncryptionMethod.A256GCM)
                            .keyID(key.getKeyID())
                            .build(),
                    new Payload(plaintext.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            jwe.encrypt(
                    alg == JWEAlgorithm.ECDH_ES ? new ECDHEncrypter(key.toECKey()) : new RSAEncrypter(key.toRSAKey()));
            return jwe.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String seal(String jwksJson, Map<String, Object> credentials, long exp, JWEAlgorithm alg) {
        try {
            JWKSet set = JWKSet.parse(jwksJson);
            Map<String, Object> payload = new LinkedHashMap<>(credentials);
            payload.put("exp", exp);
            String kty = alg == JWEAlgorithm.ECDH_ES ? "EC" : "RSA";
            JWK key = set.getKeys().stream()
                    .filter(k -> k.getKeyType().getValue().equals(kty))
                    .findFirst()
                    .orElseThrow();
            JWEObject jwe = new JWEObject(
                    new JWEHeader.Builder(alg, EncryptionMethod.A256GCM)
                            .keyID(key.getKeyID())
                            .build(),
                    new Payload(MAPPER.writeValueAsString(payload)));
            jwe.encrypt(
                    alg == JWEAlgorithm.ECDH_ES ? new ECDHEncrypter(key.toECKey()) : new RSAEncrypter(key.toRSAKey()));
            return jwe.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
