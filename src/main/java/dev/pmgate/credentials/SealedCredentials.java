package dev.pmgate.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.pmgate.api.CredentialsHeader;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.Json;
import dev.pmgate.security.NativeProviders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sealed credentials (SPEC §3.1): a JWE compact string ({@code ECDH-ES} or {@code RSA-OAEP-256} with
 * {@code A256GCM}) whose plaintext is the credentials JSON plus a required {@code exp}. The private
 * keys come from configuration or are generated in memory at start-up; only public keys leave.
 *
 * <p>Cost (issue 13): opening is paid by every Kafka record. The gateway's own private keys are turned
 * into JCA keys once, here, instead of on every record (they are the gateway's configuration, not a
 * user's secret: SPEC §3's no-cache rule is about user credentials, which are still only ever held for
 * one request). The ECDH-ES agreement runs on the native provider chosen by {@link EcdhProvider} when
 * it passes its self-test (~0.06 ms instead of ~0.8 ms with the JDK's P-256); nimbus' check that the
 * sender's ephemeral key lies on the gateway key's curve still runs before every agreement.
 */
public class SealedCredentials {

    static final long EXP_LEEWAY_SECONDS = 60;
    private static final String FIELD = CredentialsHeader.NAME;
    private static final Set<JWEAlgorithm> ALGORITHMS = Set.of(JWEAlgorithm.ECDH_ES, JWEAlgorithm.RSA_OAEP_256);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SealedCredentials.class);

    /** One gateway key, parsed once: its kid, its JWE algorithm, its JCA private key. */
    private record OpeningKey(String kid, JWEAlgorithm alg, PrivateKey privateKey) {}

    private final JWKSet keys;
    private final Clock clock;
    private final List<OpeningKey> openingKeys;
    private final Provider ecdhProvider;

    public SealedCredentials(JWKSet keys, Clock clock) {
        this(keys, clock, chooseEcdhProvider());
    }

    /** {@code ecdhProvider} null: the JDK's ECDH. */
    SealedCredentials(JWKSet keys, Clock clock, Provider ecdhProvider) {
        List<OpeningKey> parsed = new ArrayList<>();
        for (JWK key : keys.getKeys()) {
            if (!key.isPrivate()) {
                throw new IllegalArgumentException("sealing keys must include their private part");
            }
            try {
                switch (key.getKeyType().getValue()) {
                    case "EC" ->
                        parsed.add(new OpeningKey(
                                key.getKeyID(),
                                JWEAlgorithm.ECDH_ES,
                                key.toECKey().toECPrivateKey()));
                    case "RSA" ->
                        parsed.add(new OpeningKey(
                                key.getKeyID(),
                                JWEAlgorithm.RSA_OAEP_256,
                                key.toRSAKey().toRSAPrivateKey()));
                    default -> {
                        // a key of another type can open nothing pmgate accepts: skipped, as before
                    }
                }
            } catch (JOSEException e) {
                throw new IllegalArgumentException(
                        "sealing key " + key.getKeyID() + " cannot be used: " + e.getMessage(), e);
            }
        }
        this.keys = keys;
        this.clock = clock;
        this.openingKeys = List.copyOf(parsed);
        this.ecdhProvider = ecdhProvider;
    }

    private static Provider chooseEcdhProvider() {
        EcdhProvider.Choice choice = EcdhProvider.choose();
        LOG.info("Sealed credentials: ECDH-ES key agreement uses {}", choice.description());
        return choice.provider();
    }

    /** The provider of the ECDH-ES agreement, for the start-up log and tests ({@code "JDK"} for the default). */
    String ecdhProviderName() {
        return ecdhProvider == null ? "JDK" : ecdhProvider.getName();
    }

    /** Fresh in-memory keys: one EC P-256 (ECDH-ES) and one RSA-2048 (RSA-OAEP-256). */
    public static JWKSet generateKeys() {
        try {
            ECKey ec = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                    .keyUse(KeyUse.ENCRYPTION)
                    .algorithm(JWEAlgorithm.ECDH_ES)
                    .keyIDFromThumbprint(true)
                    .generate();
            KeyPair pair = rsaKeyPair();
            RSAKey rsa = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyUse(KeyUse.ENCRYPTION)
                    .algorithm(JWEAlgorithm.RSA_OAEP_256)
                    .keyIDFromThumbprint()
                    .build();
            return new JWKSet(java.util.List.of(ec, rsa));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate sealing keys", e);
        }
    }

    /**
     * A fresh RSA-2048 pair. Generated by the native provider when it loads (the JDK's pure-Java prime search took
     * 0.2–1 s of start-up, issue 13; the native one ~30 ms), then rebuilt as JDK key objects, so opening
     * RSA-OAEP-256 envelopes runs exactly as with a JDK-generated key. The JDK generates it otherwise.
     */
    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator =
                    KeyPairGenerator.getInstance("RSA", NativeProviders.load(NativeProviders.ACCP));
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            var key = (RSAPrivateCrtKey) pair.getPrivate();
            KeyFactory jdk = KeyFactory.getInstance("RSA", "SunRsaSign");
            return new KeyPair(
                    jdk.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())),
                    jdk.generatePrivate(new RSAPrivateCrtKeySpec(
                            key.getModulus(),
                            key.getPublicExponent(),
                            key.getPrivateExponent(),
                            key.getPrimeP(),
                            key.getPrimeQ(),
                            key.getPrimeExponentP(),
                            key.getPrimeExponentQ(),
                            key.getCrtCoefficient())));
        } catch (GeneralSecurityException | RuntimeException | LinkageError nativeUnusable) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("could not generate an RSA sealing key", e);
            }
        }
    }

    /** The public JWK set published at {@code /api/v1/credentials/jwks}. */
    public Map<String, Object> publicJwks() {
        return keys.toPublicJWKSet().toJSONObject(true);
    }

    static boolean looksSealed(byte[] raw) {
        int dots = 0;
        for (byte b : raw) {
            if (b == '.') {
                dots++;
            }
        }
        return dots == 4;
    }

    /** Returns the plaintext credentials JSON (without {@code exp}); the caller wipes it. */
    public byte[] open(byte[] compact) {
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(new String(compact, StandardCharsets.US_ASCII));
        } catch (ParseException | RuntimeException e) {
            // Nimbus throws NullPointerException (no "enc") and IllegalArgumentException (alg "none") too
            throw GatewayException.invalidCredentials(FIELD, "malformed sealed credentials (JWE compact expected)");
        }
        JWEAlgorithm alg = jwe.getHeader().getAlgorithm();
        if (alg == null
                || !ALGORITHMS.contains(alg)
                || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
            throw GatewayException.invalidCredentials(
                    FIELD, "sealed credentials must use ECDH-ES or RSA-OAEP-256 with A256GCM");
        }
        if (!decryptWithAnyKey(jwe, alg)) {
            throw GatewayException.invalidCredentials(
                    FIELD, "sealed credentials cannot be decrypted with this gateway's keys");
        }
        byte[] plaintext = jwe.getPayload().toBytes();
        try {
            JsonNode node = Json.mapper().readTree(plaintext);
            if (node == null || !node.isObject()) {
                throw GatewayException.invalidCredentials(FIELD, "sealed payload is not a JSON object");
            }
            JsonNode exp = node.get("exp");
            if (exp == null || !exp.canConvertToLong() || !exp.isIntegralNumber()) {
                throw GatewayException.invalidCredentials(FIELD, "sealed credentials need an exp (unix seconds)");
            }
            if (clock.instant().getEpochSecond() - EXP_LEEWAY_SECONDS
                    > exp.longValue()) { // no overflow near Long.MAX_VALUE
                throw GatewayException.invalidCredentials(FIELD, "sealed credentials have expired");
            }
            ((ObjectNode) node).remove("exp");
            return Json.mapper().writeValueAsBytes(node);
        } catch (GatewayException e) {
            throw e;
        } catch (Exception e) {
            throw GatewayException.invalidCredentials(FIELD, "sealed payload is not a JSON object");
        } finally {
            Secrets.wipe(plaintext);
        }
    }

    private boolean decryptWithAnyKey(JWEObject jwe, JWEAlgorithm alg) {
        String kid = jwe.getHeader().getKeyID();
        for (OpeningKey key : openingKeys) {
            if (kid != null && !kid.equals(key.kid())) {
                continue;
            }
            if (key.alg() != alg) {
                continue;
            }
            try {
                // a decrypter per record (they are cheap; nimbus' RSADecrypter keeps per-call state)
                JWEDecrypter decrypter;
                if (alg == JWEAlgorithm.ECDH_ES) {
                    ECDHDecrypter ecdh = new ECDHDecrypter((ECPrivateKey) key.privateKey());
                    if (ecdhProvider != null) {
                        ecdh.getJCAContext().setKeyEncryptionProvider(ecdhProvider);
                    }
                    decrypter = ecdh;
                } else {
                    decrypter = new RSADecrypter(key.privateKey());
                }
                jwe.decrypt(decrypter);
                return true;
            } catch (JOSEException | RuntimeException e) {
                // tampered, or not this key: try the next one
            }
        }
        return false;
    }
}
