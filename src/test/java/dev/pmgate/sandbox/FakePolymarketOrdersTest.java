package dev.pmgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.polymarket.PolymarketAmounts;
import dev.pmgate.polymarket.PolymarketIdempotency;
import dev.pmgate.polymarket.PolymarketKeys;
import dev.pmgate.polymarket.PolymarketOrderSigner;
import dev.pmgate.polymarket.PolymarketOrderType;
import dev.pmgate.polymarket.PolymarketOrderV2;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.polymarket.PolymarketSignatureType;
import dev.pmgate.polymarket.PolymarketSignedOrder;
import dev.pmgate.polymarket.PolymarketWallet;
import dev.pmgate.sandbox.FakePolymarket.Account;
import dev.pmgate.sandbox.FakePolymarket.ApiCreds;
import dev.pmgate.sandbox.FakePolymarket.Market;
import dev.pmgate.sandbox.FakePolymarket.PlacedOrder;
import dev.pmgate.sandbox.FakePolymarket.Position;
import dev.pmgate.sandbox.FakePolymarketTestClient.Reply;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/** The fake's order checks, matching, cancels and read endpoints, driven by the signing library. */
class FakePolymarketOrdersTest {

    static final long NOW = 1_790_000_000L;
    private static final String KEY_A = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaf784d7bf4f2ff80";
    private static final String KEY_B = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private static final String STANDARD = "0x" + "11".repeat(32);
    private static final String NEG_RISK = "0x" + "22".repeat(32);
    private static final String YES = "1001";
    private static final String NR_YES = "2001";
    private static final String FUNDER = "0x1111111111111111111111111111111111111111";

    private FakePolymarket fake;
    private FakePolymarketTestClient client;
    private Account alice;
    private ApiCreds aliceCreds;
    private ECKeyPair aliceKey;
    private long salt;

    @BeforeEach
    void start() {
        fake = new FakePolymarket(137, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)).start();
        client = new FakePolymarketTestClient(fake.clobUrl());
        alice = fake.registerAccount(KEY_A);
        aliceKey = alice.keyPair();
        aliceCreds = fake.derivedCredentials(alice.address());
        fake.addMarket(Market.binary(STANDARD, YES, "1002", "0.01", false));
        fake.addMarket(Market.binary(NEG_RISK, NR_YES, "2002", "0.01", true));
        fake.setCollateral(alice.address(), new BigDecimal("100"));
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private Reply post(byte[] body) {
        return client.l2(aliceKey, aliceCreds, NOW, "POST", "/order", body);
    }

    private Reply get(String pathAndQuery) {
        return client.l2(aliceKey, aliceCreds, NOW, "GET", pathAndQuery, null);
    }

