package dev.pmgate.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.time.Clock;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** The ECDH provider of sealed credentials: native when it behaves like the JDK, the JDK otherwise. */
class EcdhProviderTest {

    private static final JWKSet KEYS = SealedCredentials.generateKeys();

    private static String sealEcdh(String plaintext) throws Exception {
        ECKey ec = (ECKey) KEYS.getKeys().stream()
                .filter(k -> k instanceof ECKey)
                .findFirst()
                .orElseThrow();
        JWEObject jwe = new JWEObject(
                new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM)
                        .keyID(ec.getKeyID())
                        .build(),
                new Payload(plaintext));
        jwe.encrypt(new ECDHEncrypter(ec.toECPublicKey()));
        return jwe.serialize();
    }

    @Test
    void theNativeProviderIsChosenHereAndOpensExactlyWhatTheJdkOpens() throws Exception {
        EcdhProvider.Choice choice = EcdhProvider.choose();
        // ACCP is a runtime dependency of this build for linux-x86_64: it must pass its self-test here
        assertThat(choice.provider()).as(choice.description()).isNotNull();
        SealedCredentials nativeEcdh = new SealedCredentials(KEYS, Clock.systemUTC(), choice.provider());
        SealedCredentials jdkEcdh = new SealedCredentials(KEYS, Clock.systemUTC(), null);
        assertThat(nativeEcdh.ecdhProviderName()).isEqualTo(choice.provider().getName());
        assertThat(jdkEcdh.ecdhProviderName()).isEqualTo("JDK");
        String compact = sealEcdh("{\"key_id\":\"k\",\"exp\":" + (System.currentTimeMillis() / 1000 + 300) + "}");
        byte[] a = nativeEcdh.open(compact.getBytes(StandardCharsets.US_ASCII));
        byte[] b = jdkEcdh.open(compact.getBytes(StandardCharsets.US_ASCII));
        assertThat(a).isEqualTo(b);
        assertThat(new ObjectMapper().readTree(a).get("key_id").asText()).isEqualTo("k");
    }

    @Test
    void aProviderThatAcceptsAPointOffTheCurveIsRefused() {
        assertThatThrownBy(() -> EcdhProvider.selfTest(new Lenient()))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("not on P-256");
    }

    @Test
    void aProviderThatComputesAnotherSecretIsRefused() {
        assertThatThrownBy(() -> EcdhProvider.selfTest(new Wrong()))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("differs");
    }

    @Test
    void anAbsentProviderFallsBackToTheJdk() {
        assertThatThrownBy(() -> EcdhProvider.load("dev.pmgate.NoSuchProvider"))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("not on the class path");
    }

    /** Delegates to the JDK, but where the JDK refuses a point, answers a secret anyway. */
    static final class Lenient extends Provider {
        Lenient() {
            super("LenientEcdh", "1", "test only");
            put("KeyAgreement.ECDH", LenientSpi.class.getName());
        }
    }

    /** Answers a secret that is not the ECDH result. */
    static final class Wrong extends Provider {
        Wrong() {
            super("WrongEcdh", "1", "test only");
            put("KeyAgreement.ECDH", WrongSpi.class.getName());
        }
    }

    public static class LenientSpi extends KeyAgreementSpi {
        private final KeyAgreement jdk;
        private boolean refusedByJdk;

        public LenientSpi() throws GeneralSecurityException {
            jdk = KeyAgreement.getInstance("ECDH");
        }

        @Override
        protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
            jdk.init(key, random);
        }

        @Override
        protected void engineInit(Key key, AlgorithmParameterSpec params, SecureRandom random)
                throws InvalidKeyException {
            jdk.init(key, random);
        }

        @Override
        protected Key engineDoPhase(Key key, boolean lastPhase) {
            try {
                return jdk.doPhase(key, lastPhase);
            } catch (InvalidKeyException e) {
                refusedByJdk = true;
                return null;
            }
        }

        @Override
        protected byte[] engineGenerateSecret() {
            return refusedByJdk ? new byte[32] : jdk.generateSecret();
        }

        @Override
        protected int engineGenerateSecret(byte[] sharedSecret, int offset) {
            byte[] s = engineGenerateSecret();
            System.arraycopy(s, 0, sharedSecret, offset, s.length);
            return s.length;
        }

        @Override
        protected SecretKey engineGenerateSecret(String algorithm) {
            throw new UnsupportedOperationException();
        }
    }

    public static class WrongSpi extends LenientSpi {
        public WrongSpi() throws GeneralSecurityException {}

        @Override
        protected byte[] engineGenerateSecret() {
            byte[] s = super.engineGenerateSecret();
            byte[] copy = Arrays.copyOf(s, s.length);
            copy[0] ^= 1;
            return copy;
        }
    }
}
