package dev.pmgate.kalshi;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;

/**
 * Creates RSASSA-PSS signature objects from one provider chosen at start-up, so no provider lookup
 * happens per request.
 */
public final class RsaSignatureFactory {

    private final Provider provider;

    public RsaSignatureFactory(Provider provider) {
        this.provider = provider;
    }

    /** The JDK's own provider for RSASSA-PSS. */
    public static RsaSignatureFactory jdk() {
        try {
            return new RsaSignatureFactory(Signature.getInstance("RSASSA-PSS").getProvider());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSASSA-PSS provider", e);
        }
    }

    public Signature newPssSignature() throws GeneralSecurityException {
        Signature signature = Signature.getInstance("RSASSA-PSS", provider);
        signature.setParameter(KalshiSigningKey.PSS_SHA256_SALT32);
        return signature;
    }

    public String providerName() {
        return provider.getName();
    }
}
