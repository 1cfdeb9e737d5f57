package dev.pmgate.polymarket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolymarketKeysTest {

    @Test
    void derivesTheVectorAddress() {
        assertThat(PolymarketKeys.address(PolymarketVectors.key()))
                .isEqualTo(PolymarketVectors.text("/derivedAddress/viem"))
                .isEqualTo("0x500d75F1329cf98352c32Cf238c2192ca78faFFE");
    }

    @Test
    void acceptsAKeyWithoutPrefixAndInUpperCase() {
        String hex = PolymarketVectors.text("/inputs/privateKey").substring(2).toUpperCase();
        assertThat(PolymarketKeys.address(PolymarketKeys.keyPair(hex.toCharArray())))
                .isEqualTo("0x500d75F1329cf98352c32Cf238c2192ca78faFFE");
    }

    @Test
    void theHardhatKeyGivesTheHardhatAddress() {
        String hardhat = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
        assertThat(PolymarketKeys.address(PolymarketKeys.keyPair(hardhat.toCharArray())))
                .isEqualTo(PolymarketVectors.text("/derivedAddress/hardhat0AddressForComparison"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaf784d7bf4f2ff8", // 63 digits
                "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaf784d7bf4f2ff8000",
                "0xzc0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaf784d7bf4f2ff80",
                "0x0000000000000000000000000000000000000000000000000000000000000000", // zero
                "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", // the curve order n
                ""
            })
    void rejectsBadKeysWithoutEchoingThem(String bad) {
        assertThatThrownBy(() -> PolymarketKeys.keyPair(bad.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("private_key: ")
                .satisfies(e -> {
                    if (bad.length() > 4) {
                        assertThat(e.getMessage()).doesNotContain(bad.substring(4, 20));
                    }
                });
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> PolymarketKeys.keyPair(null)).hasMessage("private_key: missing");
    }
}
