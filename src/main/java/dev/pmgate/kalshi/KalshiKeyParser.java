package dev.pmgate.kalshi;

import dev.pmgate.api.GatewayException;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Parses a caller's Kalshi private key PEM: RSA in PKCS#1 or PKCS#8, Ed25519 in PKCS#8. Literal
 * {@code \n} sequences are accepted. Errors name the field and never echo the key.
 */
public final class KalshiKeyParser {

    static final int MAX_RSA_BITS = 8192;
    static final int MIN_RSA_BITS = 1024;
    private static final String FIELD = "private_key";

    private final RsaSignatureFactory rsaSignatures;
    private final JcaPEMKeyConverter converter = new JcaPEMKeyConverter();

    public KalshiKeyParser(RsaSignatureFactory rsaSignatures) {
        this.rsaSignatures = rsaSignatures;
    }

    public KalshiSigningKey parse(String pem) {
        String text =
                pem.replace("\\r", "").replace("\\n", "\n").replace("\r", "").trim();
        if (!text.startsWith("-----BEGIN ")) {
            throw GatewayException.invalidCredentials(
                    FIELD, "must be a PEM private key (-----BEGIN ... PRIVATE KEY-----)");
        }
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw GatewayException.invalidCredentials(FIELD, "unreadable PEM");
        }
        if (parsed instanceof PEMEncryptedKeyPair || parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw GatewayException.invalidCredentials(
                    FIELD, "encrypted PEM keys are not supported; send the unencrypted key");
        }
        PrivateKeyInfo info;
        if (parsed instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else if (parsed instanceof PrivateKeyInfo keyInfo) {
            info = keyInfo;
        } else {
            throw GatewayException.invalidCredentials(FIELD, "not a private key PEM");
        }
        var algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            return rsa(info);
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
            return ed25519(info);
        }
        throw GatewayException.invalidCredentials(FIELD, "unsupported key type; Kalshi keys are RSA or Ed25519");
    }

    private KalshiSigningKey rsa(PrivateKeyInfo info) {
        PrivateKey key;
        try {
            key = converter.getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw GatewayException.invalidCredentials(FIELD, "malformed RSA key");
        }
        int bits = ((RSAPrivateKey) key).getModulus().bitLength();
        if (bits > MAX_RSA_BITS) {
            throw GatewayException.invalidCredentials(FIELD, "RSA keys larger than 8192 bits are refused");
        }
        if (bits < MIN_RSA_BITS) {
            throw GatewayException.invalidCredentials(FIELD, "RSA key too small");
        }
        try {
            return new KalshiSigningKey.Rsa(rsaSignatures.prepare(key), rsaSignatures);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw GatewayException.invalidCredentials(FIELD, "malformed RSA key");
        }
    }

    private static KalshiSigningKey ed25519(PrivateKeyInfo info) {
        try {
            byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            if (seed.length != 32) {
                throw GatewayException.invalidCredentials(FIELD, "malformed Ed25519 key");
            }
            return new KalshiSigningKey.Ed25519(seed);
        } catch (IOException | RuntimeException e) {
            if (e instanceof GatewayException g) {
                throw g;
            }
            throw GatewayException.invalidCredentials(FIELD, "malformed Ed25519 key");
        }
    }
}
