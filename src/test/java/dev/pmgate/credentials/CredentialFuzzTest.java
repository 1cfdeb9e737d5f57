package dev.pmgate.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import dev.pmgate.api.CreateOrderRequest;
import dev.pmgate.api.EntryRequest;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.ExchangeName;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.Json;
import dev.pmgate.api.Operation;
import dev.pmgate.kalshi.KalshiCredentialParser;
import dev.pmgate.kalshi.KalshiKeyParser;
import dev.pmgate.kalshi.KalshiRequestTranslator;
import dev.pmgate.kalshi.KalshiSession;
import dev.pmgate.kalshi.KalshiSigner;
import dev.pmgate.kalshi.RsaSignatureFactory;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.pipeline.RequestValidator;
import dev.pmgate.polymarket.PolymarketAmounts;
import dev.pmgate.polymarket.PolymarketCredentialParser;
import dev.pmgate.polymarket.PolymarketMarket;
import dev.pmgate.polymarket.PolymarketRequestTranslator;
import dev.pmgate.polymarket.PolymarketSession;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.rest.RestRequestReader;
import dev.pmgate.support.Fuzz;
import dev.pmgate.support.Fuzz.Verdict;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.upstream.UpstreamRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing below HTTP: thousands of hostile credentials headers through {@link CredentialsDecoder}
 * (plain and sealed) and signing, and thousands of hostile order bodies through the REST reader, the
 * {@link RequestValidator} and each exchange's order translator. Every case ends either accepted (and
 * then only well-formed data would go upstream) or refused with a SPEC 4xx/501 error that echoes no
 * secret; nothing else, nothing slow. Each case has a verdict from an independent reading of the SPEC
 * ({@link Fuzz}): a VALID case must be accepted and an INVALID one refused.
 */
class CredentialFuzzTest {

    static final long SEED = 0x5EC_2026L;
    static final int CREDENTIAL_CASES = 3000;
    static final int ORDER_CASES = 3000;
    private static final long NOW = 1_800_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final Set<ErrorCode> CREDENTIAL_REFUSALS =
            Set.of(ErrorCode.INVALID_CREDENTIALS, ErrorCode.CREDENTIALS_REQUIRED);
    private static final Pattern KALSHI_KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private final SessionTracker tracker = new SessionTracker();

    @Test
    void hostileCredentialsHeadersAreOpenedOrRefusedNeverAnythingElse() {
        assertTimeoutPreemptively(Duration.ofMinutes(4), this::credentialFuzz);
    }

