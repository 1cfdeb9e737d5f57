package dev.pmgate.kalshi;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * Stand-ins for native providers, shaped like ACCP (a static {@code INSTANCE}, optional
 * {@code getLoadingError()}), that delegate to the JDK: one offering RSA-PSS only under the older name
 * {@code SHA256withRSA/PSS}, one doing so with the wrong salt length, and one whose native library
 * "did not load".
 */
public final class TestRsaProviders {

    private TestRsaProviders() {}

    /** {@code SHA256withRSA/PSS} with a digest-length salt, as Conscrypt names it. */
    public static final class AlternateName extends Provider {
        public static final AlternateName INSTANCE = new AlternateName();

        private AlternateName() {
            super("TestAlternateNamePss", "1.0", "test");
            putService(new Service(this, "Signature", "SHA256withRSA/PSS", Salt32.class.getName(), null, null));
            putService(new Service(this, "KeyFactory", "RSA", JdkRsaKeys.class.getName(), null, null));
        }
    }

    /** Offers {@code SHA256withRSA/PSS} but signs with a 20-byte salt: the self-test must refuse it. */
    public static final class WrongSalt extends Provider {
        public static final WrongSalt INSTANCE = new WrongSalt();

        private WrongSalt() {
            super("TestWrongSaltPss", "1.0", "test");
            putService(new Service(this, "Signature", "SHA256withRSA/PSS", Salt20.class.getName(), null, null));
            putService(new Service(this, "KeyFactory", "RSA", JdkRsaKeys.class.getName(), null, null));
        }
    }

    /** A provider whose native half is missing on this platform. */
    public static final class NotLoaded extends Provider {
        public static final NotLoaded INSTANCE = new NotLoaded();

        private NotLoaded() {
            super("TestNotLoaded", "1.0", "test");
        }

        public Throwable getLoadingError() {
            return new UnsatisfiedLinkError("no native library for this platform");
        }
    }

    public static final class Salt32 extends DelegatingPss {
        public Salt32() throws GeneralSecurityException {
            super(32);
        }
    }

    public static final class Salt20 extends DelegatingPss {
        public Salt20() throws GeneralSecurityException {
            super(20);
        }
    }

    /** SHA-256/MGF1-SHA-256 PSS with a fixed salt length, computed by the JDK. */
    public abstract static class DelegatingPss extends SignatureSpi {
        private final Signature delegate;

        DelegatingPss(int saltLength) throws GeneralSecurityException {
            delegate = Signature.getInstance("RSASSA-PSS", "SunRsaSign");
            delegate.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltLength, 1));
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            delegate.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            delegate.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            delegate.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return delegate.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            return delegate.verify(sigBytes);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("not supported");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("not supported");
        }
    }

    /** RSA key factory backed by the JDK's. */
    public static final class JdkRsaKeys extends KeyFactorySpi {
        private final KeyFactory delegate;

        public JdkRsaKeys() throws GeneralSecurityException {
            delegate = KeyFactory.getInstance("RSA", "SunRsaSign");
        }

        @Override
        protected PublicKey engineGeneratePublic(KeySpec keySpec) throws InvalidKeySpecException {
            return delegate.generatePublic(keySpec);
        }

        @Override
        protected PrivateKey engineGeneratePrivate(KeySpec keySpec) throws InvalidKeySpecException {
            return delegate.generatePrivate(keySpec);
        }

        @Override
        protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> keySpec) throws InvalidKeySpecException {
            return delegate.getKeySpec(key, keySpec);
        }

        @Override
        protected Key engineTranslateKey(Key key) throws InvalidKeyException {
            return delegate.translateKey(key);
        }
    }
}