    private Reply delete(String path, String json) {
        return client.l2(
                aliceKey, aliceCreds, NOW, "DELETE", path, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] buy(String tokenId, boolean negRisk, String price, String size, String idempotencyKey) {
        return FakePolymarketTestClient.limitOrderBody(
                aliceKey,
                aliceCreds,
                tokenId,
                negRisk,
                PolymarketSide.BUY,
                price,
                size,
                PolymarketOrderType.GTC,
                0,
                idempotencyKey);
    }

    /** An order with hand-picked amounts (bypassing the library's own validation) and a fresh salt. */
    private PolymarketOrderV2 rawOrder(PolymarketSide side, long maker, long taker, long expiration) {
        return PolymarketOrderV2.limit(
                PolymarketWallet.eoa(aliceKey),
                new BigInteger(YES),
                side,
                new PolymarketAmounts.Amounts(BigInteger.valueOf(maker), BigInteger.valueOf(taker)),
                new PolymarketIdempotency.OrderIdentity(++salt, NOW * 1000),
                expiration);
    }

    /** The key-derived identity at the fake's fixed clock. */
    private static PolymarketIdempotency.OrderIdentity keyed(String key) {
        return PolymarketIdempotency.fromKey(key, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
                .current();
    }

    private byte[] signed(PolymarketOrderV2 order, PolymarketOrderType type) {
        return FakePolymarketTestClient.body(
                PolymarketOrderSigner.v2(137, false).sign(order, aliceKey), aliceCreds, type, false);
    }

    private static byte[] edit(byte[] body, String from, String to) {
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void placesAValidOrderAndServesItFromTheReadEndpoints() {
        Reply reply = post(buy(YES, false, "0.57", "10", "k1"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String id = reply.json().get("orderID").asText();
        assertThat(reply.body())
                .isEqualTo("{\"success\":true,\"errorMsg\":\"\",\"orderID\":\"" + id + "\",\"status\":\"live\","
                        + "\"makingAmount\":\"\",\"takingAmount\":\"\",\"transactionsHashes\":[],\"tradeIDs\":[]}");
        JsonNode listed = get("/data/orders?market=" + STANDARD).json();
        assertThat(listed.get("count").asInt()).isEqualTo(1);
        assertThat(listed.get("next_cursor").asText()).isEqualTo("LTE=");
        JsonNode open = listed.get("data").get(0);
        assertThat(open).isEqualTo(get("/data/order/" + id).json());
        assertThat(open.toString())
                .isEqualTo("{\"id\":\"" + id + "\",\"status\":\"LIVE\",\"owner\":\"" + aliceCreds.apiKey()
                        + "\",\"maker_address\":\"" + alice.address() + "\",\"market\":\"" + STANDARD
                        + "\",\"asset_id\":\"1001\","
                        + "\"side\":\"BUY\",\"original_size\":\"10\",\"size_matched\":\"0\",\"price\":\"0.57\",\"associate_trades\":[],"
                        + "\"outcome\":\"Yes\",\"created_at\":" + NOW
                        + ",\"expiration\":\"0\",\"order_type\":\"GTC\"}");
        PlacedOrder placed = fake.order(id).orElseThrow();
        assertThat(placed.price()).isEqualByComparingTo("0.57");
        assertThat(placed.salt())
                .isEqualTo(Long.toString(PolymarketIdempotency.fromKey("k1").salt()));
    }

    @Test
    void refusesADuplicateOrderHash() {
        assertThat(post(buy(YES, false, "0.57", "10", "same")).status()).isEqualTo(200);
        Reply again = post(buy(YES, false, "0.57", "10", "same"));

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.error()).matches("order 0x[0-9a-f]{64} is invalid\\. Duplicated\\.");
        assertThat(fake.orders()).hasSize(1);
    }

    @Test
    void aSignatureForTheWrongExchangeIsInvalid() {
        Reply standardSignedForNegRisk = post(buy(YES, true, "0.57", "10", "k"));
        Reply negRiskSignedForStandard = post(buy(NR_YES, false, "0.57", "10", "k"));

        assertThat(standardSignedForNegRisk.status()).isEqualTo(400);
        assertThat(standardSignedForNegRisk.error()).isEqualTo("invalid signature");
        assertThat(negRiskSignedForStandard.error()).isEqualTo("invalid signature");
        assertThat(fake.orders()).isEmpty();
    }

    @Test
    void aV1DomainSignatureOrV1FieldsAreAnOrderVersionMismatch() {
        PolymarketOrderV2 order = rawOrder(PolymarketSide.BUY, 5_700_000, 10_000_000, 0);
        PolymarketSignedOrder v1 = PolymarketOrderSigner.forDomain(
                        "1", 137, "0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E")
                .sign(order, aliceKey);
        Reply reply = post(FakePolymarketTestClient.body(v1, aliceCreds, PolymarketOrderType.GTC, false));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("order_version_mismatch");

        Reply v1Fields = post(edit(
                signed(order, PolymarketOrderType.GTC),
                "\"expiration\":\"0\"",
                "\"expiration\":\"0\",\"nonce\":\"0\",\"feeRateBps\":\"0\""));
        assertThat(v1Fields.error()).isEqualTo("order_version_mismatch");
    }

    @Test
    void theOwnerMustBeTheApiKeyAndTheSignerItsAddress() {
        Reply wrongOwner = post(edit(buy(YES, false, "0.57", "10", "k"), aliceCreds.apiKey(), "someone-else"));
        assertThat(wrongOwner.status()).isEqualTo(400);
        assertThat(wrongOwner.error()).isEqualTo("the order owner has to be the owner of the API KEY");

        ECKeyPair bob = PolymarketKeys.keyPair(KEY_B.toCharArray());
        byte[] bobsOrder = FakePolymarketTestClient.limitOrderBody(
                bob, aliceCreds, YES, false, PolymarketSide.BUY, "0.57", "10", PolymarketOrderType.GTC, 0, "k");
        assertThat(post(bobsOrder).error()).isEqualTo("the order signer address has to be the address of the API KEY");
    }

    @Test
    void checksPriceGridPrecisionAndMinimumSize() {
        Reply offTick = post(signed(rawOrder(PolymarketSide.BUY, 5_750_000, 10_000_000, 0), PolymarketOrderType.GTC));
        assertThat(offTick.error())
                .matches(
                        "order 0x[0-9a-f]{64} is invalid\\. Price \\(0\\.575\\) breaks minimum tick size rule: 0\\.01");

        Reply precision = post(signed(rawOrder(PolymarketSide.BUY, 5_700_570, 10_001_000, 0), PolymarketOrderType.GTC));
        assertThat(precision.error())
                .isEqualTo("invalid amounts, the buy orders maker amount supports a max accuracy of 4 "
                        + "decimals, taker amount a max of 2 decimals");

        Reply marketBuy = post(signed(rawOrder(PolymarketSide.BUY, 1_898_100, 3_330_000, 0), PolymarketOrderType.FOK));
        assertThat(marketBuy.error())
                .isEqualTo("invalid amounts, the market buy orders maker amount supports a max "
                        + "accuracy of 2 decimals, taker amount a max of 4 decimals");

        Reply small = post(buy(YES, false, "0.57", "1", "small"));
        assertThat(small.error()).matches("order 0x[0-9a-f]{64} is invalid\\. Size \\(1\\) lower than the minimum: 5");
        assertThat(fake.orders()).isEmpty();
    }

    @Test
    void checksBalanceIncludingWhatOpenOrdersReserve() {
        fake.setCollateral(alice.address(), new BigDecimal("10"));
        assertThat(post(buy(YES, false, "0.57", "10", "first")).status()).isEqualTo(200);

        Reply second = post(buy(YES, false, "0.57", "10", "second"));
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.error()).isEqualTo("not enough balance / allowance");

        Reply sell = post(FakePolymarketTestClient.limitOrderBody(
                aliceKey,
                aliceCreds,
                YES,
                false,
                PolymarketSide.SELL,
                "0.57",
                "10",
                PolymarketOrderType.GTC,
                0,
                "sell"));
        assertThat(sell.error()).isEqualTo("not enough balance / allowance");

        fake.setPosition(
                alice.address(), new Position(YES, BigDecimal.TEN, new BigDecimal("0.4"), null, BigDecimal.ZERO));
        assertThat(post(FakePolymarketTestClient.limitOrderBody(
                                aliceKey,
                                aliceCreds,
                                YES,
                                false,
                                PolymarketSide.SELL,
                                "0.57",
                                "10",
                                PolymarketOrderType.GTC,
                                0,
                                "sell"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void checksExpirationAndPostOnly() {
        Reply tooSoon = post(FakePolymarketTestClient.limitOrderBody(
                aliceKey,
                aliceCreds,
                YES,
                false,
                PolymarketSide.BUY,
                "0.57",
                "10",
                PolymarketOrderType.GTD,
                NOW + 59,
                "gtd"));
        assertThat(tooSoon.error()).isEqualTo("invalid expiration");
        // the CLOB's floor is inclusive: expiration >= now + 60 (maintainer, Polymarket/py-sdk#44 → #46)
        assertThat(post(FakePolymarketTestClient.limitOrderBody(
                                aliceKey,
                                aliceCreds,
                                YES,
                                false,
                                PolymarketSide.BUY,
                                "0.57",
                                "10",
                                PolymarketOrderType.GTD,
                                NOW + 60,
                                "gtd"))
                        .status())
                .isEqualTo(200);

        byte[] gtcWithExpiration = edit(
                signed(rawOrder(PolymarketSide.BUY, 5_700_000, 10_000_000, 0), PolymarketOrderType.GTC),
                "\"expiration\":\"0\"",
                "\"expiration\":\"" + (NOW + 3600) + "\"");
        assertThat(post(gtcWithExpiration).error()).isEqualTo("invalid expiration");

        byte[] postOnlyFok = edit(
                edit(buy(YES, false, "0.57", "10", "fok"), "\"postOnly\":false", "\"postOnly\":true"),
                "\"GTC\"",
                "\"FOK\"");
        assertThat(post(postOnlyFok).error())
                .isEqualTo("invalid post-only order: only GTC and GTD order types are allowed");
    }

    @Test
    void rejectsMalformedPayloads() {
        byte[] good = buy(YES, false, "0.57", "10", "k");
        String salt = "\"salt\":" + PolymarketIdempotency.fromKey("k").salt();
        assertThat(post(edit(good, salt, "\"salt\":\"1\"")).error()).isEqualTo("Invalid order payload");
        assertThat(post(edit(good, "\"side\":\"BUY\"", "\"side\":\"buy\"")).error())
                .isEqualTo("Invalid order payload");
        assertThat(post(edit(good, "\"signatureType\":0", "\"signatureType\":\"0\""))
                        .error())
                .isEqualTo("Invalid order payload");
        assertThat(post("not json".getBytes(StandardCharsets.UTF_8)).error()).isEqualTo("Invalid order payload");
        assertThat(post(edit(good, "\"GTC\"", "\"IOC\"")).error()).isEqualTo("Invalid order payload");
    }

    @Test
    void cancelsOwnLiveOrdersOnly() {
        String first =
                post(buy(YES, false, "0.57", "10", "a")).json().get("orderID").asText();
        String second =
                post(buy(YES, false, "0.56", "10", "b")).json().get("orderID").asText();
        String third =
                post(buy(NR_YES, true, "0.40", "10", "c")).json().get("orderID").asText();

        assertThat(delete("/order", "{\"orderID\":\"" + first + "\"}").body())
                .isEqualTo("{\"canceled\":[\"" + first + "\"],\"not_canceled\":{}}");
        JsonNode again = delete("/order", "{\"orderID\":\"" + first + "\"}").json();
        assertThat(again.get("canceled")).isEmpty();
        assertThat(again.get("not_canceled").has(first)).isTrue();
        assertThat(get("/data/order/" + first).json().get("status").asText()).isEqualTo("CANCELED");
        assertThat(get("/data/order/0x" + "99".repeat(32)).status()).isEqualTo(404);

        JsonNode market = delete("/cancel-market-orders", "{\"market\":\"" + NEG_RISK + "\"}")
                .json();
        assertThat(market.get("canceled").get(0).asText()).isEqualTo(third);
        JsonNode all = delete("/cancel-all", null).json();
        assertThat(all.get("canceled").get(0).asText()).isEqualTo(second);
        assertThat(get("/data/orders").json().get("data")).isEmpty();
        assertThat(delete("/order", "{}").error()).isEqualTo("Invalid orderID");
    }

    @Test
    void crossingLiquidityFillsAndKillsTheRestOfAFakOrder() {
        fake.setCrossingLiquidity(YES, new BigDecimal("4"));
        Reply fak = post(signed(rawOrder(PolymarketSide.BUY, 5_700_000, 10_000_000, 0), PolymarketOrderType.FAK));

        assertThat(fak.status()).as(fak.body()).isEqualTo(200);
        assertThat(fak.json().get("status").asText()).isEqualTo("matched");
        assertThat(fak.json().get("makingAmount").asText()).isEqualTo("2.28");
        assertThat(fak.json().get("takingAmount").asText()).isEqualTo("4");
        String id = fak.json().get("orderID").asText();
        PlacedOrder order = fake.order(id).orElseThrow();
        assertThat(order.status()).isEqualTo("CANCELED");
        assertThat(order.sizeMatched()).isEqualByComparingTo("4");

        JsonNode trade =
                get("/data/trades?market=" + STANDARD).json().get("data").get(0);
        assertThat(trade.get("taker_order_id").asText()).isEqualTo(id);
        assertThat(trade.get("trader_side").asText()).isEqualTo("TAKER");
        assertThat(trade.get("size").asText()).isEqualTo("4");
        assertThat(trade.get("price").asText()).isEqualTo("0.57");
        assertThat(trade.get("id").asText())
                .isEqualTo(fak.json().get("tradeIDs").get(0).asText());

        assertThat(get("/balance-allowance?asset_type=COLLATERAL&signature_type=0")
                        .json()
                        .get("balance")
                        .asText())
                .isEqualTo("97720000");
        assertThat(get("/balance-allowance?asset_type=CONDITIONAL&token_id=1001&signature_type=0")
                        .json()
                        .get("balance")
                        .asText())
                .isEqualTo("4000000");
        JsonNode position = client.send("GET", "/data-api/positions?user=" + alice.address(), null, java.util.Map.of())
                .json()
                .get(0);
        assertThat(position.get("size").decimalValue()).isEqualByComparingTo("4");
        assertThat(position.get("avgPrice").decimalValue()).isEqualByComparingTo("0.57");
        assertThat(position.get("conditionId").asText()).isEqualTo(STANDARD);
        assertThat(position.get("outcome").asText()).isEqualTo("Yes");

        Reply fok = post(signed(rawOrder(PolymarketSide.BUY, 5_700_000, 10_000_000, 0), PolymarketOrderType.FOK));
        assertThat(fok.error()).isEqualTo("order couldn't be fully filled. FOK orders are fully filled or killed.");
    }

    @Test
    void aPostOnlyOrderThatWouldCrossIsRefused() {
        fake.setCrossingLiquidity(YES, BigDecimal.ONE);
        byte[] postOnly = edit(buy(YES, false, "0.57", "10", "po"), "\"postOnly\":false", "\"postOnly\":true");
        assertThat(post(postOnly).error()).isEqualTo("invalid post-only order: order crosses book");
    }

    @Test
    void aRestingOrderFilledByACounterpartyShowsAsAMakerTrade() {
        String id = post(buy(YES, false, "0.57", "10", "rest"))
                .json()
                .get("orderID")
                .asText();
        fake.fillOrder(id, new BigDecimal("2.5"));

        JsonNode open = get("/data/order/" + id).json();
        assertThat(open.get("size_matched").asText()).isEqualTo("2.5");
        assertThat(open.get("status").asText()).isEqualTo("LIVE");
        JsonNode trade = get("/data/trades").json().get("data").get(0);
        assertThat(trade.get("trader_side").asText()).isEqualTo("MAKER");
        assertThat(trade.get("side").asText()).isEqualTo("SELL");
        assertThat(trade.get("maker_orders").get(0).get("order_id").asText()).isEqualTo(id);
        assertThat(trade.get("maker_orders").get(0).get("matched_amount").asText())
                .isEqualTo("2.5");
        assertThat(open.get("associate_trades").get(0).asText())
                .isEqualTo(trade.get("id").asText());
    }

    @Test
    void seededTradesAreListedForTheirAccountAndFilteredByTime() {
        fake.addTrade(new FakePolymarket.Trade(
                "t-old",
                alice.address(),
                "0x" + "01".repeat(32),
                YES,
                PolymarketSide.BUY,
                BigDecimal.ONE,
                new BigDecimal("0.3"),
                "CONFIRMED",
                NOW - 100,
                "TAKER"));
        fake.addTrade(new FakePolymarket.Trade(
                "t-new",
                alice.address(),
                "0x" + "02".repeat(32),
                NR_YES,
                PolymarketSide.SELL,
                new BigDecimal("2.5"),
                new BigDecimal("0.6"),
                "MINED",
                NOW,
                "TAKER"));
        fake.addTrade(new FakePolymarket.Trade(
                "t-bob",
                "0x" + "33".repeat(20),
                "0x" + "03".repeat(32),
                YES,
                PolymarketSide.BUY,
                BigDecimal.ONE,
                new BigDecimal("0.3"),
                "CONFIRMED",
                NOW,
                "TAKER"));

        JsonNode all = get("/data/trades").json();
        assertThat(all.get("count").asInt()).isEqualTo(2);
        JsonNode recent = get("/data/trades?after=" + (NOW - 10)).json().get("data");
        assertThat(recent).hasSize(1);
        assertThat(recent.get(0).get("id").asText()).isEqualTo("t-new");
        assertThat(recent.get(0).get("market").asText()).isEqualTo(NEG_RISK);
        assertThat(recent.get(0).get("outcome").asText()).isEqualTo("Yes");
        assertThat(recent.get(0).get("status").asText()).isEqualTo("MINED");
        assertThat(recent.get(0).get("match_time").asText()).isEqualTo(Long.toString(NOW));
        assertThat(get("/data/trades?asset_id=" + YES)
                        .json()
                        .get("data")
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo("t-old");
    }

    @Test
    void pagesWithBase64OffsetCursors() {
        fake.setPageSize(2);
        for (String key : List.of("p1", "p2", "p3")) {
            assertThat(post(buy(YES, false, "0.5", "10", key)).status()).isEqualTo(200);
        }
        JsonNode first = get("/data/orders?next_cursor=MA%3D%3D").json();
        assertThat(first.get("data")).hasSize(2);
        assertThat(first.get("next_cursor").asText()).isEqualTo("Mg==");
        JsonNode second = get("/data/orders?next_cursor=Mg%3D%3D").json();
        assertThat(second.get("data")).hasSize(1);
        assertThat(second.get("next_cursor").asText()).isEqualTo("LTE=");
        assertThat(get("/data/orders?next_cursor=LTE%3D").json().get("data")).isEmpty();
        assertThat(get("/data/orders?next_cursor=%25%25").status()).isEqualTo(400);
    }

    @Test
    void proxyWalletOrdersNeedTheRegisteredFunderAsMaker() {
        fake.setFunder(alice.address(), PolymarketSignatureType.POLY_PROXY, FUNDER);
        fake.setCollateral(FUNDER, new BigDecimal("50"));
        PolymarketOrderV2 viaProxy = PolymarketOrderV2.limit(
                PolymarketWallet.of(aliceKey, PolymarketSignatureType.POLY_PROXY, FUNDER),
                new BigInteger(YES),
                PolymarketSide.BUY,
                new PolymarketAmounts.Amounts(BigInteger.valueOf(5_700_000), BigInteger.valueOf(10_000_000)),
                keyed("proxy"),
                0);
        assertThat(post(signed(viaProxy, PolymarketOrderType.GTC)).status()).isEqualTo(200);
        assertThat(get("/balance-allowance?asset_type=COLLATERAL&signature_type=1")
                        .json()
                        .get("balance")
                        .asText())
                .isEqualTo("50000000");

        PolymarketOrderV2 viaSafe = PolymarketOrderV2.limit(
                PolymarketWallet.of(aliceKey, PolymarketSignatureType.POLY_GNOSIS_SAFE, FUNDER),
                new BigInteger(YES),
                PolymarketSide.BUY,
                new PolymarketAmounts.Amounts(BigInteger.valueOf(5_700_000), BigInteger.valueOf(10_000_000)),
                keyed("safe"),
                0);
        assertThat(post(signed(viaSafe, PolymarketOrderType.GTC)).error()).isEqualTo("invalid signature");
    }

    @Test
    void aBatchReportsPerOrderFailuresInside200() {
        String good = new String(buy(YES, false, "0.57", "10", "batch-1"), StandardCharsets.UTF_8);
        String small = new String(buy(YES, false, "0.57", "1", "batch-2"), StandardCharsets.UTF_8);
        Reply reply = client.l2(
                aliceKey,
                aliceCreds,
                NOW,
                "POST",
                "/orders",
                ("[" + good + "," + small + "]").getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get(0).get("success").asBoolean()).isTrue();
        assertThat(reply.json().get(1).get("success").asBoolean()).isFalse();
        assertThat(reply.json().get(1).get("errorMsg").asText()).contains("lower than the minimum");
    }

    @Test
    void everyOrderOfABatchIsVerifiedAndABatchOverFifteenIsRefusedWhole() {
        String good = new String(buy(YES, false, "0.57", "10", "batch-ok"), StandardCharsets.UTF_8);
        String tampered = new String(buy(YES, false, "0.57", "10", "batch-tampered"), StandardCharsets.UTF_8)
                .replace("\"makerAmount\":\"5700000\"", "\"makerAmount\":\"5700001\"");
        assertThat(tampered).contains("5700001");
        Reply reply = client.l2(
                aliceKey,
                aliceCreds,
                NOW,
                "POST",
                "/orders",
                ("[" + tampered + "," + good + "]").getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get(0).get("success").asBoolean()).isFalse();
        assertThat(reply.json().get(0).get("errorMsg").asText()).isEqualTo("invalid signature");
        assertThat(reply.json().get(1).get("success").asBoolean()).isTrue();
        assertThat(fake.orders()).hasSize(1);

        List<String> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add(new String(buy(YES, false, "0.57", "10", "sixteen-" + i), StandardCharsets.UTF_8));
        }
        Reply tooMany = client.l2(
                aliceKey,
                aliceCreds,
                NOW,
                "POST",
                "/orders",
                ("[" + String.join(",", sixteen) + "]").getBytes(StandardCharsets.UTF_8));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error()).contains("Too many orders in payload: 16, max allowed: 15");
        assertThat(fake.orders()).hasSize(1);
    }

    @Test
    void theSameOrderSentConcurrentlyIsPlacedOnce() throws Exception {
        byte[] body = buy(YES, false, "0.57", "10", "race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> post(body));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Reply> future : pool.invokeAll(calls)) {
                statuses.add(future.get().status());
            }
            assertThat(statuses)
                    .containsOnly(200, 400)
                    .filteredOn(s -> s == 200)
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fake.orders()).hasSize(1);
    }

    @Test
    void balanceAndPositionQueriesValidateTheirParameters() {
        assertThat(get("/balance-allowance?signature_type=0").error()).isEqualTo("Invalid asset type");
        assertThat(get("/balance-allowance?asset_type=CONDITIONAL&signature_type=0")
                        .error())
                .isEqualTo("Invalid token id");
        assertThat(get("/balance-allowance?asset_type=COLLATERAL").error()).isEqualTo("Invalid signature_type");
        JsonNode balance =
                get("/balance-allowance?asset_type=COLLATERAL&signature_type=0").json();
        assertThat(balance.get("balance").asText()).isEqualTo("100000000");
        assertThat(balance.get("allowances").has(PolymarketOrderSigner.EXCHANGE_V2))
                .isTrue();

        fake.setPosition(alice.address(), new Position(YES, new BigDecimal("0.5"), new BigDecimal("0.4"), null, null));
        fake.setPosition(
                alice.address(),
                new Position(
                        NR_YES, new BigDecimal("3"), new BigDecimal("0.4"), new BigDecimal("0.5"), BigDecimal.ZERO));
        assertThat(client.send("GET", "/data-api/positions", null, java.util.Map.of())
                        .status())
                .isEqualTo(400);
        JsonNode positions = client.send("GET", "/data-api/positions?user=" + alice.address(), null, java.util.Map.of())
                .json();
        assertThat(positions).hasSize(1);
        assertThat(positions.get(0).get("negativeRisk").asBoolean()).isTrue();
        assertThat(positions.get(0).get("currentValue").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(client.send(
                                "GET",
                                "/data-api/positions?sizeThreshold=0&market=" + STANDARD + "&user=" + alice.address(),
                                null,
                                java.util.Map.of())
                        .json())
                .hasSize(1);
    }
}
