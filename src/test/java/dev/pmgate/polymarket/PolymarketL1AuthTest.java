package dev.pmgate.polymarket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

class PolymarketL1AuthTest {

    private static final long TS = 1_700_000_000L;

    @Test
    void headersEqualTheOfficialClientsByteForByte() {
        Map<String, String> headers = PolymarketL1Auth.headers(PolymarketVectors.key(), TS, 0, 137);

        JsonNode expected = PolymarketVectors.at("/l1/headers");
        assertThat(headers.keySet()).containsExactly("POLY_ADDRESS", "POLY_SIGNATURE", "POLY_TIMESTAMP", "POLY_NONCE");
        headers.forEach((name, value) ->
                assertThat(value).as(name).isEqualTo(expected.get(name).asText()));
    }

    @Test
    void capturedWireHeadersOfCreateAndDeriveMatch() {
        Map<String, String> headers = PolymarketL1Auth.headers(PolymarketVectors.key(), TS, 0, 137);
        for (JsonNode request : PolymarketVectors.at("/l1/wire/requests")) {
            assertThat(PolymarketVectors.polyHeaders(request.get("headers"))).isEqualTo(headers);
        }
    }

    @Test
    void domainSeparatorStructHashAndDigestMatch() {
        String address = PolymarketVectors.text("/l1/typedData/message/address");
        assertThat(Numeric.toHexString(Eip712.domainSeparator("ClobAuthDomain", "1", 137, null)))
                .isEqualTo(PolymarketVectors.text("/l1/domainSeparator"));
        assertThat(Numeric.toHexString(PolymarketL1Auth.digest(address, "1700000000", BigInteger.ZERO, 137)))
                .isEqualTo(PolymarketVectors.text("/l1/digest"));
        assertThat(Numeric.toHexString(Eip712.typeHash(PolymarketL1Auth.CLOB_AUTH_TYPE)))
                .isEqualTo("0x52578c5c725a28a84fedc8c22aa47947822942f35b4dc350db028e45320e035c");
    }

    @Test
    void reproducesTheUpstreamLibraryTestVector() {
        // clob-client-v2 tests/signing/eip712.test.ts: Hardhat #0 key, Amoy, timestamp 10000000, nonce 23.
        var hardhat = PolymarketKeys.keyPair(
                "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80".toCharArray());
        assertThat(PolymarketL1Auth.headers(hardhat, 10_000_000L, 23, 80002).get("POLY_SIGNATURE"))
                .isEqualTo(PolymarketVectors.text("/upstreamAnchors/eip712/expected"));
    }

    @Test
    void recoversTheSignerAndDetectsTampering() {
        Map<String, String> h = PolymarketL1Auth.headers(PolymarketVectors.key(), TS, 0, 137);
        String address = h.get("POLY_ADDRESS");
        assertThat(PolymarketL1Auth.recoverSigner(address, "1700000000", "0", h.get("POLY_SIGNATURE"), 137))
                .isEqualTo(address);
        assertThat(PolymarketL1Auth.recoverSigner(address, "1700000001", "0", h.get("POLY_SIGNATURE"), 137))
                .isNotEqualTo(address);
        assertThat(PolymarketL1Auth.recoverSigner(address, "1700000000", "0", h.get("POLY_SIGNATURE"), 80002))
                .isNotEqualTo(address);
    }

    @Test
    void rejectsMalformedSignaturesAndNonces() {
        String address = PolymarketVectors.text("/l1/headers/POLY_ADDRESS");
        String sig = PolymarketVectors.text("/l1/headers/POLY_SIGNATURE");
        assertThatThrownBy(() -> PolymarketL1Auth.recoverSigner(address, "1", "0", sig.substring(0, 100), 137))
                .hasMessageStartingWith("signature: ");
        assertThatThrownBy(() -> PolymarketL1Auth.recoverSigner(address, "1", "0", sig.substring(0, 130) + "01", 137))
                .hasMessage("signature: v must be 27 or 28");
        assertThatThrownBy(() -> PolymarketL1Auth.recoverSigner(address, "1", "x", sig, 137))
                .hasMessage("nonce: must be a decimal integer");
        assertThatThrownBy(() -> PolymarketL1Auth.headers(PolymarketVectors.key(), TS, -1, 137))
                .hasMessageStartingWith("nonce: ");
    }
}
