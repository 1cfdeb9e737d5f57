package dev.pmgate.polymarket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.Json;
import dev.pmgate.support.TestData;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * Every deterministic value of {@code vectors/polymarket-accounts-2026.json} (deposit wallets = signatureType 3
 * with ERC-7739 envelopes, Protocol-V2 markets on ExchangeV3), reproduced byte for byte.
 */
class PolymarketAccountsVectorsTest {

    private static final JsonNode V = TestData.json("vectors/polymarket-accounts-2026.json");
    private static final long CHAIN = V.at("/inputs/chainId").asLong();

    static List<String> orderCases() {
        List<String> names = new ArrayList<>();
        V.get("orders").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ECKeyPair key() {
        return PolymarketKeys.keyPair(V.at("/inputs/privateKey").asText().toCharArray());
    }

    private static PolymarketOrderV2 order(String name) {
        JsonNode o = V.at("/orders/" + name + "/signedOrder");
        return new PolymarketOrderV2(
                Long.parseLong(o.get("salt").asText()),
                o.get("maker").asText(),
                o.get("signer").asText(),
                new BigInteger(o.get("tokenId").asText()),
                new BigInteger(o.get("makerAmount").asText()),
                new BigInteger(o.get("takerAmount").asText()),
                PolymarketSide.fromWire(o.get("side").asText()),
                PolymarketSignatureType.fromCode(o.get("signatureType").asInt()),
                new BigInteger(o.get("timestamp").asText()),
                o.get("metadata").asText(),
                o.get("builder").asText(),
                new BigInteger(o.get("expiration").asText()));
    }

    /** The exchange pmgate picks for a case: by the token id's format (Protocol V2 or not) and neg-risk. */
    private static PolymarketOrderSigner exchangeFor(String name) {
        String tokenId = V.at("/orders/" + name + "/signedOrder/tokenId").asText();
        boolean negRisk = V.at("/inputs/tokens/negRiskYes/tokenId").asText().equals(tokenId);
        return PolymarketOrderSigner.forMarket(CHAIN, PolymarketProtocol.isV2PositionId(tokenId), negRisk);
    }

    @Test
    void inputsAreConsistent() {
        assertThat(PolymarketKeys.address(key())).isEqualTo(V.at("/inputs/eoa").asText());
        assertThat(PolymarketOrderSigner.EXCHANGE_V2)
                .isEqualTo(V.at("/contracts137/exchangeV2").asText());
        assertThat(PolymarketOrderSigner.NEG_RISK_EXCHANGE_V2)
                .isEqualTo(V.at("/contracts137/negRiskExchangeV2").asText());
        assertThat(PolymarketOrderSigner.EXCHANGE_V3)
                .isEqualTo(V.at("/contracts137/exchangeV3").asText());
    }

    @Test
    void protocolVersionFollowsThePositionIdFormat() {
        V.at("/inputs/tokens")
                .forEach(token -> assertThat(PolymarketProtocol.isV2PositionId(
                                token.get("tokenId").asText()))
                        .as(token.toString())
                        .isEqualTo("v2".equals(token.get("protocol").asText())));
        assertThat(PolymarketProtocol.isConditionId(
                        V.at("/inputs/protocolV2ConditionId31").asText()))
                .isTrue();
        assertThat(PolymarketProtocol.isConditionId(
                        V.at("/inputs/protocolV2ConditionIdPadded").asText()))
                .isTrue();
        assertThat(PolymarketProtocol.canonicalConditionId(
                        V.at("/inputs/protocolV2ConditionIdPadded").asText()))
                .isEqualTo(PolymarketProtocol.canonicalConditionId(
                        V.at("/inputs/protocolV2ConditionId31").asText()));
        // the outcome byte of a V2 position id is its lowest byte; the condition bytes sit above bit 104
        BigInteger yes =
                new BigInteger(V.at("/inputs/tokens/protocolV2Yes/tokenId").asText());
        assertThat(yes.add(BigInteger.ONE).toString())
                .isEqualTo(V.at("/inputs/tokens/protocolV2No/tokenId").asText());
    }

    @Test
    void l1OfADepositWalletAccountIsTheEoas() {
        Map<String, String> headers = PolymarketL1Auth.headers(
                key(),
                V.at("/inputs/headerTimestampSeconds").asLong(),
                V.at("/inputs/l1Nonce").asLong(),
                CHAIN);
        JsonNode expected = V.at("/l1/headers");
        expected.fieldNames()
                .forEachRemaining(name -> assertThat(headers.get(name))
                        .as(name)
                        .isEqualTo(expected.get(name).asText()));
    }

    @ParameterizedTest
    @MethodSource("orderCases")
    void domainStructDigestAndOrderIdMatch(String name) {
        JsonNode c = V.at("/orders/" + name);
        PolymarketOrderSigner exchange = exchangeFor(name);
        PolymarketOrderV2 order = order(name);
        assertThat(exchange.verifyingContract())
                .isEqualTo(c.at("/exchange/verifyingContract").asText());
        assertThat(exchange.version()).isEqualTo(c.at("/exchange/domainVersion").asText());
        assertThat(exchange.domainSeparatorHex())
                .isEqualTo(c.at("/eip712/domainSeparator").asText());
        assertThat(Numeric.toHexString(PolymarketOrderSigner.structHash(order)))
                .isEqualTo(c.at("/eip712/structHash").asText());
        assertThat(exchange.orderHash(order)).isEqualTo(c.at("/eip712/digest").asText());
        String returnedId = c.at("/clientReturned/orderId").isMissingNode()
                ? c.at("/clientReturned/orderID").asText()
                : c.at("/clientReturned/orderId").asText();
        assertThat(exchange.orderHash(order)).isEqualTo(returnedId);
    }

    @ParameterizedTest
    @MethodSource("orderCases")
    void signatureIsByteForByteTheOfficialClients(String name) {
        JsonNode c = V.at("/orders/" + name);
        PolymarketSignedOrder signed = exchangeFor(name).sign(order(name), key());
        assertThat(signed.signature()).isEqualTo(c.at("/signedOrder/signature").asText());
        assertThat(signed.orderHash()).isEqualTo(c.at("/eip712/digest").asText());
    }

    @ParameterizedTest
    @MethodSource("orderCases")
    void depositWalletEnvelopesHaveTheErc7739LayoutAndVerify(String name) {
        JsonNode c = V.at("/orders/" + name);
        PolymarketOrderV2 order = order(name);
        if (order.signatureType() != PolymarketSignatureType.POLY_1271) {
            return;
        }
        PolymarketOrderSigner exchange = exchangeFor(name);
        String signature = c.at("/signedOrder/signature").asText();
        DepositWalletSignature.Envelope envelope = DepositWalletSignature.parse(signature);
        assertThat(Numeric.toHexString(envelope.appDomainSeparator())).isEqualTo(exchange.domainSeparatorHex());
        assertThat(Numeric.toHexString(envelope.contentsHash()))
                .isEqualTo(c.at("/eip712/structHash").asText());
        assertThat(envelope.contentsType()).isEqualTo(PolymarketOrderSigner.ORDER_TYPE);
        assertThat(Numeric.hexStringToByteArray(signature)).hasSize(317);
        assertThat(PolymarketOrderSigner.ORDER_TYPE.getBytes(StandardCharsets.UTF_8))
                .hasSize(186);
        assertThat(exchange.recoverDepositWalletOwner(order, signature))
                .isEqualTo(V.at("/inputs/eoa").asText());
        if (!c.at("/erc7739").isMissingNode()) {
            assertThat(envelope.innerSignature())
                    .isEqualTo(c.at("/erc7739/innerSignature").asText());
            assertThat(DepositWalletSignature.TYPED_DATA_SIGN_TYPE)
                    .isEqualTo(c.at("/erc7739/typedDataSign/typeString").asText());
            assertThat(Numeric.toHexString(DepositWalletSignature.typedDataSignDigest(
                            exchange.domainSeparator(),
                            PolymarketOrderSigner.structHash(order),
                            CHAIN,
                            order.signer())))
                    .isEqualTo(c.at("/erc7739/typedDataSign/digest").asText());
        }
        JsonNode cross = V.at("/crossChecks/type3Signatures/" + name + "/clobClientV2Signature");
        if (!cross.isMissingNode()) {
            assertThat(signature).isEqualTo(cross.asText());
        }
    }

    @Test
    void anEnvelopeForAnotherDomainOrOrderDoesNotVerify() {
        PolymarketOrderV2 order = order("DW-BUY-standard");
        String signature = V.at("/orders/DW-BUY-standard/signedOrder/signature").asText();
        assertThatThrownBy(() -> PolymarketOrderSigner.v3(CHAIN).recoverDepositWalletOwner(order, signature))
                .hasMessageContaining("another exchange domain");
        assertThatThrownBy(() -> PolymarketOrderSigner.v2(CHAIN, true).recoverDepositWalletOwner(order, signature))
                .hasMessageContaining("another exchange domain");
        PolymarketOrderV2 other = order("DW-SELL-standard");
        assertThatThrownBy(() -> PolymarketOrderSigner.v2(CHAIN, false).recoverDepositWalletOwner(other, signature))
                .hasMessageContaining("another order");
        // a plain 65-byte owner signature is not an envelope
        String plain = signature.substring(0, 2 + 130);
        assertThatThrownBy(() -> PolymarketOrderSigner.v2(CHAIN, false).recoverDepositWalletOwner(order, plain))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("orderCases")
    void postOrderBodyCarriesTheSameOrderAndItsHmacMatches(String name) throws Exception {
        JsonNode c = V.at("/orders/" + name);
        String exactBody = c.at("/postOrder/exactBody").asText();
        String apiKey = V.at("/inputs/apiCreds/key").asText();
        JsonNode expected = Json.mapper().readTree(exactBody);
        PolymarketOrderType type =
                PolymarketOrderType.valueOf(expected.get("orderType").asText());
        byte[] ours = PolymarketOrderBody.json(
                exchangeFor(name).sign(order(name), key()),
                apiKey,
                type,
                expected.path("postOnly").asBoolean(false),
                expected.path("deferExec").asBoolean(false));
        JsonNode actual = Json.mapper().readTree(ours);
        // @polymarket/client omits postOnly when false and sorts keys; clob-client-v2's order is ours
        if (!expected.has("postOnly")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) actual).remove("postOnly");
        }
        // addresses: the clients send the funder as the caller spelled it, pmgate in EIP-55 (same bytes signed)
        for (JsonNode tree : List.of(actual, expected)) {
            var o = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("order");
            o.put("maker", o.get("maker").asText().toLowerCase(java.util.Locale.ROOT));
            o.put("signer", o.get("signer").asText().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(actual).isEqualTo(expected);
        if (expected.has("postOnly")
                && V.at("/orders/" + name + "/signedOrder/signatureType").asInt() == 0) {
            assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(exactBody);
        }
        // the L2 HMAC over the bytes the client sent
        Map<String, String> headers = PolymarketVectors.polyHeaders(upper(c.at("/postOrder/headers")));
        try (PolymarketL2Auth l2 = new PolymarketL2Auth(
                PolymarketKeys.address(key()),
                apiKey,
                V.at("/inputs/apiCreds/secret").asText().toCharArray(),
                V.at("/inputs/apiCreds/passphrase").asText().toCharArray())) {
            Map<String, String> ours2 = l2.headers(
                    V.at("/inputs/headerTimestampSeconds").asLong(),
                    "POST",
                    "/order",
                    exactBody.getBytes(StandardCharsets.UTF_8));
            assertThat(ours2).containsAllEntriesOf(headers);
        }
    }

    @Test
    void balanceAllowanceOfADepositWalletIsAskedWithSignatureType3AsTheEoa() {
        JsonNode request = V.at("/balanceAllowance/clobClientV2/request");
        assertThat(request.get("url").asText())
                .isEqualTo("/balance-allowance?asset_type=COLLATERAL&signature_type="
                        + PolymarketSignatureType.POLY_1271.code());
        Map<String, String> headers = PolymarketVectors.polyHeaders(upper(request.get("headers")));
        try (PolymarketL2Auth l2 = new PolymarketL2Auth(
                PolymarketKeys.address(key()),
                V.at("/inputs/apiCreds/key").asText(),
                V.at("/inputs/apiCreds/secret").asText().toCharArray(),
                V.at("/inputs/apiCreds/passphrase").asText().toCharArray())) {
            assertThat(l2.headers(V.at("/inputs/headerTimestampSeconds").asLong(), "GET", "/balance-allowance", null))
                    .containsAllEntriesOf(headers);
        }
    }

    @Test
    void theDepositWalletOfTheVectorsMakesAType3Wallet() {
        PolymarketWallet wallet = PolymarketWallet.of(
                key(),
                PolymarketSignatureType.POLY_1271,
                V.at("/inputs/depositWallet").asText());
        assertThat(wallet.owner()).isEqualTo(V.at("/inputs/eoa").asText());
        assertThat(wallet.signer())
                .isEqualTo(V.at("/inputs/depositWalletChecksummed").asText());
        assertThat(wallet.maker()).isEqualTo(wallet.signer());
        assertThatThrownBy(() -> PolymarketWallet.of(key(), PolymarketSignatureType.POLY_1271, null))
                .hasMessageStartingWith("funder_address: required");
        assertThatThrownBy(() -> PolymarketWallet.of(
                        key(),
                        PolymarketSignatureType.POLY_1271,
                        V.at("/inputs/eoa").asText()))
                .hasMessageStartingWith("funder_address:");
    }

    /** Captured header names are lower case for @polymarket/client: upper-case them for the POLY_ filter. */
    private static JsonNode upper(JsonNode headerList) {
        var out = Json.mapper().createArrayNode();
        headerList.forEach(pair -> out.addArray()
                .add(pair.get(0).asText().toUpperCase(java.util.Locale.ROOT))
                .add(pair.get(1).asText()));
        return out;
    }
}
