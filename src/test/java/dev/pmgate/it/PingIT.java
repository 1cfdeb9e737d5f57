package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import dev.pmgate.support.LeakScanner;
import dev.pmgate.support.ParsecModels;
import dev.pmgate.support.PolymarketAccount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §8 {@code GET /api/v1/ping}: always 200 once the API key is valid; refusals are entries, not errors. */
class PingIT extends GatewayIT {

    private final List<HttpCall.Response> answers = new ArrayList<>();

    private Map<String, JsonNode> ping(String query, String credentials) {
        HttpCall.Response r = api("GET", "/ping" + query)
                .header("X-Exchange-Credentials", credentials)
                .send();
        answers.add(r);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(ParsecModels.ping(r.json())).as(r.body()).isEmpty();
        Map<String, JsonNode> byExchange = new LinkedHashMap<>();
        r.json().forEach(e -> byExchange.put(e.get("exchange").asText(), e));
        return byExchange;
    }

    private static KalshiAccount kalshiAccount() {
        KalshiAccount a = new KalshiAccount(KeyFormat.RSA_PKCS1);
        KALSHI.registerKey(a.keyId, a.keyPair.getPublic());
        KALSHI.setBalance(a.keyId, new BigDecimal("5"));
        return a;
    }

    @Test
    void withoutCredentialsEveryExchangeSaysSo() {
        Map<String, JsonNode> all = ping("", null);
        assertThat(all).containsOnlyKeys("kalshi", "polymarket");
        all.values().forEach(e -> {
            assertThat(e.get("has_credentials").asBoolean()).isFalse();
            assertThat(e.get("authenticated").asBoolean()).isFalse();
        });
        assertThat(ping("?exchange=polymarket", null)).containsOnlyKeys("polymarket");
    }

    @Test
    void credentialsAreProvenByOneSignedReadOnTheirExchangeOnly() {
        KalshiAccount k = kalshiAccount();
        long balanceReads = KALSHI.requests().stream()
                .filter(q -> q.rawPath().endsWith("/portfolio/balance")
                        && k.keyId.equals(q.header("KALSHI-ACCESS-KEY").orElse(null)))
                .count();
        Map<String, JsonNode> byShape = ping("", k.header());
        assertThat(byShape.get("kalshi").get("has_credentials").asBoolean()).isTrue();
        assertThat(byShape.get("kalshi").get("authenticated").asBoolean())
                .as(byShape.toString())
                .isTrue();
        assertThat(byShape.get("polymarket").get("has_credentials").asBoolean())
                .as("Kalshi-shaped credentials")
                .isFalse();
        assertThat(KALSHI.requests().stream()
                                .filter(q -> q.rawPath().endsWith("/portfolio/balance")
                                        && k.keyId.equals(
                                                q.header("KALSHI-ACCESS-KEY").orElse(null)))
                                .count()
                        - balanceReads)
                .as("one signed read")
                .isEqualTo(1);

        PolymarketAccount keyOnly = PolymarketAccount.keyOnly(POLYMARKET);
        int derives = POLYMARKET.deriveCalls(keyOnly.address());
        Map<String, JsonNode> poly = ping("", keyOnly.header());
        assertThat(poly.get("polymarket").get("authenticated").asBoolean())
                .as(poly.toString())
                .isTrue();
        assertThat(poly.get("kalshi").get("has_credentials").asBoolean()).isFalse();
        assertThat(POLYMARKET.deriveCalls(keyOnly.address()) - derives)
                .as("the L1 derive proves the key")
                .isEqualTo(1);

        PolymarketAccount full = PolymarketAccount.withClobCredentials(POLYMARKET);
        assertThat(ping("?exchange=polymarket", full.header())
                        .get("polymarket")
                        .get("authenticated")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aRefusalIsAnEntryWithTheReasonNotAnError() {
        KalshiAccount unknown = new KalshiAccount(KeyFormat.ED25519); // never registered at the exchange
        JsonNode k = ping("?exchange=kalshi", unknown.header()).get("kalshi");
        assertThat(k.get("has_credentials").asBoolean()).isTrue();
        assertThat(k.get("authenticated").asBoolean()).isFalse();
        assertThat(k.get("message").asText()).isNotBlank();

        PolymarketAccount revoked = PolymarketAccount.withClobCredentials(POLYMARKET);
        POLYMARKET.revokeApiKey(revoked.creds.apiKey());
        JsonNode p = ping("", revoked.header()).get("polymarket");
        assertThat(p.get("authenticated").asBoolean()).isFalse();
        assertThat(p.get("message").asText()).isNotBlank();

        // credentials that are not even readable: reported against the exchange asked, still 200
        JsonNode garbled = ping("?exchange=kalshi", "%%% not base64").get("kalshi");
        assertThat(garbled.get("has_credentials").asBoolean()).isTrue();
        assertThat(garbled.get("authenticated").asBoolean()).isFalse();
        assertThat(garbled.get("message").asText()).contains("X-Exchange-Credentials");
        Map<String, JsonNode> unreadable = ping("", "%%% not base64");
        unreadable
                .values()
                .forEach(e -> assertThat(e.get("authenticated").asBoolean()).isFalse());
    }

    @Test
    void pingStillNeedsTheApiKeyAndAKnownExchange() {
        HttpCall.Response anonymous =
                HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/ping").send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("x-should-retry")).isEqualTo("false");
        HttpCall.Response unknown = api("GET", "/ping?exchange=kraken").send();
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("exchange_not_found");
        HttpCall.Response smuggled = api("GET", "/ping?private_key=0xabc").send();
        assertThat(smuggled.status()).isEqualTo(400);
    }

    @Test
    void pingLeaksNothing() {
        KalshiAccount k = kalshiAccount();
        KalshiAccount stranger = new KalshiAccount(KeyFormat.RSA_PKCS8);
        PolymarketAccount keyOnly = PolymarketAccount.keyOnly(POLYMARKET);
        PolymarketAccount full = PolymarketAccount.withClobCredentials(POLYMARKET);
        for (String query : List.of("", "?exchange=kalshi", "?exchange=polymarket")) {
            for (String header : List.of(k.header(), stranger.header(), keyOnly.header(), full.header())) {
                ping(query, header);
            }
        }
        List<String> secrets = new ArrayList<>();
        secrets.addAll(List.of(k.canaries()));
        secrets.addAll(List.of(stranger.canaries()));
        secrets.addAll(List.of(keyOnly.canaries()));
        secrets.addAll(List.of(full.canaries()));
        secrets.add(POLYMARKET.derivedCredentials(keyOnly.address()).secret());
        secrets.add(POLYMARKET.derivedCredentials(keyOnly.address()).passphrase());
        secrets.add(API_KEY);
        LeakScanner.assertNoLeak(
                "ping response",
                answers.stream().map(r -> r.headers() + " " + r.body()).toList(),
                secrets);
        LeakScanner.assertNoLeak("log line", LOGS.lines(), secrets);
    }
}
