package dev.pmgate.kalshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.support.TestData;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** Provider choice for Kalshi RSA-PSS: native when it loads, a logged JDK fall-back otherwise, same signatures. */
class RsaSignatureFactoryTest {

    private static final JsonNode RSA_VECTORS =
            TestData.json("vectors/kalshi-signing.json").get("rsa");
    private static final String MISSING_PROVIDER = "dev.pmgate.nonexistent.NoSuchNativeProvider";

    /** Made once for the class: every factory signs with the same keys. */
    private static final List<KeyPair> FRESH_KEYS = Stream.of(2048, 3072, 4096)
            .map(bits -> {
                try {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(bits);
                    return generator.generateKeyPair();
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            })
            .toList();

    private static boolean nativePlatform() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    }

    static Stream<Arguments> factories() {
        List<Arguments> factories = new ArrayList<>();
        factories.add(Arguments.of("jdk", RsaSignatureFactory.jdk()));
        factories.add(Arguments.of(
                "fallback", RsaSignatureFactory.select(RsaSignatureFactory.Choice.AUTO, MISSING_PROVIDER)));
        RsaSignatureFactory auto = RsaSignatureFactory.select("auto");
        if (auto.isNative()) {
            factories.add(Arguments.of("native", auto));
        }
        return factories.stream();
    }

    @Test
    void autoPicksTheNativeProviderOnLinuxX8664() {
        assumeTrue(nativePlatform(), "the bundled native provider is built for linux-x86_64");
        RsaSignatureFactory auto = RsaSignatureFactory.select("auto");
        assertThat(auto.isNative()).isTrue();
        assertThat(auto.providerName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(RsaSignatureFactory.select("native").providerName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(java.security.Security.getProvider("AmazonCorrettoCryptoProvider"))
                .as("never installed in the JVM-wide provider list")
                .isNull();
    }

    @Test
    void withoutTheNativeProviderAutoFallsBackToTheJdkAndSaysWhy() {
        ListAppender<ILoggingEvent> logs = capture();
        try {
            RsaSignatureFactory factory = RsaSignatureFactory.select(RsaSignatureFactory.Choice.AUTO, MISSING_PROVIDER);
            assertThat(factory.isNative()).isFalse();
            assertThat(factory.providerName()).isEqualTo("SunRsaSign");
            assertThat(logs.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage())
                        .contains(
                                "falls back to the JDK provider SunRsaSign",
                                "provider not on the class path",
                                MISSING_PROVIDER);
            });
        } finally {
            detach(logs);
        }
    }

    @Test
    void aNativeLibraryThatDidNotLoadOrASelfTestFailureAlsoFallsBack() {
        RsaSignatureFactory notLoaded =
                RsaSignatureFactory.select(RsaSignatureFactory.Choice.AUTO, TestRsaProviders.NotLoaded.class.getName());
        assertThat(notLoaded.providerName()).isEqualTo("SunRsaSign");
        assertThatThrownBy(() -> RsaSignatureFactory.select(
                        RsaSignatureFactory.Choice.NATIVE, TestRsaProviders.NotLoaded.class.getName()))
                .hasMessageContaining("native library did not load")
                .hasMessageContaining("UnsatisfiedLinkError");
        assertThat(RsaSignatureFactory.select(
                                RsaSignatureFactory.Choice.AUTO, TestRsaProviders.WrongSalt.class.getName())
                        .providerName())
                .as("a provider whose PSS salt is not 32 bytes is refused by the self-test")
                .isEqualTo("SunRsaSign");
        assertThatThrownBy(() -> RsaSignatureFactory.select(
                        RsaSignatureFactory.Choice.NATIVE, TestRsaProviders.WrongSalt.class.getName()))
                .hasMessageContaining("salt 32");
    }

    @Test
    void aProviderNamingPssTheOlderWayIsUsedUnderThatName() throws Exception {
        RsaSignatureFactory factory = RsaSignatureFactory.select(
                RsaSignatureFactory.Choice.NATIVE, TestRsaProviders.AlternateName.class.getName());
        assertThat(factory.providerName()).isEqualTo("TestAlternateNamePss");
        assertThat(factory.newPssSignature().getAlgorithm()).isEqualTo("SHA256withRSA/PSS");
        KeyPair pair = FRESH_KEYS.get(0);
        try (KalshiSigningKey key = new KalshiKeyParser(factory).parse(pem(pair))) {
            assertThat(verifyStrict(pair.getPublic(), "text", key.sign("text"))).isTrue();
        }
    }

