package dev.pmgate.kalshi;

import dev.pmgate.security.NativeProviders;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32) signature objects from one provider chosen at
 * start-up, so no provider lookup happens per request.
 *
 * <p>{@link #select(String)} prefers a native provider (Amazon Corretto Crypto Provider, about twice
 * the JDK's RSA-2048 signing rate) and falls back to the JDK's provider, with a warning, where it does
 * not load or fails its self-test. The native provider is passed explicitly and never registered in
 * the JVM's provider list. Each {@code sign} creates a fresh {@link Signature}: a pooled or
 * thread-local one would keep a reference to the last caller's private key after its request.
 */
public final class RsaSignatureFactory {

    /** Configuration key (env {@code PMGATE_KALSHI_RSA_PROVIDER}): {@code auto} (default), {@code native}, {@code jdk}. */
    public static final String PROPERTY = "pmgate.kalshi.rsa-provider";

    private static final Logger LOG = LoggerFactory.getLogger(RsaSignatureFactory.class);
    private static final byte[] SELF_TEST_MESSAGE =
            "pmgate RSA-PSS provider self-test".getBytes(StandardCharsets.UTF_8);
    /** One load and self-test per native provider class per JVM: the outcome (factory or reason) is not a secret. */
    private static final Map<String, Object> NATIVE_OUTCOMES = new ConcurrentHashMap<>();

    public enum Choice {
        /** The native provider when it loads and passes its self-test, else the JDK's (logged). */
        AUTO,
        /** The native provider or a start-up failure. */
        NATIVE,
        /** The JDK's provider only. */
        JDK;

        public static Choice parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + " must be auto, native or jdk");
            }
        }
    }

    private final Provider provider;
    private final String algorithm;
    private final boolean setPssParameters;
    private final boolean convertKeys;
    private final String description;

    private RsaSignatureFactory(
            Provider provider, String algorithm, boolean setPssParameters, boolean convertKeys, String description) {
        this.provider = provider;
        this.algorithm = algorithm;
        this.setPssParameters = setPssParameters;
        this.convertKeys = convertKeys;
        this.description = description;
    }

    /** A factory over {@code provider}'s {@code RSASSA-PSS}; keys are used as parsed. */
    public RsaSignatureFactory(Provider provider) {
        this(provider, "RSASSA-PSS", true, false, provider.getName() + " " + provider.getVersionStr());
    }

    /** The JDK's own provider for RSASSA-PSS (SunRsaSign). */
    public static RsaSignatureFactory jdk() {
        return new RsaSignatureFactory(jdkProvider());
    }

    /** The factory for a configured choice ({@code auto}, {@code native}, {@code jdk}), logging the outcome. */
    public static RsaSignatureFactory select(String choice) {
        return select(Choice.parse(choice), NativeProviders.ACCP);
    }

    /**
     * As {@link #select(String)}, with the native provider's class name given: tests name a class that
     * does not exist to take the path of a platform without the native provider.
     */
    static RsaSignatureFactory select(Choice choice, String nativeProviderClass) {
        if (choice == Choice.JDK) {
            RsaSignatureFactory jdk = jdk();
            LOG.info("Kalshi RSA-PSS signing uses the JDK provider {} ({}=jdk)", jdk.description, PROPERTY);
            return jdk;
        }
        long started = System.nanoTime();
        Object outcome = NATIVE_OUTCOMES.computeIfAbsent(nativeProviderClass, RsaSignatureFactory::loadNative);
        if (outcome instanceof RsaSignatureFactory nativeFactory) {
            LOG.info(
                    "Kalshi RSA-PSS signing uses the native provider {} ({}; loaded and self-tested in {} ms)",
                    nativeFactory.description,
                    nativeFactory.algorithm,
                    (System.nanoTime() - started) / 1_000_000);
            return nativeFactory;
        }
        String reason = (String) outcome;
        if (choice == Choice.NATIVE) {
            throw new IllegalStateException(PROPERTY + "=native but the native RSA provider is unusable: " + reason);
        }
        RsaSignatureFactory jdk = jdk();
        LOG.warn(
                "Native RSA provider unavailable ({}); Kalshi RSA-PSS signing falls back to the JDK provider {}",
                reason,
                jdk.description);
        return jdk;
    }

    /** A self-tested native factory, or the reason (text) it is unusable. */
    private static Object loadNative(String className) {
        try {
            NativeRsaProvider.Loaded loaded = NativeRsaProvider.load(className);
            Provider p = loaded.provider();
            RsaSignatureFactory factory = new RsaSignatureFactory(
                    p, loaded.pssAlgorithm(), loaded.takesPssParameters(), true, p.getName() + " " + p.getVersionStr());
            factory.selfTest();
            return factory;
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return NativeProviders.describe(e);
        }
    }

    /**
     * Signs with a fresh 2048-bit key through the request path (JDK-parsed key, {@link #prepare},
     * {@link #newPssSignature}) and checks the signature with the JDK's strict salt-32 verifier.
     */
    void selfTest() throws GeneralSecurityException {
        KeyPairGenerator generator = provider.getService("KeyPairGenerator", "RSA") != null
                ? KeyPairGenerator.getInstance("RSA", provider)
                : KeyPairGenerator.getInstance("RSA", jdkProvider());
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        KeyFactory jdkKeys = KeyFactory.getInstance("RSA", jdkProvider());
        byte[] encoded = pair.getPrivate().getEncoded();
        PrivateKey parsed;
        try {
            parsed = jdkKeys.generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
        PublicKey publicKey =
                jdkKeys.generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
        Signature signer = newPssSignature();
        signer.initSign(prepare(parsed));
        signer.update(SELF_TEST_MESSAGE);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("RSASSA-PSS", jdkProvider());
        verifier.setParameter(KalshiSigningKey.PSS_SHA256_SALT32);
        verifier.initVerify(publicKey);
        verifier.update(SELF_TEST_MESSAGE);
        if (!verifier.verify(signature)) {
            throw new SignatureException("self-test signature is not RSASSA-PSS SHA-256/MGF1-SHA-256/salt 32");
        }
        if (convertKeys && parsed instanceof RSAPrivateCrtKey crt) {
            refusesInconsistentKey(crt);
        }
    }

    /**
     * {@link #prepare} skips the provider's import-time consistency check, relying on the provider to
     * verify each CRT result before releasing it. Proven here, at start-up: a key whose CRT coefficient
     * is off by one must not sign.
     */
    private void refusesInconsistentKey(RSAPrivateCrtKey real) throws GeneralSecurityException {
        PrivateKey tampered = KeyFactory.getInstance("RSA", provider)
                .generatePrivate(new RSAPrivateCrtKeySpec(
                        real.getModulus(),
                        real.getPublicExponent(),
                        real.getPrivateExponent(),
                        real.getPrimeP(),
                        real.getPrimeQ(),
                        real.getPrimeExponentP(),
                        real.getPrimeExponentQ(),
                        real.getCrtCoefficient().add(BigInteger.ONE)));
        boolean signed;
        try {
            Signature signer = newPssSignature();
            signer.initSign(tampered);
            signer.update(SELF_TEST_MESSAGE);
            signer.sign();
            signed = true;
        } catch (GeneralSecurityException | RuntimeException expected) {
            signed = false;
        }
        if (signed) {
            throw new SignatureException("provider signs with an inconsistent CRT key (no result verification)");
        }
    }

    /** A new RSA-PSS signature object with the Kalshi parameters, from the chosen provider. */
    public Signature newPssSignature() throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm, provider);
        if (setPssParameters) {
            signature.setParameter(KalshiSigningKey.PSS_SHA256_SALT32);
        }
        return signature;
    }

    /**
     * The parsed key in the form the chosen provider signs fastest: for the native provider a key of
     * its own (it would otherwise convert the key on every {@code initSign}); for the JDK the key itself.
     *
     * <p>A CRT key goes in through its numbers ({@link RSAPrivateCrtKeySpec}): the native provider then
     * skips the full key-consistency check that its PKCS#8 parser always runs (about 0.2 ms of the
     * ~0.25 ms import of a 2048-bit key). That check is redundant for signing: AWS-LC verifies every
     * CRT result with the public exponent before releasing it, so a key with inconsistent values signs
     * nothing (no faulty signature can leak a factor) and fails at {@link KalshiSigningKey#sign} instead,
     * where {@link #isKeyFailure} turns it into the caller's error. A key without CRT values keeps the
     * PKCS#8 path, whose temporary encoding is zeroed.
     */
    public PrivateKey prepare(PrivateKey key) throws GeneralSecurityException {
        if (!convertKeys) {
            return key;
        }
        if (key instanceof RSAPrivateCrtKey crt && complete(crt)) {
            return KeyFactory.getInstance("RSA", provider)
                    .generatePrivate(new RSAPrivateCrtKeySpec(
                            crt.getModulus(),
                            crt.getPublicExponent(),
                            crt.getPrivateExponent(),
                            crt.getPrimeP(),
                            crt.getPrimeQ(),
                            crt.getPrimeExponentP(),
                            crt.getPrimeExponentQ(),
                            crt.getCrtCoefficient()));
        }
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new InvalidKeyException("RSA key without a PKCS#8 encoding");
        }
        try {
            return KeyFactory.getInstance("RSA", provider).generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** Every CRT value present and positive (the JDK may carry zeros for a key given without them). */
    private static boolean complete(RSAPrivateCrtKey k) {
        return positive(k.getModulus())
                && positive(k.getPublicExponent())
                && positive(k.getPrivateExponent())
                && positive(k.getPrimeP())
                && positive(k.getPrimeQ())
                && positive(k.getPrimeExponentP())
                && positive(k.getPrimeExponentQ())
                && positive(k.getCrtCoefficient());
    }

    private static boolean positive(BigInteger value) {
        return value != null && value.signum() > 0;
    }

    /**
     * True when {@code failure}, thrown while signing with a key from {@link #prepare}, is the native
     * provider refusing the key itself (its unchecked crypto exception: an inconsistent key fails the
     * provider's verification of its own CRT result), not a fault of pmgate.
     */
    public boolean isKeyFailure(RuntimeException failure) {
        return convertKeys
                && failure.getClass().getName().startsWith(provider.getClass().getPackageName() + ".");
    }

    public String providerName() {
        return provider.getName();
    }

    /** Provider name, version and algorithm, for logs and benchmarks. */
    public String description() {
        return description;
    }

    /** True when signing goes through the native provider. */
    public boolean isNative() {
        return convertKeys;
    }

    private static Provider jdkProvider() {
        Provider sun = Security.getProvider("SunRsaSign");
        if (sun != null) {
            return sun;
        }
        try {
            return Signature.getInstance("RSASSA-PSS").getProvider();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no RSASSA-PSS provider", e);
        }
    }
}