    private void credentialFuzz() throws Exception {
        List<KalshiAccount> kalshiAccounts = List.of(
                new KalshiAccount(KalshiAccount.KeyFormat.RSA_PKCS1),
                new KalshiAccount(KalshiAccount.KeyFormat.RSA_PKCS8),
                new KalshiAccount(KalshiAccount.KeyFormat.ED25519));
        List<Fuzz.KalshiSeed> kalshi = kalshiAccounts.stream()
                .map(a -> new Fuzz.KalshiSeed(a.keyId, a.privateKeyPem))
                .toList();
        List<Fuzz.PolymarketSeed> polymarket = List.of(polymarketSeed(true), polymarketSeed(false));
        List<String> canaries = new ArrayList<>();
        kalshiAccounts.forEach(a -> canaries.addAll(List.of(a.canaries())));
        for (Fuzz.PolymarketSeed p : polymarket) {
            canaries.add(p.privateKeyHex().substring(10, 50));
            if (p.withClob()) {
                canaries.add(p.clobSecret().substring(4, 36));
                canaries.add(p.clobPassphrase());
            }
        }
        JWKSet keys = SealedCredentials.generateKeys();
        SealedCredentials sealed = new SealedCredentials(keys, CLOCK);
        String jwks = keys.toPublicJWKSet().toString();
        Fuzz.Sealing sealing = (plaintext, ec) -> seal(jwks, plaintext, ec);
        CredentialsDecoder decoder = new CredentialsDecoder(
                List.of(
                        new KalshiCredentialParser(new KalshiKeyParser(RsaSignatureFactory.jdk())),
                        new PolymarketCredentialParser()),
                tracker,
                sealed,
                16384);

        Fuzz fuzz = new Fuzz(SEED, NOW);
        List<String> failures = new ArrayList<>();
        Map<Verdict, int[]> outcomes = new EnumMap<>(Verdict.class);
        for (int i = 0; i < CREDENTIAL_CASES; i++) {
            Fuzz.CredentialCase c = fuzz.credentialCase(kalshi, polymarket, sealing, false);
            // Kafka refuses unsealed credentials: one case in ten is opened as a Kafka record would be
            boolean kafka = fuzz.random().nextInt(10) == 0;
            boolean looksSealed =
                    SealedCredentials.looksSealed(c.header().trim().getBytes(StandardCharsets.UTF_8));
            Verdict verdict = kafka && !looksSealed ? Verdict.INVALID : c.verdict();
            Object header = kafka ? c.header().getBytes(StandardCharsets.UTF_8) : c.header();
            String label =
                    "credential case " + i + " [" + c.exchange() + (kafka ? ",kafka" : "") + "] " + c.description();
            long started = System.nanoTime();
            boolean accepted;
            try (TrackedSession session = decoder.open(header, ExchangeName.of(c.exchange()), !kafka)) {
                useSession(session);
                accepted = true;
            } catch (GatewayException e) {
                accepted = false;
                if (!CREDENTIAL_REFUSALS.contains(e.code())) {
                    failures.add(label + ": refused with " + e.code());
                }
                String said = e.getMessage() + " " + e.validationErrors();
                canaries.stream()
                        .filter(said::contains)
                        .findAny()
                        .ifPresent(x -> failures.add(label + ": the error quotes a secret"));
                if (e.validationErrors().isEmpty() && e.code() == ErrorCode.INVALID_CREDENTIALS) {
                    failures.add(label + ": invalid_credentials without naming the field");
                }
            } catch (Throwable t) {
                failures.add(label + ": " + t.getClass().getName() + " at " + firstFrame(t));
                continue;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis > 2000) {
                failures.add(label + ": took " + millis + " ms");
            }
            outcomes.computeIfAbsent(verdict, v -> new int[2])[accepted ? 0 : 1]++;
            if (verdict == Verdict.VALID && !accepted) {
                failures.add(label + ": a valid header was refused");
            }
            if (verdict == Verdict.INVALID && accepted) {
                failures.add(label + ": an invalid header was accepted");
            }
        }
        assertThat(failures).as("fuzz failures (seed %s)", SEED).isEmpty();
        assertThat(tracker.openSessions()).isZero();
        // the generator really exercises both sides
        assertThat(outcomes.get(Verdict.VALID)[0]).as("accepted valid cases").isGreaterThan(CREDENTIAL_CASES / 10);
        assertThat(outcomes.get(Verdict.INVALID)[1]).as("refused invalid cases").isGreaterThan(CREDENTIAL_CASES / 3);
        assertThat(outcomes.get(Verdict.UNKNOWN)[0] + outcomes.get(Verdict.UNKNOWN)[1])
                .isGreaterThan(100);
    }

    /** Signs once with the session, as the pipeline would, and checks what would go on the wire. */
    private static void useSession(TrackedSession session) {
        if (session.exchange() == dev.pmgate.kalshi.KalshiModule.NAME) {
            Map<String, String> headers = KalshiSigner.headers(
                    session.unwrap(KalshiSession.class), NOW * 1000, "GET", "/trade-api/v2/portfolio/balance");
            assertThat(headers.get(KalshiSigner.ACCESS_KEY)).matches(KALSHI_KEY_ID);
            assertThat(headers.get(KalshiSigner.ACCESS_SIGNATURE)).matches(BASE64);
        } else {
            assertThat(session.unwrap(PolymarketSession.class).address()).matches("0x[0-9a-fA-F]{40}");
        }
    }

    @Test
    void hostileOrderBodiesAreTranslatedOrRefusedNeverAnythingElse() {
        assertTimeoutPreemptively(Duration.ofMinutes(4), this::orderFuzz);
    }

