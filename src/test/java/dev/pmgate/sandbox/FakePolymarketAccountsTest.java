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
import dev.pmgate.polymarket.PolymarketWallet;
import dev.pmgate.sandbox.FakePolymarket.Account;
import dev.pmgate.sandbox.FakePolymarket.ApiCreds;
import dev.pmgate.sandbox.FakePolymarket.Market;
import dev.pmgate.sandbox.FakePolymarket.Position;
import dev.pmgate.sandbox.FakePolymarketTestClient.Reply;
import dev.pmgate.support.TestData;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.ECKeyPair;

/**
 * The fake against {@code vectors/polymarket-accounts-2026.json}: deposit-wallet (type 3) orders as the official
 * clients send them, Protocol-V2 markets on ExchangeV3, wrong domains refused, statuses, CONDITIONAL-V2 and
 * Data API v2 positions paging.
 */
class FakePolymarketAccountsTest {

    private static final JsonNode V = TestData.json("vectors/polymarket-accounts-2026.json");
    private static final long NOW = V.at("/inputs/headerTimestampSeconds").asLong();
    private static final String OTHER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    private FakePolymarket fake;
    private FakePolymarketTestClient client;
    private Account eoa;
    private ApiCreds creds;
    private String wallet;
    private Market v2Market;

    @BeforeEach
    void start() {
        fake = new FakePolymarket(137, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)).start();
        client = new FakePolymarketTestClient(fake.clobUrl());
        creds = new ApiCreds(
                V.at("/inputs/apiCreds/key").asText(),
                V.at("/inputs/apiCreds/secret").asText(),
                V.at("/inputs/apiCreds/passphrase").asText());
        eoa = fake.registerAccount(V.at("/inputs/privateKey").asText(), creds);
        wallet = V.at("/inputs/depositWallet").asText();
        fake.registerDepositWallet(eoa.address(), wallet);
        fake.addMarket(Market.binary(
                "0x" + "a1".repeat(32),
                V.at("/inputs/tokens/standardYes/tokenId").asText(),
                "11",
                "0.01",
                false));
        fake.addMarket(Market.binary(
                "0x" + "b2".repeat(32),
                V.at("/inputs/tokens/negRiskYes/tokenId").asText(),
                "22",
                "0.001",
                true));
        v2Market = Market.protocolV2(V.at("/inputs/protocolV2ConditionId31").asText(), "0.01");
        fake.addMarket(v2Market);
        for (String holder : List.of(wallet, eoa.address())) {
            fake.setCollateral(holder, new BigDecimal("100"));
            V.at("/inputs/tokens")
                    .forEach(t -> fake.setPosition(
                            holder,
                            new Position(
                                    t.get("tokenId").asText(),
                                    new BigDecimal("20"),
                                    new BigDecimal("0.5"),
                                    null,
                                    BigDecimal.ZERO)));
        }
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private Reply replay(String name) {
        JsonNode post = V.at("/orders/" + name + "/postOrder");
        Map<String, String> headers = new LinkedHashMap<>();
        post.get("headers").forEach(pair -> {
            String header = pair.get(0).asText().toUpperCase(Locale.ROOT);
            if (header.startsWith("POLY_")) {
                headers.put(header, pair.get(1).asText());
            }
        });
        return client.send("POST", "/order", post.get("exactBody").asText().getBytes(StandardCharsets.UTF_8), headers);
    }

    @Test
    void theV2MarketOfTheFakeHasTheVectorsPositionIds() {
        assertThat(v2Market.tokens().get(0).tokenId())
                .isEqualTo(V.at("/inputs/tokens/protocolV2Yes/tokenId").asText());
        assertThat(v2Market.tokens().get(1).tokenId())
                .isEqualTo(V.at("/inputs/tokens/protocolV2No/tokenId").asText());
        assertThat(v2Market.protocolV2()).isTrue();
        // GET /clob-markets takes the 31-byte id and its 00-padded form
        for (String id : List.of(
                V.at("/inputs/protocolV2ConditionId31").asText(),
                V.at("/inputs/protocolV2ConditionIdPadded").asText())) {
            Reply market = client.send("GET", "/clob-markets/" + id, null, Map.of());
            assertThat(market.status()).isEqualTo(200);
            assertThat(market.json().at("/t/0/t").asText())
                    .isEqualTo(V.at("/inputs/tokens/protocolV2Yes/tokenId").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DW-BUY-standard",
                "DW-SELL-standard",
                "DW-BUY-negrisk",
                "DW-GTD-BUY-standard",
                "EOA-BUY-protocolV2",
                "DW-BUY-protocolV2",
                "DW-SELL-protocolV2"
            })
    void acceptsEveryCapturedOrderOfTheOfficialClients(String name) {
        Reply reply = replay(name);
        assertThat(reply.status()).as(reply.body() + " " + fake.rejections()).isEqualTo(200);
        JsonNode returned = V.at("/orders/" + name + "/clientReturned");
        String expectedId = returned.has("orderId")
                ? returned.get("orderId").asText()
                : returned.get("orderID").asText();
        assertThat(reply.json().get("orderID").asText()).isEqualTo(expectedId);
        assertThat(reply.json().get("status").asText()).isEqualTo("live");
        FakePolymarket.PlacedOrder placed = fake.order(expectedId).orElseThrow();
        boolean depositWallet = name.startsWith("DW");
        assertThat(placed.maker()).isEqualToIgnoringCase(depositWallet ? wallet : eoa.address());
        assertThat(placed.signer()).isEqualToIgnoringCase(depositWallet ? wallet : eoa.address());
        // the order is the key's: it is read back with the EOA's L2 credentials
        Reply read = client.l2(eoa.keyPair(), creds, NOW, "GET", "/data/order/" + expectedId, null);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("maker_address").asText()).isEqualToIgnoringCase(placed.maker());
    }