    @Test
    void nativeIsRequiredWhenAskedForAndJdkWhenConfigured() {
        assertThatThrownBy(() -> RsaSignatureFactory.select(RsaSignatureFactory.Choice.NATIVE, MISSING_PROVIDER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("native RSA provider is unusable");
        RsaSignatureFactory jdk = RsaSignatureFactory.select(" JDK ");
        assertThat(jdk.isNative()).isFalse();
        assertThat(jdk.providerName()).isEqualTo("SunRsaSign");
        assertThat(RsaSignatureFactory.select("").isNative())
                .isEqualTo(RsaSignatureFactory.select("auto").isNative());
        assertThatThrownBy(() -> RsaSignatureFactory.select("openssl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RsaSignatureFactory.PROPERTY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void vectorKeysSignStrictSalt32PssThatTheJdkVerifies(String name, RsaSignatureFactory factory) throws Exception {
        KalshiKeyParser parser = new KalshiKeyParser(factory);
        PublicKey publicKey = publicKey(RSA_VECTORS.get("public_key_pem").asText());
        for (String field : new String[] {"private_key_pkcs1_pem", "private_key_pkcs8_pem"}) {
            try (KalshiSigningKey key = parser.parse(RSA_VECTORS.get(field).asText())) {
                for (JsonNode c : RSA_VECTORS.get("cases")) {
                    String text = c.get("signed_text").asText();
                    String first = key.sign(text);
                    String second = key.sign(text);
                    assertThat(verifyStrict(publicKey, text, first))
                            .as("%s %s", name, field)
                            .isTrue();
                    assertThat(verifyStrict(publicKey, text, second)).isTrue();
                    assertThat(first)
                            .as("PSS uses a fresh random salt each time")
                            .isNotEqualTo(second);
                    assertThat(verifyStrict(publicKey, text + "x", first)).isFalse();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void freshKeysOfEverySizeSignStrictSalt32Pss(String name, RsaSignatureFactory factory) throws Exception {
        KalshiKeyParser parser = new KalshiKeyParser(factory);
        for (KeyPair pair : FRESH_KEYS) {
            int bits = ((java.security.interfaces.RSAPublicKey) pair.getPublic())
                    .getModulus()
                    .bitLength();
            try (KalshiSigningKey key = parser.parse(pem(pair))) {
                String text = "1703123456789GET/trade-api/v2/portfolio/balance";
                assertThat(verifyStrict(pair.getPublic(), text, key.sign(text)))
                        .as("%s %d bits", name, bits)
                        .isTrue();
            }
        }
    }

    @Test
    void theStrictVerifierRefusesAnyOtherSaltLength() throws Exception {
        KeyPair pair = FRESH_KEYS.get(0);
        Signature salt20 = Signature.getInstance("RSASSA-PSS", "SunRsaSign");
        salt20.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 20, 1));
        salt20.initSign(pair.getPrivate());
        salt20.update("text".getBytes(StandardCharsets.UTF_8));
        assertThat(verifyStrict(pair.getPublic(), "text", Base64.getEncoder().encodeToString(salt20.sign())))
                .isFalse();
    }

    @Test
    void theNativeFactoryConvertsParsedKeysIntoItsOwn() throws Exception {
        RsaSignatureFactory auto = RsaSignatureFactory.select("auto");
        assumeTrue(auto.isNative(), "no native provider on this platform");
        KeyPair pair = FRESH_KEYS.get(0);
        java.security.PrivateKey prepared = auto.prepare(pair.getPrivate());
        assertThat(prepared.getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
        assertThat(prepared).isInstanceOf(java.security.interfaces.RSAPrivateCrtKey.class);
        assertThat(RsaSignatureFactory.jdk().prepare(pair.getPrivate())).isSameAs(pair.getPrivate());
        prepared.destroy();
        assertThat(prepared.isDestroyed())
                .as("the native key's memory is released on close")
                .isTrue();
    }

    @Test
    void theNativeProviderRefusesAnInconsistentKeyAsMalformedWithoutEchoingIt() throws Exception {
        RsaSignatureFactory auto = RsaSignatureFactory.select("auto");
        assumeTrue(auto.isNative(), "no native provider on this platform");
        java.security.interfaces.RSAPrivateCrtKey real =
                (java.security.interfaces.RSAPrivateCrtKey) FRESH_KEYS.get(0).getPrivate();
        org.bouncycastle.asn1.pkcs.RSAPrivateKey tampered = new org.bouncycastle.asn1.pkcs.RSAPrivateKey(
                real.getModulus(),
                real.getPublicExponent(),
                real.getPrivateExponent(),
                real.getPrimeP(),
                real.getPrimeQ(),
                real.getPrimeExponentP(),
                real.getPrimeExponentQ(),
                real.getCrtCoefficient().add(java.math.BigInteger.ONE));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new org.bouncycastle.util.io.pem.PemObject("RSA PRIVATE KEY", tampered.getEncoded()));
        }
        // The import skips the provider's key check (cheapest safe import); the provider's own verification
        // of its CRT result refuses the key at the first signature, which must not produce one.
        assertThatThrownBy(() -> {
                    try (KalshiSigningKey key = new KalshiKeyParser(auto).parse(out.toString())) {
                        key.sign("1767225600000GET/trade-api/v2/portfolio/balance");
                    }
                })
                .isInstanceOfSatisfying(dev.pmgate.api.GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(dev.pmgate.api.ErrorCode.INVALID_CREDENTIALS);
                    assertThat(e.validationErrors())
                            .containsExactly("private_key: the RSA key cannot sign (inconsistent key values)");
                    assertThat(e.getMessage())
                            .doesNotContain(real.getPrimeP().toString(16).substring(0, 16));
                });
    }

    private static boolean verifyStrict(PublicKey key, String text, String base64) throws Exception {
        Signature verifier = Signature.getInstance("RSASSA-PSS", "SunRsaSign");
        verifier.setParameter(KalshiSigningKey.PSS_SHA256_SALT32);
        verifier.initVerify(key);
        verifier.update(text.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(base64));
    }

    private static PublicKey publicKey(String pem) throws Exception {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            return new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) p.readObject());
        }
    }

    private static String pem(KeyPair pair) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null).generate());
        }
        return out.toString();
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(RsaSignatureFactory.class)).addAppender(appender);
        return appender;
    }

    private static void detach(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(RsaSignatureFactory.class)).detachAppender(appender);
    }
}
