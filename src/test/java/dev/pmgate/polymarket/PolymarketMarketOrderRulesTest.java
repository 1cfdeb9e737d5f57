package dev.pmgate.polymarket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.support.TestData;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Market-order (FOK / FAK) amounts of {@code polymarket-accounts-2026.json}: the official clients' rounding
 * reproduced to the base unit (a reference here: pmgate itself never rounds a size), and pmgate's rule — refuse
 * what the CLOB's market-order precision refuses, naming the nearest valid sizes.
 */
class PolymarketMarketOrderRulesTest {

    private static final JsonNode V = TestData.json("vectors/polymarket-accounts-2026.json");

    static List<JsonNode> cases() {
        List<JsonNode> list = new ArrayList<>();
        V.at("/marketOrderAmounts/cases").forEach(list::add);
        return list;
    }

    /** The clients' getMarketOrderRawAmounts / computeMarketOrderAmounts, in exact decimals. */
    private static BigInteger[] clientRounding(JsonNode c, boolean roundUp) {
        PolymarketTickSize tick =
                PolymarketTickSize.of(new BigDecimal(c.get("tickSize").asText()));
        BigDecimal price = c.get("price").decimalValue().setScale(tick.priceDecimals(), RoundingMode.FLOOR);
        BigDecimal maker = c.get("amount").decimalValue().setScale(2, RoundingMode.FLOOR);
        boolean buy = "BUY".equals(c.get("side").asText());
        BigDecimal raw =
                buy ? maker.divide(price, tick.amountDecimals() + 8, RoundingMode.DOWN) : maker.multiply(price);
        BigDecimal taker = roundUp
                ? raw.setScale(tick.amountDecimals() + 4, RoundingMode.CEILING)
                        .setScale(tick.amountDecimals(), RoundingMode.CEILING)
                : raw.setScale(tick.amountDecimals() + 4, RoundingMode.CEILING)
                        .setScale(tick.amountDecimals(), RoundingMode.FLOOR);
        return new BigInteger[] {
            maker.movePointRight(6).toBigIntegerExact(),
            taker.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact()
        };
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theClientsRoundingIsReproducedToTheBaseUnit(JsonNode c) {
        BigInteger[] down = clientRounding(c, false);
        assertThat(down[0].toString())
                .isEqualTo(c.at("/clobClientV2/makerAmount").asText());
        assertThat(down[1].toString())
                .isEqualTo(c.at("/clobClientV2/takerAmount").asText());
        BigInteger[] up = clientRounding(c, true);
        assertThat(up[0].toString())
                .isEqualTo(c.at("/polymarketClientWithPriceBound/makerAmount").asText());
        assertThat(up[1].toString())
                .isEqualTo(c.at("/polymarketClientWithPriceBound/takerAmount").asText());
        // the observed server rule (BUY maker <= 2, taker <= 4 decimals; SELL maker <= 2) on the client's amounts
        boolean buy = "BUY".equals(c.get("side").asText());
        boolean passes = decimals(down[0]) <= 2 && (!buy || decimals(down[1]) <= 4);
        assertThat(passes).isEqualTo(c.get("passesObservedServerRule").asBoolean());
    }

    private static int decimals(BigInteger units) {
        return Math.max(new BigDecimal(units, 6).stripTrailingZeros().scale(), 0);
    }

    @Test
    void anIocBuyOf5point5At0point57IsRefusedNamingTheNearestValidSizes() {
        // 0.57 x 5.5 = 3.135 pUSD: three decimals, the CLOB refuses a market buy like that
        assertThatThrownBy(() -> PolymarketAmounts.requireMarketOrderPrecision(
                        PolymarketSide.BUY, new BigDecimal("0.57"), new BigDecimal("5.5")))
                .hasMessageStartingWith("size: ")
                .hasMessageContaining("at most 2 decimals")
                .hasMessageContaining("3.135")
                .hasMessageEndingWith("nearest valid sizes: 5 or 6");
        assertThatCode(() -> PolymarketAmounts.requireMarketOrderPrecision(
                        PolymarketSide.BUY, new BigDecimal("0.57"), new BigDecimal("6")))
                .doesNotThrowAnyException();
        // sells give shares (2 decimals, the size rule): any price
        assertThatCode(() -> PolymarketAmounts.requireMarketOrderPrecision(
                        PolymarketSide.SELL, new BigDecimal("0.57"), new BigDecimal("5.5")))
                .doesNotThrowAnyException();
    }

    @Test
    void theSizeStepMakesPriceTimesSizeFitTwoDecimals() {
        for (String[] c : new String[][] {
            {"0.57", "1"},
            {"0.5", "0.02"},
            {"0.25", "0.04"},
            {"0.575", "0.4"},
            {"0.1", "0.1"},
            {"0.001", "10"},
            {"0.0025", "4"},
            {"0.3", "0.1"}
        }) {
            BigDecimal price = new BigDecimal(c[0]);
            BigDecimal step = PolymarketAmounts.marketBuySizeStep(price);
            assertThat(step).as(c[0]).isEqualByComparingTo(c[1]);
            assertThat(price.multiply(step).stripTrailingZeros().scale())
                    .as(c[0])
                    .isLessThanOrEqualTo(2);
            // and nothing smaller on the 0.01 grid works
            for (BigDecimal s = new BigDecimal("0.01"); s.compareTo(step) < 0; s = s.add(new BigDecimal("0.01"))) {
                assertThat(price.multiply(s).stripTrailingZeros().scale())
                        .as(c[0] + " x " + s)
                        .isGreaterThan(2);
            }
        }
        assertThatThrownBy(() -> PolymarketAmounts.requireMarketOrderPrecision(
                        PolymarketSide.BUY, new BigDecimal("0.5"), new BigDecimal("0.01")))
                .hasMessageEndingWith("nearest valid sizes: 0.02");
        assertThatThrownBy(() -> PolymarketAmounts.requireMarketOrderPrecision(
                        PolymarketSide.BUY, new BigDecimal("0.575"), new BigDecimal("10.55")))
                .hasMessageEndingWith("nearest valid sizes: 10.4 or 10.8");
    }

    @Test
    void theGtdFloorOfTheClientsIsTheWireFloor() {
        // @polymarket/client refuses a wire expiration below now + 180 (gtd.results); pmgate adds 60 to the
        // caller's expiration, so the caller's floor is now + 120
        assertThat(V.at("/gtd/results/now+179").asText()).startsWith("refused");
        assertThat(V.at("/gtd/results/now+180").asText()).startsWith("accepted");
        assertThat(PolymarketRequestTranslator.MIN_EXPIRATION_AHEAD_SECONDS
                        + PolymarketRequestTranslator.EXPIRATION_THRESHOLD_SECONDS)
                .isEqualTo(180);
        assertThat(V.at("/orders/DW-GTD-BUY-standard/signedOrder/expiration").asLong())
                .isEqualTo(V.at("/inputs/headerTimestampSeconds").asLong() + 180);
    }
}
