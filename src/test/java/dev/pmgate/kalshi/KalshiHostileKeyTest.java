package dev.pmgate.kalshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;

/**
 * Keys that parse but are not usable keys: whatever the caller sends in {@code private_key}, the
 * answer is a 400 {@code invalid_credentials}, never an internal error, whether it fails at parse
 * or at signing time.
 */
class KalshiHostileKeyTest {

    private final KalshiKeyParser parser = new KalshiKeyParser(RsaSignatureFactory.jdk());

    private static RSAPrivateCrtKey realKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    }

    private static String pkcs1(
            BigInteger n,
            BigInteger e,
            BigInteger d,
            BigInteger p,
            BigInteger q,
            BigInteger dp,
            BigInteger dq,
            BigInteger qi)
            throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(
                    new PemObject("RSA PRIVATE KEY", new RSAPrivateKey(n, e, d, p, q, dp, dq, qi).getEncoded()));
        }
        return out.toString();
    }

    private Throwable parseAndSign(String pem) {
        return catchThrowable(() -> {
            try (KalshiSigningKey key = parser.parse(pem)) {
                key.sign("1700000000000GET/trade-api/v2/portfolio/balance");
            }
        });
    }

    /** Parsing and then signing once: either step may refuse, but only with invalid_credentials. */
    private void assertUnusableKeyIsInvalidCredentials(String pem) {
        assertInvalidCredentials(parseAndSign(pem));
    }

    /** Garbage numbers may still "sign" (the exchange then refuses the signature); they never fail otherwise. */
    private void assertRefusedOrSigned(String pem) {
        Throwable thrown = parseAndSign(pem);
        if (thrown != null) {
            assertInvalidCredentials(thrown);
        }
    }

    private static void assertInvalidCredentials(Throwable thrown) {
        assertThat(thrown).as("an unusable key must be refused").isInstanceOf(GatewayException.class);
        GatewayException e = (GatewayException) thrown;
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(e.validationErrors()).singleElement().asString().startsWith("private_key: ");
    }

    @Test
    void aKeyWithInconsistentCrtParametersIsInvalidCredentials() throws Exception {
        RSAPrivateCrtKey k = realKey();
        BigInteger one = BigInteger.ONE;
        assertUnusableKeyIsInvalidCredentials(pkcs1(
                k.getModulus(),
                k.getPublicExponent(),
                k.getPrivateExponent(),
                k.getPrimeP(),
                k.getPrimeQ(),
                k.getPrimeExponentP().add(one),
                k.getPrimeExponentQ(),
                k.getCrtCoefficient()));
        assertUnusableKeyIsInvalidCredentials(pkcs1(
                k.getModulus(),
                k.getPublicExponent(),
                k.getPrivateExponent(),
                k.getPrimeP().add(BigInteger.TWO),
                k.getPrimeQ(),
                k.getPrimeExponentP(),
                k.getPrimeExponentQ(),
                k.getCrtCoefficient()));
        assertUnusableKeyIsInvalidCredentials(pkcs1(
                k.getModulus(),
                k.getPublicExponent(),
                k.getPrivateExponent(),
                k.getPrimeP(),
                k.getPrimeQ(),
                k.getPrimeExponentP(),
                k.getPrimeExponentQ(),
                k.getCrtCoefficient().add(one)));
    }

    @Test
    void aKeyWhosePublicExponentDoesNotMatchIsInvalidCredentials() throws Exception {
        RSAPrivateCrtKey k = realKey();
        assertUnusableKeyIsInvalidCredentials(pkcs1(
                k.getModulus(),
                BigInteger.valueOf(3),
                k.getPrivateExponent(),
                k.getPrimeP(),
                k.getPrimeQ(),
                k.getPrimeExponentP(),
                k.getPrimeExponentQ(),
                k.getCrtCoefficient()));
    }

    @Test
    void degenerateNumbersAreInvalidCredentials() throws Exception {
        BigInteger n = realKey().getModulus();
        BigInteger z = BigInteger.ZERO;
        BigInteger one = BigInteger.ONE;
        assertUnusableKeyIsInvalidCredentials(pkcs1(n, BigInteger.valueOf(65537), one, one, one, one, one, one));
        assertRefusedOrSigned(pkcs1(n, BigInteger.valueOf(65537), z, z, z, z, z, z));
        assertRefusedOrSigned(pkcs1(n, z, n, n, n, n, n, n));
        assertRefusedOrSigned(pkcs1(n.negate(), BigInteger.valueOf(65537), n, n, n, n, n, n));
        assertRefusedOrSigned(pkcs1(n.add(one).shiftLeft(1), BigInteger.valueOf(65537), n, n, n, n, n, n));
        assertRefusedOrSigned(pkcs1(BigInteger.TWO.pow(1100).add(one), one, one, one, one, one, one, one));
    }
}