    private void orderFuzz() throws Exception {
        RestRequestReader reader = new RestRequestReader();
        RequestValidator validator = new RequestValidator(
                CLOCK,
                dev.pmgate.pipeline.Exchanges.of(
                        new dev.pmgate.kalshi.KalshiModule(), new dev.pmgate.polymarket.PolymarketModule()));
        KalshiRequestTranslator kalshi = new KalshiRequestTranslator();
        PolymarketRequestTranslator polymarket = new PolymarketRequestTranslator(137, null, CLOCK);
        String condition = "0x" + "ab".repeat(32);
        PolymarketMarket market = new PolymarketMarket(
                condition,
                List.of(
                        new PolymarketMarket.Token("123", "Yes"),
                        new PolymarketMarket.Token("456", "No"),
                        new PolymarketMarket.Token("789", "Maybe"),
                        new PolymarketMarket.Token("790", "Y\u00e9s"),
                        new PolymarketMarket.Token("791", "Yes & No (2026)")),
                new BigDecimal("0.01"),
                false,
                true);
        Fuzz.PolymarketSeed seed = polymarketSeed(true);
        JsonNode credentials = Json.mapper()
                .readTree("{\"private_key\":\"" + seed.privateKeyHex() + "\",\"clob_api_key\":\""
                        + seed.clobKey() + "\",\"clob_api_secret\":\"" + seed.clobSecret()
                        + "\",\"clob_api_passphrase\":\""
                        + seed.clobPassphrase() + "\"}");
        TrackedSession session = new TrackedSession(new PolymarketCredentialParser().parse(credentials), tracker);

        Fuzz fuzz = new Fuzz(SEED + 1, NOW);
        List<String> failures = new ArrayList<>();
        Map<Verdict, int[]> outcomes = new EnumMap<>(Verdict.class);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            for (int i = 0; i < ORDER_CASES; i++) {
                String exchangeName = i % 2 == 0 ? "kalshi" : "polymarket";
                Fuzz.OrderCase c = fuzz.orderCase(
                        exchangeName, exchangeName.equals("kalshi") ? "KXFUZZ-26DEC31-B100" : condition, false);
                String label = "order case " + i + " [" + exchangeName + "] " + c.description();
                Exchange exchange = new DefaultExchange(camel);
                exchange.setProperty(Pipeline.OPERATION, Operation.CREATE_ORDER);
                exchange.getIn().setHeader(Exchange.HTTP_RAW_QUERY, "exchange=" + exchangeName);
                exchange.getIn().setHeader("Idempotency-Key", c.idempotencyKey());
                exchange.getIn().setBody(c.body().getBytes(StandardCharsets.UTF_8));
                long started = System.nanoTime();
                boolean accepted;
                try {
                    reader.process(exchange);
                    EntryRequest entry = exchange.getIn().getBody(EntryRequest.class);
                    GatewayRequest request = validator.build(
                            Operation.CREATE_ORDER,
                            entry.exchange(),
                            entry.order(),
                            entry.orderId(),
                            entry.query(),
                            entry.idempotencyKey());
                    if (exchangeName.equals("kalshi")) {
                        checkKalshiWire(kalshi.createOrder(request), request.order());
                    } else {
                        checkPolymarketWire(
                                polymarket
                                        .prepareOrder(request, market, session)
                                        .post(),
                                request.order(),
                                seed);
                    }
                    accepted = true;
                } catch (GatewayException e) {
                    accepted = false;
                    int status = e.code().status();
                    if (status / 100 != 4 && e.code() != ErrorCode.NOT_SUPPORTED) {
                        failures.add(label + ": refused with " + e.code());
                    }
                    if ((e.getMessage() + e.validationErrors()).contains("cnry-")) {
                        failures.add(label + ": the error quotes a value");
                    }
                } catch (Throwable t) {
                    failures.add(label + ": " + t.getClass().getName() + " at " + firstFrame(t));
                    continue;
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (millis > 1000) {
                    failures.add(label + ": took " + millis + " ms");
                }
                outcomes.computeIfAbsent(c.verdict(), v -> new int[2])[accepted ? 0 : 1]++;
                if (c.verdict() == Verdict.VALID && !accepted) {
                    failures.add(label + ": a valid order was refused");
                }
                if (c.verdict() == Verdict.INVALID && accepted) {
                    failures.add(label + ": an invalid order was accepted");
                }
            }
        } finally {
            session.close();
        }
        assertThat(failures).as("fuzz failures (seed %s)", SEED + 1).isEmpty();
        assertThat(outcomes.get(Verdict.VALID)[0]).as("accepted valid cases").isGreaterThan(ORDER_CASES / 10);
        assertThat(outcomes.get(Verdict.INVALID)[1]).as("refused invalid cases").isGreaterThan(ORDER_CASES / 3);
    }

