package dev.pmgate.polymarket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolymarketOrderBodyTest {

    private static final String API_KEY = PolymarketVectors.text("/inputs/apiCreds/key");

    static List<String> orderCases() {
        return PolymarketVectors.orderCases();
    }

    private static PolymarketSignedOrder signedVector(String name) {
        return new PolymarketSignedOrder(
                PolymarketVectors.signedOrder(name),
                PolymarketVectors.order(name).at("/signedOrder/signature").asText(),
                PolymarketVectors.order(name).at("/eip712/digest").asText());
    }

    @ParameterizedTest
    @MethodSource("orderCases")
    void bodyIsTheCapturedBytes(String name) throws Exception {
        byte[] body = PolymarketOrderBody.json(signedVector(name), API_KEY, PolymarketOrderType.GTC, false, false);

        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo(
                        PolymarketVectors.order(name).at("/postOrder/exactBody").asText());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)))
                .isEqualTo(PolymarketVectors.order(name)
                        .at("/postOrder/exactBodySha256")
                        .asText());
    }

    @Test
    void gtdCarriesTheWireOnlyExpirationAndTheFlags() {
        PolymarketOrderV2 v = PolymarketVectors.signedOrder("SELL-standard");
        PolymarketOrderV2 gtd = new PolymarketOrderV2(
                v.salt(),
                v.maker(),
                v.signer(),
                v.tokenId(),
                v.makerAmount(),
                v.takerAmount(),
                v.side(),
                v.signatureType(),
                v.timestamp(),
                v.metadata(),
                v.builder(),
                BigInteger.valueOf(1_798_761_660L));
        // expiration is not signed: the order hash does not change
        assertThat(PolymarketOrderSigner.v2(137, false).orderHash(gtd))
                .isEqualTo(PolymarketVectors.text("/orders/SELL-standard/eip712/digest"));

        String body = new String(
                PolymarketOrderBody.json(
                        new PolymarketSignedOrder(gtd, "0xsig", "0xhash"),
                        API_KEY,
                        PolymarketOrderType.GTD,
                        true,
                        true),
                StandardCharsets.UTF_8);
        assertThat(body)
                .startsWith("{\"deferExec\":true,\"postOnly\":true,\"order\":{\"salt\":425000000000,")
                .contains("\"expiration\":\"1798761660\"")
                .endsWith(",\"owner\":\"" + API_KEY + "\",\"orderType\":\"GTD\"}");
    }

    @Test
    void refusesCombinationsTheClobRejects() {
        PolymarketSignedOrder signed = signedVector("BUY-standard");
        assertThatThrownBy(() -> PolymarketOrderBody.json(signed, API_KEY, PolymarketOrderType.FOK, true, false))
                .hasMessage("post_only: only allowed with GTC or GTD orders");
        assertThatThrownBy(() -> PolymarketOrderBody.json(signed, API_KEY, PolymarketOrderType.GTD, false, false))
                .hasMessage("expiration: required for GTD orders");
        assertThatThrownBy(() -> PolymarketOrderBody.json(signed, "", PolymarketOrderType.GTC, false, false))
                .hasMessage("owner: missing");
    }

    @Test
    void ownerIsEscapedAsJson() {
        String body = new String(
                PolymarketOrderBody.json(signedVector("BUY-standard"), "a\"b", PolymarketOrderType.FAK, false, false),
                StandardCharsets.UTF_8);
        assertThat(body).endsWith("\"owner\":\"a\\\"b\",\"orderType\":\"FAK\"}");
    }
}
