package dev.pmgate.kalshi;

import dev.pmgate.security.NativeProviders;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;

/**
 * Loads a native (AWS-LC / OpenSSL backed) JCA provider for RSASSA-PSS, by class name and reflection,
 * so that a build or platform without it (the jar is absent, or its native library does not load on
 * this OS/CPU) is an ordinary, reportable failure rather than a linkage error. The provider object is
 * only ever passed explicitly to {@code getInstance(..., provider)}: it is never installed in the
 * JVM's provider list, so TLS and every other use of JCA keep their providers.
 */
final class NativeRsaProvider {

    /** The provider and the signature algorithm name under which it offers RSASSA-PSS. */
    record Loaded(Provider provider, String pssAlgorithm, boolean takesPssParameters) {}

    private NativeRsaProvider() {}

    /**
     * Loads the provider class {@code className} (exposing a static {@code INSTANCE}, as ACCP does),
     * checks that its native library loaded and that its own self-tests pass, and finds its RSA-PSS
     * signature and RSA key factory services.
     *
     * @throws GeneralSecurityException with the reason, when it is not usable here
     */
    static Loaded load(String className) throws GeneralSecurityException {
        Provider provider = NativeProviders.load(className);
        if (provider.getService("KeyFactory", "RSA") == null) {
            throw new NoSuchAlgorithmException(provider.getName() + " has no RSA KeyFactory");
        }
        if (provider.getService("Signature", "RSASSA-PSS") != null) {
            return new Loaded(provider, "RSASSA-PSS", true);
        }
        // Providers that predate the JDK's "RSASSA-PSS" name (e.g. Conscrypt) default to MGF1 with the
        // same digest and a digest-length (32-byte) salt; the start-up self-test verifies that strictly.
        if (provider.getService("Signature", "SHA256withRSA/PSS") != null) {
            return new Loaded(provider, "SHA256withRSA/PSS", false);
        }
        throw new NoSuchAlgorithmException(provider.getName() + " has no RSA-PSS signature");
    }
}
