package dev.pmgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pmgate.polymarket.PolymarketKeys;
import dev.pmgate.polymarket.PolymarketOrderType;
import dev.pmgate.polymarket.PolymarketSide;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/**
 * The sandbox exchanges by themselves: paper accounts on first use, the house's liquidity that comes back,
 * fills at the house's price, and the memory bounds (accounts, orders, fills/trades; oldest evicted).
 */
class SandboxTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Sandbox start(String paper, int accounts, int orders) {
        sandbox = Sandbox.start(new Sandbox.Settings(new BigDecimal(paper), accounts, orders), 137);
        return sandbox;
    }

    // ------------------------------------------------------------------ Kalshi

    @Test
    void kalshiKeyIdOpensAFundedAccountOnFirstUseAndStaysBoundToItsPublicKey() throws Exception {
        start("250", 10, 100);
        KeyPair key = rsa();
        String id = UUID.randomUUID().toString();
        assertThat(kalshiGet(id, key, "/portfolio/balance").statusCode())
                .as("unknown before first use")
                .isEqualTo(401);

        sandbox.beforeSigning(id, key.getPublic());
        HttpResponse<String> balance = kalshiGet(id, key, "/portfolio/balance");
        assertThat(balance.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(balance.body()).get("balance").asLong())
                .as("cents")
                .isEqualTo(25_000);

        sandbox.beforeSigning(id, rsa().getPublic());
        assertThat(kalshiGet(id, key, "/portfolio/balance").statusCode())
                .as("first key still works")
                .isEqualTo(200);
        assertThat(sandbox.kalshi().footprint().accounts()).isEqualTo(1);
    }

    @Test
    void kalshiHouseQuotesComeBackAfterBeingTakenInFull() throws Exception {
        start("100000", 10, 100);
        KeyPair key = rsa();
        String id = UUID.randomUUID().toString();
        sandbox.beforeSigning(id, key.getPublic());
        SandboxSeed.KalshiMarket market = SandboxSeed.KALSHI.get(0);
        SandboxSeed.Quote best = market.yesAsks().get(0);
        for (int i = 0; i < 2; i++) {
            JsonNode placed = MAPPER.readTree(kalshiCreate(
                            id,
                            key,
                            market.ticker(),
                            "bid",
                            best.price().toPlainString(),
                            best.size().toPlainString())
                    .body());
            assertThat(placed.get("fill_count").asText())
                    .as("round " + i + ": " + placed)
                    .isEqualTo(best.size().setScale(2).toPlainString());
        }
    }

    @Test
    void kalshiAccountsOrdersAndFillsAreBoundedOldestFirst() throws Exception {
        start("100000", 3, 5);
        List<String> ids = new ArrayList<>();
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(UUID.randomUUID().toString());
            keys.add(rsa());
            sandbox.beforeSigning(ids.get(i), keys.get(i).getPublic());
        }
        FakeKalshi.Footprint footprint = sandbox.kalshi().footprint();
        assertThat(footprint.accounts()).isEqualTo(3);
        assertThat(footprint.keys()).isEqualTo(3);
        assertThat(kalshiGet(ids.get(0), keys.get(0), "/portfolio/balance").statusCode())
                .as("evicted")
                .isEqualTo(401);
        assertThat(kalshiGet(ids.get(4), keys.get(4), "/portfolio/balance").statusCode())
                .isEqualTo(200);

        String ticker = SandboxSeed.KALSHI.get(0).ticker();
        for (int i = 0; i < 12; i++) {
            // alternately a resting bid and a marketable one (a fill each)
            String price = i % 2 == 0 ? "0.30" : "0.44";
            assertThat(kalshiCreate(ids.get(4), keys.get(4), ticker, "bid", price, "1")
                            .statusCode())
                    .isEqualTo(201);
        }
        footprint = sandbox.kalshi().footprint();
        assertThat(footprint.orders()).isEqualTo(5);
        assertThat(footprint.fills()).isBetween(1, 5);
        assertThat(footprint.recordedRequests()).isZero();
        JsonNode listed = MAPPER.readTree(kalshiGet(ids.get(4), keys.get(4), "/portfolio/orders?limit=100")
                .body());
        assertThat(listed.get("orders")).as("the newest orders are kept").hasSize(5);
    }

    // ------------------------------------------------------------------ Polymarket

    @Test
    void polymarketWalletHasPaperMoneyAndFillsAtTheHousePrice() {
        start("1000", 10, 100);
        ECKeyPair wallet = PolymarketKeys.keyPair(newPolymarketKey().toCharArray());
        FakePolymarket.ApiCreds creds = createApiKey(wallet);
        FakePolymarketTestClient client = new FakePolymarketTestClient(sandbox.polymarketClobUrl());
        FakePolymarketTestClient.Reply balance = client.l2(
                wallet, creds, now(), "GET", "/balance-allowance?asset_type=COLLATERAL&signature_type=0", null);
        assertThat(balance.json().get("balance").asText()).isEqualTo("1000000000");

        SandboxSeed.PolymarketMarket market = SandboxSeed.POLYMARKET.get(0);
        FakePolymarketTestClient.Reply placed = client.l2(
                wallet,
                creds,
                now(),
                "POST",
                "/order",
                FakePolymarketTestClient.limitOrderBody(
                        wallet,
                        creds,
                        market.yesTokenId(),
                        false,
                        PolymarketSide.BUY,
                        "0.50",
                        "10",
                        PolymarketOrderType.GTC,
                        0,
                        "sandbox-" + UUID.randomUUID(),
                        java.time.Clock.systemUTC()));
        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
        assertThat(placed.json().get("status").asText()).isEqualTo("matched");
        BigDecimal ask = market.yesAsks().get(0).price();
        assertThat(new BigDecimal(placed.json().get("makingAmount").asText()))
                .as("pUSD paid at the house's ask, not the limit")
                .isEqualByComparingTo(ask.multiply(BigDecimal.TEN));
        assertThat(new BigDecimal(placed.json().get("takingAmount").asText())).isEqualByComparingTo("10");

        FakePolymarketTestClient.Reply passive = client.l2(
                wallet,
                creds,
                now(),
                "POST",
                "/order",
                FakePolymarketTestClient.limitOrderBody(
                        wallet,
                        creds,
                        market.yesTokenId(),
                        false,
                        PolymarketSide.BUY,
                        "0.10",
                        "10",
                        PolymarketOrderType.GTC,
                        0,
                        "sandbox-" + UUID.randomUUID(),
                        java.time.Clock.systemUTC()));
        assertThat(passive.json().get("status").asText()).isEqualTo("live");
    }

    @Test
    void polymarketWalletsOrdersAndTradesAreBoundedOldestFirst() {
        start("1000", 3, 4);
        List<ECKeyPair> wallets = new ArrayList<>();
        List<FakePolymarket.ApiCreds> creds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ECKeyPair wallet = PolymarketKeys.keyPair(newPolymarketKey().toCharArray());
            wallets.add(wallet);
            creds.add(createApiKey(wallet));
        }
        FakePolymarket.Footprint footprint = sandbox.polymarket().footprint();
        assertThat(footprint.wallets()).isEqualTo(3);
        assertThat(footprint.apiKeys()).isEqualTo(3);
        FakePolymarketTestClient client = new FakePolymarketTestClient(sandbox.polymarketClobUrl());
        assertThat(client.l2(wallets.get(0), creds.get(0), now(), "GET", "/data/orders", null)
                        .status())
                .as("the evicted wallet's key is gone")
                .isEqualTo(401);

        SandboxSeed.PolymarketMarket market = SandboxSeed.POLYMARKET.get(0);
        for (int i = 0; i < 10; i++) {
            String price = i % 2 == 0 ? "0.10" : "0.50";
            FakePolymarketTestClient.Reply placed = client.l2(
                    wallets.get(4),
                    creds.get(4),
                    now(),
                    "POST",
                    "/order",
                    FakePolymarketTestClient.limitOrderBody(
                            wallets.get(4),
                            creds.get(4),
                            market.yesTokenId(),
                            false,
                            PolymarketSide.BUY,
                            price,
                            "5",
                            PolymarketOrderType.GTC,
                            0,
                            "bound-" + UUID.randomUUID(),
                            java.time.Clock.systemUTC()));
            assertThat(placed.status()).as(placed.body()).isEqualTo(200);
        }
        footprint = sandbox.polymarket().footprint();
        assertThat(footprint.orders()).isEqualTo(4);
        assertThat(footprint.trades()).isBetween(1, 4);
        assertThat(footprint.recordedRequests()).isZero();
    }

    // ------------------------------------------------------------------ helpers

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String newPolymarketKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        key[0] = (byte) (key[0] & 0x7f | 0x01);
        return "0x" + HexFormat.of().formatHex(key);
    }

    /** L1 {@code POST /auth/api-key}, as a new wallet does on the real CLOB. */
    private FakePolymarket.ApiCreds createApiKey(ECKeyPair wallet) {
        long ts = now();
        var headers = dev.pmgate.polymarket.PolymarketL1Auth.headers(wallet, ts, 0, 137);
        FakePolymarketTestClient.Reply created =
                new FakePolymarketTestClient(sandbox.polymarketClobUrl()).send("POST", "/auth/api-key", null, headers);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return new FakePolymarket.ApiCreds(
                created.json().get("apiKey").asText(),
                created.json().get("secret").asText(),
                created.json().get("passphrase").asText());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private HttpResponse<String> kalshiGet(String keyId, KeyPair key, String path) throws Exception {
        return kalshi(keyId, key, "GET", path, null);
    }

    private HttpResponse<String> kalshiCreate(
            String keyId, KeyPair key, String ticker, String side, String price, String count) throws Exception {
        String body = "{\"ticker\":\"" + ticker + "\",\"side\":\"" + side + "\",\"price\":\"" + price
                + "\",\"count\":\"" + count + "\",\"time_in_force\":\"good_till_canceled\","
                + "\"self_trade_prevention_type\":\"taker_at_cross\"}";
        return kalshi(keyId, key, "POST", "/portfolio/events/orders", body);
    }

    private HttpResponse<String> kalshi(String keyId, KeyPair key, String method, String pathAndQuery, String body)
            throws Exception {
        String ts = Long.toString(System.currentTimeMillis());
        String signedPath = "/trade-api/v2"
                + (pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.kalshiBaseUrl() + pathAndQuery))
                .header("KALSHI-ACCESS-KEY", keyId)
                .header("KALSHI-ACCESS-TIMESTAMP", ts)
                .header("KALSHI-ACCESS-SIGNATURE", KalshiTestSigner.sign(key.getPrivate(), ts + method + signedPath))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
