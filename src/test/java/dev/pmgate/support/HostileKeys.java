package dev.pmgate.support;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** PEMs a Kalshi caller must not get through: each one is refused with invalid_credentials. Made cheaply, once. */
public final class HostileKeys {

    /** An RSA "key" whose modulus has 9000 bits (refused before any work is done with it). */
    public static final String RSA_9000_BITS;
    /** A real RSA key, PKCS#8, encrypted with a password. */
    public static final String ENCRYPTED_PKCS8;
    /** A P-256 EC key (Kalshi keys are RSA or Ed25519). */
    public static final String EC_PKCS8;
    /** A SEC1 "BEGIN EC PRIVATE KEY". */
    public static final String EC_SEC1;
    /** An RSA public key where a private key is expected. */
    public static final String RSA_PUBLIC;
    /** A real RSA key with one CRT exponent off by one: parses, cannot sign. */
    public static final String RSA_INCONSISTENT_CRT;
    /** A 512-bit RSA key (too small). */
    public static final String RSA_512_BITS;

    static {
        try {
            BigInteger huge = new BigInteger(9000, new SecureRandom()).setBit(8999);
            RSA_9000_BITS = pem(new PemObject(
                    "RSA PRIVATE KEY",
                    new RSAPrivateKey(
                                    huge,
                                    BigInteger.valueOf(65537),
                                    huge.shiftRight(1),
                                    huge.shiftRight(4500),
                                    huge.shiftRight(4501),
                                    BigInteger.TEN,
                                    BigInteger.TEN,
                                    BigInteger.TEN)
                            .getEncoded()));

            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair pair = rsa.generateKeyPair();
            ENCRYPTED_PKCS8 = pem(new JcaPKCS8Generator(
                            pair.getPrivate(),
                            new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                                    .setProvider(new BouncyCastleProvider())
                                    .setPassword("pw".toCharArray())
                                    .build())
                    .generate());
            RSA_PUBLIC = pem(pair.getPublic());
            RSAPrivateCrtKey k = (RSAPrivateCrtKey) pair.getPrivate();
            RSA_INCONSISTENT_CRT = pem(new PemObject(
                    "RSA PRIVATE KEY",
                    new RSAPrivateKey(
                                    k.getModulus(),
                                    k.getPublicExponent(),
                                    k.getPrivateExponent(),
                                    k.getPrimeP(),
                                    k.getPrimeQ(),
                                    k.getPrimeExponentP().add(BigInteger.ONE),
                                    k.getPrimeExponentQ(),
                                    k.getCrtCoefficient())
                            .getEncoded()));

            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            PrivateKey ecKey = ec.generateKeyPair().getPrivate();
            EC_PKCS8 = pem(new JcaPKCS8Generator(ecKey, null).generate());
            EC_SEC1 = pem(ecKey); // JcaPEMWriter writes "EC PRIVATE KEY"

            KeyPairGenerator small = KeyPairGenerator.getInstance("RSA", new BouncyCastleProvider());
            small.initialize(512);
            RSA_512_BITS = pem(new JcaPKCS8Generator(small.generateKeyPair().getPrivate(), null).generate());
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private HostileKeys() {}

    public static String[] all() {
        return new String[] {
            RSA_9000_BITS, ENCRYPTED_PKCS8, EC_PKCS8, EC_SEC1, RSA_PUBLIC, RSA_INCONSISTENT_CRT, RSA_512_BITS
        };
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