    /** What Kalshi would receive: its wire formats, and exactly the caller's order. */
    private static void checkKalshiWire(UpstreamRequest up, CreateOrderRequest order) throws Exception {
        assertThat(up.method()).isEqualTo("POST");
        JsonNode body = Json.mapper().readTree(up.body());
        assertThat(body.get("ticker").asText()).isEqualTo(order.marketId()).matches("[A-Za-z0-9._-]{1,128}");
        String price = body.get("price").asText();
        assertThat(price).matches("0\\.[0-9]{2,4}");
        BigDecimal yesPrice = order.isYes() ? order.price() : BigDecimal.ONE.subtract(order.price());
        assertThat(new BigDecimal(price)).isEqualByComparingTo(yesPrice);
        assertThat(body.get("count").asText()).matches("[0-9]+(\\.[0-9]{1,2})?");
        assertThat(new BigDecimal(body.get("count").asText()))
                .isEqualByComparingTo(order.size())
                .isPositive();
        assertThat(body.get("side").asText()).isIn("bid", "ask");
        assertThat(body.get("client_order_id").asText()).matches("[A-Za-z0-9_:+=/-]{1,64}");
        assertThat(body.get("time_in_force").asText())
                .isIn("good_till_canceled", "immediate_or_cancel", "fill_or_kill");
    }

    /** What the CLOB would receive: positive amounts that imply exactly the caller's price, signed by the caller. */
    private static void checkPolymarketWire(UpstreamRequest up, CreateOrderRequest order, Fuzz.PolymarketSeed seed)
            throws Exception {
        JsonNode body = Json.mapper().readTree(up.body());
        JsonNode o = body.get("order");
        PolymarketSide side = order.side() == CreateOrderRequest.Side.BUY ? PolymarketSide.BUY : PolymarketSide.SELL;
        BigInteger maker = new BigInteger(o.get("makerAmount").asText());
        BigInteger taker = new BigInteger(o.get("takerAmount").asText());
        assertThat(maker.signum()).isPositive();
        assertThat(taker.signum()).isPositive();
        assertThat(PolymarketAmounts.impliedPrice(side, maker, taker)).isEqualByComparingTo(order.price());
        assertThat(body.get("owner").asText()).isEqualTo(seed.clobKey());
        assertThat(o.get("signature").asText()).matches("0x[0-9a-f]{130}");
        assertThat(o.get("tokenId").asText()).isIn("123", "456", "789", "790", "791");
    }

    private static Fuzz.PolymarketSeed polymarketSeed(boolean withClob) {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        key[0] = (byte) (key[0] & 0x7f | 0x01);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return withClob
                ? new Fuzz.PolymarketSeed(
                        "0x" + HexFormat.of().formatHex(key),
                        java.util.UUID.randomUUID().toString(),
                        Base64.getUrlEncoder().encodeToString(secret),
                        "pass-" + HexFormat.of().formatHex(secret, 0, 12))
                : new Fuzz.PolymarketSeed("0x" + HexFormat.of().formatHex(key), null, null, null);
    }

    static String seal(String jwks, String plaintext, boolean ec) {
        return dev.pmgate.support.Sealer.sealRaw(
                jwks, plaintext, ec ? JWEAlgorithm.ECDH_ES : JWEAlgorithm.RSA_OAEP_256);
    }

    private static String firstFrame(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        for (StackTraceElement f : frames) {
            if (f.getClassName().startsWith("dev.pmgate")) {
                return f.toString();
            }
        }
        return frames.length > 0 ? frames[0].toString() : "?";
    }
}
