package dev.pmgate.it;

import static dev.pmgate.support.SpecAnswers.assertSpecError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWEAlgorithm;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.sandbox.RecordedRequest;
import dev.pmgate.support.Fuzz;
import dev.pmgate.support.Fuzz.Verdict;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import dev.pmgate.support.Outputs;
import dev.pmgate.support.PolymarketAccount;
import dev.pmgate.support.RawHttp;
import dev.pmgate.support.Sealer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer of {@link Fuzz} end to end, over raw HTTP against the running gateway and the strict
 * fakes: a fixed seed, {@value #CASES} cases, half hostile credentials headers (plain and sealed), half
 * hostile order bodies with valid credentials. For every case: never a 500, every error in the SPEC
 * shape, an INVALID case refused before any exchange call, whatever reached an exchange well-formed
 * (Kalshi wire formats, no CLOB rejection a gateway should have prevented, no auth failure with good
 * credentials), and at the end no secret in any response, log line or upstream request.
 */
class CredentialFuzzIT extends GatewayIT {

    static final long SEED = 0x5EC_2027L;
    static final int CASES = 300;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern KALSHI_KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    /** CLOB refusals a gateway that validates its input can never cause. */
    private static final List<String> PREVENTABLE = List.of(
            "order: signature",
            "order: amount precision",
            "order: price off the tick grid",
            "order: zero amount",
            "order: salt",
            "order: owner",
            "order: signer",
            "order: maker is not",
            "order: unknown orderType",
            "order: post-only",
            "order: expiration",
            "order: V1",
            "order: signatureType",
            "order: no order object",
            "L2:",
            "L1:",
            "route:",
            "query:",
            "fake bug");

    private final List<String> failures = new ArrayList<>();

    @Test
    void fuzzedCredentialsAndOrdersThroughTheRunningGateway() throws Exception {
        SecureRandom random = new SecureRandom();
        List<KalshiAccount> kalshiAccounts = new ArrayList<>();
        for (KeyFormat format : KeyFormat.values()) {
            KalshiAccount a = new KalshiAccount(format);
            KALSHI.registerKey(a.keyId, a.keyPair.getPublic());
            KALSHI.setBalance(a.keyId, new BigDecimal("10000000"));
            kalshiAccounts.add(a);
        }
        String ticker = "KXFUZZ-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        KALSHI.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
        List<PolymarketAccount> polyAccounts =
                List.of(PolymarketAccount.withClobCredentials(POLYMARKET), PolymarketAccount.keyOnly(POLYMARKET));
        polyAccounts.forEach(p -> POLYMARKET.setCollateral(p.address(), new BigDecimal("10000000")));
        byte[] id = new byte[32];
        random.nextBytes(id);
        String condition = "0x" + HexFormat.of().formatHex(id);
        POLYMARKET.addMarket(FakePolymarket.Market.binary(
                condition,
                new BigInteger(120, random).toString(),
                new BigInteger(120, random).toString(),
                "0.01",
                false));

        List<Fuzz.KalshiSeed> kalshiSeeds = kalshiAccounts.stream()
                .map(a -> new Fuzz.KalshiSeed(a.keyId, a.privateKeyPem))
                .toList();
        List<Fuzz.PolymarketSeed> polySeeds = polyAccounts.stream()
                .map(p -> p.creds == null
                        ? new Fuzz.PolymarketSeed(p.privateKeyHex, null, null, null)
                        : new Fuzz.PolymarketSeed(
                                p.privateKeyHex, p.creds.apiKey(), p.creds.secret(), p.creds.passphrase()))
                .toList();
        String jwks = HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/credentials/jwks")
                .send()
                .body();
        Fuzz.Sealing sealing = (plaintext, ec) ->
                Sealer.sealRaw(jwks, plaintext, ec ? JWEAlgorithm.ECDH_ES : JWEAlgorithm.RSA_OAEP_256);
        Fuzz fuzz = new Fuzz(SEED, Instant.now().getEpochSecond());
        Map<String, Integer> answers = new TreeMap<>();

        for (int i = 0; i < CASES; i++) {
            boolean credentialCase = i % 2 == 0;
            String exchange;
            String method;
            String path;
            String credentials;
            String body;
            String idempotencyKey = null;
            Verdict verdict;
            String label;
            if (credentialCase) {
                Fuzz.CredentialCase c = fuzz.credentialCase(kalshiSeeds, polySeeds, sealing, true);
                exchange = c.exchange();
                credentials = c.header();
                verdict = c.verdict();
                boolean order = fuzz.random().nextInt(4) == 0;
                method = order ? "POST" : "GET";
                path = order ? "/orders" : "/balance";
                body = order
                        ? "{\"market_id\":\"" + (exchange.equals("kalshi") ? ticker : condition)
                                + "\",\"outcome\":\"Yes\",\"side\":\"buy\",\"price\":0.2,\"size\":10}"
                        : null;
                label = "case " + i + " credentials [" + exchange + " " + method + " " + path + "] " + c.description();
            } else {
                exchange = i % 4 == 1 ? "kalshi" : "polymarket";
                Fuzz.OrderCase c = fuzz.orderCase(exchange, exchange.equals("kalshi") ? ticker : condition, true);
                credentials = exchange.equals("kalshi")
                        ? kalshiAccounts.get(i % 3).header()
                        : polyAccounts.get(0).header();
                method = "POST";
                path = "/orders";
                body = c.body();
                idempotencyKey = c.idempotencyKey();
                verdict = c.verdict();
                label = "case " + i + " order [" + exchange + "] " + c.description();
            }
            int kalshiBefore = KALSHI.requests().size();
            int polyBefore = POLYMARKET.requests().size();
            int rejectionsBefore = POLYMARKET.rejections().size();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-API-Key", API_KEY);
            headers.put("X-Exchange-Credentials", credentials);
            if (idempotencyKey != null) {
                headers.put("Idempotency-Key", idempotencyKey);
            }
            RawHttp.Response r;
            try {
                r = RawHttp.send(port, method, "/api/v1" + path + "?exchange=" + exchange, headers, body);
            } catch (RuntimeException e) {
                failures.add(label + ": no answer: " + e);
                continue;
            }
            List<RecordedRequest> kalshiSeen =
                    KALSHI.requests().subList(kalshiBefore, KALSHI.requests().size());
            List<FakePolymarket.RecordedRequest> polySeen = POLYMARKET
                    .requests()
                    .subList(polyBefore, POLYMARKET.requests().size());
            List<String> rejections = POLYMARKET
                    .rejections()
                    .subList(rejectionsBefore, POLYMARKET.rejections().size());
            String code = r.status() < 300 ? "ok" : codeOf(r);
            answers.merge(r.status() + " " + code, 1, Integer::sum);
            check(label, r, verdict, credentialCase, kalshiSeen, polySeen, rejections, ticker);
        }

        List<String> canaries = new ArrayList<>();
        kalshiAccounts.forEach(a -> canaries.addAll(List.of(a.canaries())));
        polyAccounts.forEach(p -> canaries.addAll(List.of(p.canaries())));
        canaries.add(API_KEY);
        List<String> places = new ArrayList<>(Outputs.all());
        places.add(LOGS.all());
        KALSHI.requests().forEach(q -> places.add(q.dump()));
        POLYMARKET.requests().forEach(q -> {
            String text = q.allText();
            for (PolymarketAccount p : polyAccounts) {
                if (p.creds != null) {
                    text = text.replace(p.creds.passphrase(), "<POLY_PASSPHRASE header>");
                }
            }
            places.add(text);
        });
        for (String canary : canaries) {
            if (places.stream().anyMatch(p -> p.contains(canary))) {
                failures.add("a secret appears in an output, a log line or an upstream request");
            }
        }
        assertThat(failures)
                .as("fuzz failures (seed %s); answers %s", SEED, answers)
                .isEmpty();
        int successes = answers.entrySet().stream()
                .filter(e -> e.getKey().startsWith("2"))
                .mapToInt(Map.Entry::getValue)
                .sum();
        assertThat(successes)
                .as("the fuzzer also produces requests that go through: %s", answers)
                .isGreaterThan(CASES / 10);
        assertThat(CASES - successes)
                .as("and many that are refused: %s", answers)
                .isGreaterThan(CASES / 3);
    }

    private static String codeOf(RawHttp.Response r) {
        try {
            return MAPPER.readTree(r.body()).path("code").asText("?");
        } catch (Exception e) {
            return "not-json";
        }
    }

    private void check(
            String label,
            RawHttp.Response r,
            Verdict verdict,
            boolean credentialCase,
            List<RecordedRequest> kalshiSeen,
            List<FakePolymarket.RecordedRequest> polySeen,
            List<String> rejections,
            String ticker) {
        try {
            if (r.status() >= 400) {
                JsonNode error = assertSpecError(
                        r.asHttpCall(), 400, 401, 402, 403, 404, 409, 413, 429, 431, 501, 502, 503, 504);
                if (!credentialCase) {
                    assertThat(error.get("code").asText())
                            .as("good credentials are never an auth failure")
                            .isNotIn("authentication_failed", "invalid_credentials", "credentials_required");
                }
            } else {
                assertThat(r.status()).isIn(200, 201);
                JsonNode ok = r.json();
                assertThat(ok.has("available") || ok.has("id")).as(r.body()).isTrue();
                assertThat(verdict)
                        .as("an invalid case was accepted: " + r.body())
                        .isNotEqualTo(Verdict.INVALID);
            }
            if (verdict == Verdict.INVALID) {
                assertThat(r.status()).as("refused").matches(s -> s / 100 == 4 || s == 501);
                if (credentialCase) {
                    assertThat(kalshiSeen)
                            .as("upstream Kalshi calls for refused credentials")
                            .isEmpty();
                    assertThat(polySeen)
                            .as("upstream Polymarket calls for refused credentials")
                            .isEmpty();
                } else {
                    assertThat(kalshiSeen)
                            .as("upstream Kalshi calls for a refused order")
                            .isEmpty();
                    assertThat(polySeen)
                            .as("only public market metadata for a refused order")
                            .allSatisfy(
                                    q -> assertThat(q.method() + " " + q.path()).startsWith("GET /clob-markets/"));
                }
            }
            for (RecordedRequest q : kalshiSeen) {
                assertThat(q.header("KALSHI-ACCESS-KEY").orElse("")).matches(KALSHI_KEY);
                assertThat(q.header("KALSHI-ACCESS-TIMESTAMP").orElse("")).matches("[0-9]{13}");
                assertThat(q.header("KALSHI-ACCESS-SIGNATURE").orElse("")).matches(BASE64);
                assertThat(q.headers().keySet())
                        .noneMatch(h -> h.equalsIgnoreCase("X-Exchange-Credentials")
                                || h.equalsIgnoreCase("X-API-Key")
                                || h.equalsIgnoreCase("Idempotency-Key")
                                || h.equalsIgnoreCase("X-Injected"));
                if (q.method().equals("POST")) {
                    JsonNode o = MAPPER.readTree(q.bodyString());
                    assertThat(o.get("ticker").asText()).isEqualTo(ticker);
                    assertThat(o.get("price").asText()).matches("0\\.[0-9]{2,4}");
                    assertThat(new BigDecimal(o.get("price").asText()))
                            .isPositive()
                            .isLessThan(BigDecimal.ONE);
                    assertThat(o.get("count").asText()).matches("[0-9]+(\\.[0-9]{1,2})?");
                    assertThat(new BigDecimal(o.get("count").asText())).isPositive();
                    assertThat(o.get("side").asText()).isIn("bid", "ask");
                    assertThat(o.get("client_order_id").asText()).matches("[A-Za-z0-9_:+=/-]{1,64}");
                }
            }
            for (FakePolymarket.RecordedRequest q : polySeen) {
                assertThat(q.headers().keySet())
                        .noneMatch(h -> h.equalsIgnoreCase("X-Exchange-Credentials")
                                || h.equalsIgnoreCase("X-API-Key")
                                || h.equalsIgnoreCase("Idempotency-Key")
                                || h.equalsIgnoreCase("X-Injected"));
                if (q.method().equals("POST") && q.path().equals("/order")) {
                    JsonNode o = MAPPER.readTree(q.bodyText()).get("order");
                    assertThat(new BigInteger(o.get("makerAmount").asText())).isPositive();
                    assertThat(new BigInteger(o.get("takerAmount").asText())).isPositive();
                    assertThat(o.get("signature").asText()).matches("0x[0-9a-f]{130}");
                }
            }
            if (!credentialCase) {
                assertThat(rejections)
                        .as("CLOB refusals the gateway should have prevented")
                        .noneMatch(reason -> PREVENTABLE.stream().anyMatch(reason::startsWith));
            }
        } catch (AssertionError | Exception e) {
            failures.add(label + " -> " + r.status() + " "
                    + (r.body().length() > 300 ? r.body().substring(0, 300) : r.body()) + ": "
                    + e.getMessage().replaceAll("\\s+", " "));
        }
    }
}
