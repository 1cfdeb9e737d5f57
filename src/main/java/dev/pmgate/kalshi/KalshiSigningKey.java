package dev.pmgate.kalshi;

import dev.pmgate.api.GatewayException;
import dev.pmgate.credentials.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import javax.security.auth.DestroyFailedException;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A caller's Kalshi private key for one request. Kalshi picks the verification algorithm from the
 * registered public key, so the key type alone decides: RSA-PSS (SHA-256, MGF1-SHA-256, salt 32) or
 * pure Ed25519 (RFC 8032); both base64 (standard alphabet, padded).
 */
public sealed interface KalshiSigningKey extends AutoCloseable {

    PSSParameterSpec PSS_SHA256_SALT32 =
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, PSSParameterSpec.TRAILER_FIELD_BC);

    /** Signs the UTF-8 pre-sign text and returns standard padded base64. */
    String sign(String text);

    String algorithm();

    /** The public half, for the sandbox's key registration; null when it cannot be derived from the private key. */
    java.security.PublicKey publicKey();

    @Override
    void close();

    /** RSA key, signed with RSASSA-PSS through the configured JCA provider. */
    final class Rsa implements KalshiSigningKey {
        private final PrivateKey key;
        private final RsaSignatureFactory signatures;

        Rsa(PrivateKey key, RsaSignatureFactory signatures) {
            this.key = key;
            this.signatures = signatures;
        }

        @Override
        public String sign(String text) {
            try {
                Signature signature = signatures.newPssSignature();
                signature.initSign(key);
                signature.update(text.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(signature.sign());
            } catch (java.security.InvalidKeyException | java.security.SignatureException | ArithmeticException e) {
                // a key that parses but cannot sign (inconsistent CRT values, wrong exponent): the caller's input
                throw GatewayException.invalidCredentials(
                        "private_key", "the RSA key cannot sign (inconsistent key values)");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSA-PSS signing failed", e);
            } catch (RuntimeException e) {
                if (signatures.isKeyFailure(e)) {
                    // the native provider checked its CRT result against the public exponent and refused it
                    throw GatewayException.invalidCredentials(
                            "private_key", "the RSA key cannot sign (inconsistent key values)");
                }
                throw e;
            }
        }

        @Override
        public String algorithm() {
            return "RSA-PSS";
        }

        @Override
        public java.security.PublicKey publicKey() {
            if (!(key instanceof java.security.interfaces.RSAPrivateCrtKey crt)) {
                return null;
            }
            try {
                return java.security.KeyFactory.getInstance("RSA")
                        .generatePublic(
                                new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            } catch (GeneralSecurityException | RuntimeException e) {
                return null;
            }
        }

        @Override
        public void close() {
            try {
                key.destroy();
            } catch (DestroyFailedException | RuntimeException ignored) {
                // JDK RSA keys do not implement destroy(); the object becomes unreachable with the session.
            }
        }
    }

    /** Ed25519 key held as its 32-byte seed, wiped on close. */
    final class Ed25519 implements KalshiSigningKey {
        private final byte[] seed;
        private Ed25519PrivateKeyParameters parameters;

        Ed25519(byte[] seed) {
            this.seed = seed;
            this.parameters = new Ed25519PrivateKeyParameters(seed, 0);
        }

        @Override
        public String sign(String text) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, parameters);
            byte[] message = text.getBytes(StandardCharsets.UTF_8);
            signer.update(message, 0, message.length);
            return Base64.getEncoder().encodeToString(signer.generateSignature());
        }

        @Override
        public String algorithm() {
            return "Ed25519";
        }

        /** SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410): SEQUENCE { AlgorithmIdentifier 1.3.101.112, BIT STRING }. */
        private static final byte[] ED25519_SPKI_PREFIX =
                java.util.HexFormat.of().parseHex("302a300506032b6570032100");

        @Override
        public java.security.PublicKey publicKey() {
            Ed25519PrivateKeyParameters current = parameters;
            if (current == null) {
                return null;
            }
            byte[] raw = current.generatePublicKey().getEncoded();
            byte[] spki = java.util.Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + raw.length);
            System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
            try {
                return java.security.KeyFactory.getInstance("Ed25519")
                        .generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                return null;
            }
        }

        @Override
        public void close() {
            Secrets.wipe(seed);
            parameters = null;
        }
    }
}