    private PolymarketOrderV2 order(PolymarketWallet w, String tokenId, long salt) {
        return PolymarketOrderV2.limit(
                w,
                new BigInteger(tokenId),
                PolymarketSide.BUY,
                new PolymarketAmounts.Amounts(BigInteger.valueOf(5_700_000), BigInteger.valueOf(10_000_000)),
                new PolymarketIdempotency.OrderIdentity(salt, NOW * 1000),
                0);
    }

    private Reply post(ECKeyPair signingKey, PolymarketOrderSigner domain, PolymarketOrderV2 order) {
        byte[] body =
                FakePolymarketTestClient.body(domain.sign(order, signingKey), creds, PolymarketOrderType.GTC, false);
        return client.l2(eoa.keyPair(), creds, NOW, "POST", "/order", body);
    }

    @Test
    void aDepositWalletOrderIsVerifiedLikeTheWalletDoesOnChain() {
        ECKeyPair owner = eoa.keyPair();
        PolymarketWallet dw = PolymarketWallet.of(owner, PolymarketSignatureType.POLY_1271, wallet);
        String ctf = V.at("/inputs/tokens/standardYes/tokenId").asText();
        PolymarketOrderSigner standard = PolymarketOrderSigner.v2(137, false);

        assertThat(post(owner, standard, order(dw, ctf, 1)).status())
                .as(fake.rejections().toString())
                .isEqualTo(200);
        // the envelope signed by another key than the wallet's owner
        ECKeyPair stranger = PolymarketKeys.keyPair(OTHER_KEY.toCharArray());
        assertThat(post(stranger, standard, order(dw, ctf, 2)).error()).isEqualTo("invalid signature");
        assertThat(fake.rejections()).last().asString().contains("owner");
        // the envelope for the neg-risk exchange's domain
        assertThat(post(owner, PolymarketOrderSigner.v2(137, true), order(dw, ctf, 3))
                        .error())
                .isEqualTo("invalid signature");
        assertThat(fake.rejections()).last().asString().contains(PolymarketOrderSigner.NEG_RISK_EXCHANGE_V2);
        // a plain owner signature over the order digest, without the ERC-7739 envelope
        PolymarketOrderV2 plain = order(dw, ctf, 4);
        String digestSig = FakePolymarketAccountsTest.plainSignature(standard, plain, owner);
        byte[] body = new String(
                        FakePolymarketTestClient.body(
                                standard.sign(plain, owner), creds, PolymarketOrderType.GTC, false),
                        StandardCharsets.UTF_8)
                .replaceAll("\"signature\":\"0x[0-9a-f]+\"", "\"signature\":\"" + digestSig + "\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(client.l2(owner, creds, NOW, "POST", "/order", body).error()).isEqualTo("invalid signature");
        // a wallet the key does not own: the signer is not the API key's
        PolymarketWallet foreign = PolymarketWallet.of(
                owner, PolymarketSignatureType.POLY_1271, "0x2222222222222222222222222222222222222222");
        assertThat(post(owner, standard, order(foreign, ctf, 5)).error())
                .isEqualTo("the order signer address has to be the address of the API KEY");
        assertThat(fake.orders()).hasSize(1);
    }

    private static String plainSignature(PolymarketOrderSigner domain, PolymarketOrderV2 order, ECKeyPair key) {
        org.web3j.crypto.Sign.SignatureData sig = org.web3j.crypto.Sign.signMessage(domain.digest(order), key, false);
        byte[] out = new byte[65];
        System.arraycopy(sig.getR(), 0, out, 0, 32);
        System.arraycopy(sig.getS(), 0, out, 32, 32);
        out[64] = sig.getV()[0];
        return org.web3j.utils.Numeric.toHexString(out);
    }

    @Test
    void aProtocolV2MarketTakesDomain3AndRefusesDomain2AndACtfMarketRefusesDomain3() {
        ECKeyPair key = eoa.keyPair();
        PolymarketWallet w = PolymarketWallet.eoa(key);
        String v2Token = v2Market.tokens().get(0).tokenId();
        String ctf = V.at("/inputs/tokens/standardYes/tokenId").asText();

        assertThat(post(key, PolymarketOrderSigner.v2(137, false), order(w, v2Token, 11))
                        .error())
                .isEqualTo("invalid signature");
        assertThat(fake.rejections()).last().asString().contains("domain \"2\"", "the market's is \"3\"");
        assertThat(post(key, PolymarketOrderSigner.v3(137), order(w, ctf, 12)).error())
                .isEqualTo("invalid signature");
        assertThat(fake.rejections()).last().asString().contains("domain \"3\"", "the market's is \"2\"");
        assertThat(post(key, PolymarketOrderSigner.v3(137), order(w, v2Token, 13))
                        .status())
                .isEqualTo(200);
        // deposit wallets on a V2 market: the envelope must carry the ExchangeV3 domain too
        PolymarketWallet dw = PolymarketWallet.of(key, PolymarketSignatureType.POLY_1271, wallet);
        assertThat(post(key, PolymarketOrderSigner.v2(137, false), order(dw, v2Token, 14))
                        .error())
                .isEqualTo("invalid signature");
        assertThat(post(key, PolymarketOrderSigner.v3(137), order(dw, v2Token, 15))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void delayedMarketsAnswerDelayedAndAnOldOrderTimestampIsRefused() {
        ECKeyPair key = eoa.keyPair();
        PolymarketWallet w = PolymarketWallet.eoa(key);
        String ctf = V.at("/inputs/tokens/standardYes/tokenId").asText();
        fake.setMatchingDelay("0x" + "a1".repeat(32), true);
        Reply delayed = post(key, PolymarketOrderSigner.v2(137, false), order(w, ctf, 21));
        assertThat(delayed.json().get("status").asText()).isEqualTo("delayed");
        assertThat(fake.order(delayed.json().get("orderID").asText())
                        .orElseThrow()
                        .status())
                .isEqualTo("DELAYED");
        fake.setMatchingDelay("0x" + "a1".repeat(32), false);

        PolymarketOrderV2 old = PolymarketOrderV2.limit(
                w,
                new BigInteger(ctf),
                PolymarketSide.BUY,
                new PolymarketAmounts.Amounts(BigInteger.valueOf(5_700_000), BigInteger.valueOf(10_000_000)),
                new PolymarketIdempotency.OrderIdentity(
                        22, (NOW - Duration.ofDays(3).toSeconds()) * 1000),
                0);
        assertThat(post(key, PolymarketOrderSigner.v2(137, false), old).error()).isEqualTo("invalid order timestamp");
    }

    @Test
    void balancesOfADepositWalletAndConditionalV2() {
        Reply collateral = client.l2(
                eoa.keyPair(), creds, NOW, "GET", "/balance-allowance?asset_type=COLLATERAL&signature_type=3", null);
        assertThat(collateral.json().get("balance").asText()).isEqualTo("100000000");
        assertThat(collateral.json().get("allowances").has(PolymarketOrderSigner.EXCHANGE_V3))
                .isTrue();
        String v2Token = v2Market.tokens().get(0).tokenId();
        assertThat(client.l2(
                                eoa.keyPair(),
                                creds,
                                NOW,
                                "GET",
                                "/balance-allowance?asset_type=CONDITIONAL-V2&token_id=" + v2Token
                                        + "&signature_type=3",
                                null)
                        .json()
                        .get("balance")
                        .asText())
                .isEqualTo("20000000");
        assertThat(client.l2(
                                eoa.keyPair(),
                                creds,
                                NOW,
                                "GET",
                                "/balance-allowance?asset_type=CONDITIONAL&token_id=" + v2Token + "&signature_type=3",
                                null)
                        .error())
                .isEqualTo("Invalid asset type");
    }

    @Test
    void dataApiV2PositionsPageByCursor() {
        for (int i = 0; i < 7; i++) {
            fake.addMarket(Market.binary(
                    "0x" + String.format("%064x", 900 + i), Integer.toString(9000 + i), "1", "0.01", false));
            fake.setPosition(
                    wallet,
                    new Position(
                            Integer.toString(9000 + i),
                            BigDecimal.ONE.add(BigDecimal.valueOf(i)),
                            new BigDecimal("0.5"),
                            null,
                            BigDecimal.ZERO));
        }
        Set<String> assets = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Reply page = client.send(
                    "GET",
                    FakePolymarket.DATA_API_PREFIX + "/v2/positions?user=" + wallet + "&limit=3"
                            + (cursor == null ? "" : "&cursor=" + cursor),
                    null,
                    Map.of());
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("data").forEach(row -> assets.add(row.get("asset").asText()));
            pageSizes.add(page.json().get("data").size());
            JsonNode next = page.json().at("/pagination/next_cursor");
            assertThat(page.json().at("/pagination/has_more").asBoolean()).isEqualTo(!next.isNull());
            cursor = next.isNull() ? null : next.asText();
        } while (cursor != null);
        assertThat(assets).hasSize(7 + 4);
        assertThat(pageSizes).containsExactly(3, 3, 3, 2);
        assertThat(client.send(
                                "GET",
                                FakePolymarket.DATA_API_PREFIX + "/v2/positions?user=" + wallet + "&offset=3",
                                null,
                                Map.of())
                        .status())
                .isEqualTo(400);
    }
}
