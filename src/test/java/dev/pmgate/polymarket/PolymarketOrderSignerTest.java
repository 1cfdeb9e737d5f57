package dev.pmgate.polymarket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class PolymarketOrderSignerTest {

    static List<String> orderCases() {
        return PolymarketVectors.orderCases();
    }

    /** The signer of a vector case's domain: V2 by neg-risk flag, or the case's explicit V3 domain. */
    private static PolymarketOrderSigner signerFor(String name) {
        JsonNode exchange = PolymarketVectors.order(name).get("exchange");
        if ("2".equals(exchange.get("domainVersion").asText())) {
            boolean negRisk = PolymarketVectors.order(name)
                    .at("/createOrderOptions/negRisk")
                    .asBoolean();
            return PolymarketOrderSigner.v2(PolymarketVectors.chainId(), negRisk);
        }
        return PolymarketOrderSigner.forDomain(
                exchange.get("domainVersion").asText(),
                PolymarketVectors.chainId(),
                exchange.get("verifyingContract").asText());
    }

    @Test
    void typeHashMatches() {
        assertThat(Numeric.toHexString(Eip712.typeHash(PolymarketOrderSigner.ORDER_TYPE)))
                .isEqualTo(PolymarketVectors.text("/orders/BUY-standard/eip712/typeHash"));
        assertThat(PolymarketOrderSigner.ORDER_TYPE)
                .isEqualTo(PolymarketVectors.text("/orders/BUY-standard/eip712/typeString"));
    }

    @ParameterizedTest
    @MethodSource("orderCases")
    void hashesAndSignaturesEqualTheOfficialClients(String name) {
        JsonNode eip712 = PolymarketVectors.order(name).get("eip712");
        PolymarketOrderSigner signer = signerFor(name);
        PolymarketOrderV2 order = PolymarketVectors.signedOrder(name);

        assertThat(signer.verifyingContract())
                .isEqualTo(PolymarketVectors.order(name)
                        .at("/exchange/verifyingContract")
                        .asText());
        assertThat(signer.domainSeparatorHex())
                .isEqualTo(eip712.get("domainSeparator").asText());
        assertThat(Numeric.toHexString(PolymarketOrderSigner.structHash(order)))
                .isEqualTo(eip712.get("structHash").asText());
        assertThat(signer.orderHash(order)).isEqualTo(eip712.get("digest").asText());

        PolymarketSignedOrder signed = signer.sign(order, PolymarketVectors.key());
        assertThat(signed.signature())
                .isEqualTo(eip712.get("signature").asText())
                .isEqualTo(PolymarketVectors.order(name)
                        .at("/signedOrder/signature")
                        .asText());
        assertThat(signed.orderHash())
                .isEqualTo(PolymarketVectors.order(name)
                        .at("/postOrder/clientReturned/orderID")
                        .asText());
    }

    @ParameterizedTest
    @MethodSource("orderCases")
    void recoveryPerDomainGivesTheRecordedAddresses(String name) {
        PolymarketOrderV2 order = PolymarketVectors.signedOrder(name);
        String signature =
                PolymarketVectors.order(name).at("/signedOrder/signature").asText();
        for (JsonNode domain :
                PolymarketVectors.order(name).at("/postOrder/fakeServerChecks/order/recoveredPerDomain")) {
            PolymarketOrderSigner signer = PolymarketOrderSigner.forDomain(
                    domain.get("domainVersion").asText(),
                    PolymarketVectors.chainId(),
                    domain.get("verifyingContract").asText());
            assertThat(signer.recoverSigner(order, signature))
                    .as(domain.get("name").asText())
                    .isEqualTo(domain.get("recovered").asText());
        }
    }

    @Test
    void theHighLevelPathBuildsTheVectorOrder() {
        ECKeyPair key = PolymarketVectors.key();
        PolymarketAmounts.Amounts amounts = PolymarketAmounts.limitOrder(
                PolymarketSide.BUY, new BigDecimal("0.57"), BigDecimal.TEN, new BigDecimal("0.01"));
        PolymarketOrderV2 order = PolymarketOrderV2.limit(
                PolymarketWallet.eoa(key),
                new BigInteger(PolymarketVectors.text("/inputs/tokenIdNegRisk")),
                PolymarketSide.BUY,
                amounts,
                new PolymarketIdempotency.OrderIdentity(637_500_000_000L, 1_700_000_000_000L),
                0);

        assertThat(order).isEqualTo(PolymarketVectors.signedOrder("BUY-negRisk"));
        assertThat(PolymarketOrderSigner.v2(137, true).sign(order, key).signature())
                .isEqualTo(PolymarketVectors.text("/orders/BUY-negRisk/signedOrder/signature"));
    }

    @Test
    void proxyAndSafeWalletsSignForTheFunder() {
        ECKeyPair key = PolymarketVectors.key();
        String funder = "0x1111111111111111111111111111111111111111";
        for (PolymarketSignatureType type :
                List.of(PolymarketSignatureType.POLY_PROXY, PolymarketSignatureType.POLY_GNOSIS_SAFE)) {
            PolymarketWallet wallet = PolymarketWallet.of(key, type, funder);
            PolymarketOrderV2 order = PolymarketOrderV2.limit(
                    wallet,
                    BigInteger.ONE,
                    PolymarketSide.SELL,
                    new PolymarketAmounts.Amounts(BigInteger.valueOf(10_000_000), BigInteger.valueOf(5_700_000)),
                    new PolymarketIdempotency.OrderIdentity(1, 1_700_000_000_000L),
                    0);
            assertThat(order.maker()).isEqualTo(funder);
            assertThat(order.signer()).isEqualTo("0x500d75F1329cf98352c32Cf238c2192ca78faFFE");
            assertThat(order.signatureType()).isEqualTo(type);
            PolymarketOrderSigner signer = PolymarketOrderSigner.v2(137, false);
            PolymarketSignedOrder signed = signer.sign(order, key);
            assertThat(signer.recoverSigner(order, signed.signature())).isEqualTo(order.signer());
        }
        assertThatThrownBy(() -> PolymarketWallet.of(key, PolymarketSignatureType.POLY_PROXY, null))
                .hasMessage("funder_address: required for signature_type 1");
        assertThatThrownBy(() -> PolymarketWallet.of(key, PolymarketSignatureType.EOA, funder))
                .hasMessage("funder_address: must be the key's own address for signature_type 0");
        assertThat(PolymarketWallet.of(key, PolymarketSignatureType.EOA, "0x500d75f1329cf98352c32cf238c2192ca78faffe")
                        .maker())
                .isEqualTo("0x500d75F1329cf98352c32Cf238c2192ca78faFFE");
    }

    @Test
    void refusesToSignWithAKeyThatIsNotTheSigner() {
        ECKeyPair other = PolymarketKeys.keyPair(
                "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d".toCharArray());
        assertThatThrownBy(() ->
                        PolymarketOrderSigner.v2(137, false).sign(PolymarketVectors.signedOrder("BUY-standard"), other))
                .hasMessage("signer: the order signer is not the address of the key");
    }

    @Test
    void recoveryRejectsAMalleatedHighSSignature() {
        PolymarketOrderV2 order = PolymarketVectors.signedOrder("BUY-standard");
        byte[] raw = Numeric.hexStringToByteArray(PolymarketVectors.text("/orders/BUY-standard/signedOrder/signature"));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(raw, 32, 64));
        byte[] highS = Numeric.toBytesPadded(Sign.CURVE_PARAMS.getN().subtract(s), 32);
        System.arraycopy(highS, 0, raw, 32, 32);
        raw[64] = (byte) (raw[64] == 27 ? 28 : 27);
        assertThatThrownBy(() -> PolymarketOrderSigner.v2(137, false).recoverSigner(order, Numeric.toHexString(raw)))
                .hasMessage("signature: s is not in the lower half order");
    }

    @Test
    void orderFieldsAreValidated() {
        PolymarketOrderV2 good = PolymarketVectors.signedOrder("BUY-standard");
        assertThatThrownBy(() -> new PolymarketOrderV2(
                        1L << 53,
                        good.maker(),
                        good.signer(),
                        good.tokenId(),
                        good.makerAmount(),
                        good.takerAmount(),
                        good.side(),
                        good.signatureType(),
                        good.timestamp(),
                        good.metadata(),
                        good.builder(),
                        good.expiration()))
                .hasMessage("salt: must be in [0, 2^53)");
        assertThatThrownBy(() -> new PolymarketOrderV2(
                        1,
                        "0x500d75F1329cf98352c32Cf238c2192ca78fafFE",
                        good.signer(),
                        good.tokenId(),
                        good.makerAmount(),
                        good.takerAmount(),
                        good.side(),
                        good.signatureType(),
                        good.timestamp(),
                        good.metadata(),
                        good.builder(),
                        good.expiration()))
                .hasMessage("maker: invalid EIP-55 address checksum");
        assertThatThrownBy(() -> new PolymarketOrderV2(
                        1,
                        good.maker(),
                        good.signer(),
                        good.tokenId().negate(),
                        good.makerAmount(),
                        good.takerAmount(),
                        good.side(),
                        good.signatureType(),
                        good.timestamp(),
                        good.metadata(),
                        good.builder(),
                        good.expiration()))
                .hasMessage("tokenId: must be a uint256");
        assertThatThrownBy(() -> new PolymarketOrderV2(
                        1,
                        good.maker(),
                        good.signer(),
                        good.tokenId(),
                        good.makerAmount(),
                        good.takerAmount(),
                        good.side(),
                        good.signatureType(),
                        good.timestamp(),
                        "0x00",
                        good.builder(),
                        good.expiration()))
                .hasMessage("metadata: must be 0x followed by 64 hex digits");
    }
}
