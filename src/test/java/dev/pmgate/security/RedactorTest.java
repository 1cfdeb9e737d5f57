package dev.pmgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.pmgate.support.KalshiAccount;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The logging safety net masks every secret shape, and leaves ordinary log text alone. */
class RedactorTest {

    private final KalshiAccount kalshi = new KalshiAccount(KalshiAccount.KeyFormat.RSA_PKCS1);

    @Test
    void masksPemKeysHexKeysHeadersSecretFieldsAndBlobs() {
        String hexKey = "0x" + HexFormat.of().formatHex(new byte[32]).replace('0', 'a');
        String header = kalshi.header();
        String jwe = "eyJhbGciOiJFQ0RILUVTIn0..abcdefghijkl.QUJDREVGR0hJSktMTU5PUA.dGFnZ2VkdGFn";
        String[] leaks = {
            "key: " + kalshi.privateKeyPem,
            "pk=" + hexKey,
            "headers {X-Exchange-Credentials=" + header + ", Accept=application/json}",
            "X-API-Key: canary-apikey-123",
            "{\"private_key\":\"" + hexKey
                    + "\",\"clob_api_secret\":\"c2VjcmV0LXNlY3JldA==\",\"clob_api_passphrase\":\"pass-xyz\"}",
            "POLY_PASSPHRASE=pass-xyz, POLY_SIGNATURE=abc123=",
            "sealed " + jwe,
            "blob " + Base64.getEncoder().encodeToString(new byte[200]).replace('A', 'Q'),
        };
        for (String leak : leaks) {
            String redacted = Redactor.redact(leak);
            assertThat(redacted).as(leak).contains("REDACTED");
            assertThat(redacted)
                    .doesNotContain(
                            hexKey.substring(2),
                            "MIIE",
                            "c2VjcmV0LXNlY3JldA",
                            "pass-xyz",
                            "canary-apikey-123",
                            header.substring(10, 60),
                            "QUJDREVGR0hJSktMTU5PUA");
        }
    }

    @Test
    void leavesOrdinaryLinesAlone() {
        String line = "kafka request create_order-1 op=create_order answered status=201 in 12 ms";
        assertThat(Redactor.redact(line)).isEqualTo(line);
        String order = "order KXBTC-26DEC31-B100000 buy Yes 0.57 x 10, id 2597b999-f887-4195-8bac-c3f97a1f2021";
        assertThat(Redactor.redact(order)).isEqualTo(order);
    }

    @Test
    void theLogPatternGoesThroughTheRedactingConverters() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("m", RedactingMessageConverter::new);
        layout.getInstanceConverterMap().put("rEx", RedactingThrowableConverter::new);
        layout.setPattern("%m%n%rEx");
        layout.start();
        Logger logger = context.getLogger("test");
        LoggingEvent event = new LoggingEvent(
                Logger.class.getName(),
                logger,
                ch.qos.logback.classic.Level.INFO,
                "credentials {}",
                new IllegalStateException("bad key " + kalshi.privateKeyPem),
                new Object[] {kalshi.header()});
        String out = layout.doLayout(event);
        for (String canary : kalshi.canaries()) {
            assertThat(out).doesNotContain(canary);
        }
        assertThat(out).contains("IllegalStateException", "[REDACTED");
    }
}
