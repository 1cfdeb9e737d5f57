package dev.pmgate.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;

/** Test-side Kalshi signer: {@code base64(sign(ts + METHOD + path))} with RSA-PSS (salt 32 by default) or Ed25519. */
final class KalshiTestSigner {
    private KalshiTestSigner() {}

    /** PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or Ed25519). */
    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        byte[] der = Base64.getDecoder()
                .decode(pem.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "")
                        .replaceAll("\\s", ""));
        if (pkcs1) {
            org.bouncycastle.asn1.pkcs.RSAPrivateKey k = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der);
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new RSAPrivateCrtKeySpec(
                            k.getModulus(),
                            k.getPublicExponent(),
                            k.getPrivateExponent(),
                            k.getPrime1(),
                            k.getPrime2(),
                            k.getExponent1(),
                            k.getExponent2(),
                            k.getCoefficient()));
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("Ed25519").generatePrivate(spec);
        }
    }

    static String sign(PrivateKey key, String text) throws GeneralSecurityException {
        if (key instanceof RSAPrivateKey) {
            return signPss(key, text, 32);
        }
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    static String signPss(PrivateKey key, String text, int saltLength) throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltLength, 1));
        s.initSign(key);
        s.update(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    /** Largest PSS salt for this key and SHA-256: emLen − hLen − 2 (what {@code PSS.MAX_LENGTH} uses). */
    static int maxSalt(RSAPrivateKey key) {
        int emLen = (key.getModulus().bitLength() - 1 + 7) / 8;
        return emLen - 32 - 2;
    }
}
