package dev.pmgate.credentials;

import dev.pmgate.security.NativeProviders;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * Chooses the JCA provider for the ECDH key agreement of sealed credentials (ECDH-ES on P-256).
 *
 * <p>Why: the JDK 17 P-256 ECDH is pure Java and costs ~0.8 ms of CPU per agreement; it was most of
 * the cost of opening one Kafka record's sealed credentials (1.4–1.7 ms in the gateway benchmark).
 * Amazon Corretto Crypto Provider (AWS-LC, already on the class path for Kalshi RSA-PSS) does the same
 * agreement natively in ~0.06 ms.
 *
 * <p>The provider is loaded by class name and reflection and only ever handed to one
 * {@code KeyAgreement.getInstance(…, provider)} call path (nimbus' key-encryption provider); it is
 * never installed in the JVM's provider list. Before it is used it must (1) report its native library
 * loaded and healthy, (2) agree with the JDK on the shared secret of a fresh key pair, and (3) refuse a
 * public point that is not on P-256 (invalid-curve attacks). Nimbus checks the ephemeral key is on the
 * private key's curve before every agreement whichever provider is used; (3) makes sure the provider
 * would refuse such a point too. Any failure falls back to the JDK, with the reason logged.
 */
final class EcdhProvider {

    /** The chosen provider ({@code null}: the JDK's default) and a description for the start-up log. */
    record Choice(Provider provider, String description) {}

    private EcdhProvider() {}

    static Choice choose() {
        try {
            Provider provider = load(NativeProviders.ACCP);
            selfTest(provider);
            return new Choice(
                    provider,
                    "the native provider " + provider.getName() + " " + provider.getVersionStr()
                            + " (self-tested against the JDK)");
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return new Choice(null, "the JDK (native provider not usable: " + NativeProviders.describe(e) + ")");
        }
    }

    static Provider load(String className) throws GeneralSecurityException {
        Provider provider = NativeProviders.load(className);
        if (provider.getService("KeyAgreement", "ECDH") == null) {
            throw new GeneralSecurityException(provider.getName() + " has no ECDH key agreement");
        }
        return provider;
    }

    /** Same secret as the JDK on a fresh P-256 pair, and an off-curve point refused. */
    static void selfTest(Provider provider) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ours = generator.generateKeyPair();
        KeyPair theirs = generator.generateKeyPair();
        byte[] expected = agree(null, ours.getPrivate(), theirs.getPublic());
        byte[] actual = agree(provider, ours.getPrivate(), theirs.getPublic());
        try {
            if (!Arrays.equals(expected, actual)) {
                throw new GeneralSecurityException("ECDH result differs from the JDK's");
            }
        } finally {
            Arrays.fill(expected, (byte) 0);
            Arrays.fill(actual, (byte) 0);
        }
        ECPublicKey good = (ECPublicKey) theirs.getPublic();
        ECPoint w = good.getW();
        PublicKey offCurve = KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(
                        new ECPoint(w.getAffineX(), w.getAffineY().add(BigInteger.ONE)), good.getParams()));
        byte[] leaked;
        try {
            leaked = agree(provider, ours.getPrivate(), offCurve);
        } catch (GeneralSecurityException | RuntimeException refused) {
            return; // what we want
        }
        Arrays.fill(leaked, (byte) 0);
        throw new GeneralSecurityException("accepts a public point that is not on P-256");
    }

    private static byte[] agree(Provider provider, PrivateKey privateKey, PublicKey publicKey)
            throws GeneralSecurityException {
        KeyAgreement agreement =
                provider == null ? KeyAgreement.getInstance("ECDH") : KeyAgreement.getInstance("ECDH", provider);
        agreement.init(privateKey);
        agreement.doPhase(publicKey, true);
        return agreement.generateSecret();
    }
}
