package dev.pmgate.polymarket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolymarketAmountsTest {

    @Test
    void everyVectorOrderHasTheAmountsOfItsInputs() {
        for (String name : PolymarketVectors.orderCases()) {
            JsonNode order = PolymarketVectors.order(name);
            JsonNode user = order.get("userOrder");
            PolymarketAmounts.Amounts amounts = PolymarketAmounts.limitOrder(
                    PolymarketSide.fromWire(user.get("side").asText()),
                    new BigDecimal(user.get("price").asText()),
                    new BigDecimal(user.get("size").asText()),
                    new BigDecimal(order.at("/createOrderOptions/tickSize").asText()));
            assertThat(amounts.makerAmount())
                    .as(name)
                    .hasToString(order.at("/amounts/makerAmount").asText());
            assertThat(amounts.takerAmount())
                    .as(name)
                    .hasToString(order.at("/amounts/takerAmount").asText());
        }
    }

    /** The worked values of docs/exchanges.md P5 (made with the official getOrderRawAmounts). */
    @ParameterizedTest(name = "tick {0} {1} {2} x {3}")
    @CsvSource({
        "0.01,   BUY,  0.57,   10,     5700000, 10000000",
        "0.01,   SELL, 0.57,   10,     10000000, 5700000",
        "0.01,   BUY,  0.57,   3.333,  1898100, 3330000",
        "0.01,   BUY,  0.33,   21.739, 7170900, 21730000",
        "0.01,   BUY,  0.015,  100,    2000000, 100000000",
        "0.1,    BUY,  0.3,    7.777,  2331000, 7770000",
        "0.001,  BUY,  0.0555, 12.345, 691040,  12340000",
        "0.0001, BUY,  0.1234, 3.21,   396114,  3210000",
    })
    void theReferenceRoundingReproducesTheOfficialClient(
            String tick, PolymarketSide side, String price, String size, String maker, String taker) {
        PolymarketAmounts.Amounts amounts = PolymarketAmounts.referenceRounding(
                side, new BigDecimal(price), new BigDecimal(size), PolymarketTickSize.of(new BigDecimal(tick)));
        assertThat(amounts).isEqualTo(new PolymarketAmounts.Amounts(new BigInteger(maker), new BigInteger(taker)));
    }

    @ParameterizedTest(name = "tick {0} {1} {2} x {3}")
    @CsvSource({
        "0.01,   BUY,  0.57,   3.33,  1898100, 3330000",
        "0.01,   SELL, 0.33,   21.73, 21730000, 7170900",
        "0.1,    SELL, 0.9,    0.01,  10000, 9000",
        "0.001,  BUY,  0.056,  12.34, 691040,  12340000",
        "0.0001, SELL, 0.9999, 1,     1000000, 999900",
        "0.005,  BUY,  0.995,  2.5,   2487500, 2500000",
        "0.0025, BUY,  0.0025, 100,   250000,  100000000",
        "0.01,   BUY,  0.570,  10.00, 5700000, 10000000",
    })
    void onGridInputsConvertExactly(
            String tick, PolymarketSide side, String price, String size, String maker, String taker) {
        assertThat(PolymarketAmounts.limitOrder(
                        side, new BigDecimal(price), new BigDecimal(size), new BigDecimal(tick)))
                .isEqualTo(new PolymarketAmounts.Amounts(new BigInteger(maker), new BigInteger(taker)));
    }

    @ParameterizedTest(name = "tick {0} price {1}")
    @CsvSource({
        "0.01,  0.015", // the official client would round this to 0.02; we refuse instead
        "0.001, 0.0555",
        "0.005, 0.993", // on the decimals of the tick but not a multiple of it
        "0.01,  0",
        "0.01,  1",
        "0.01,  1.5",
        "0.01,  -0.5",
    })
    void rejectsPricesOffTheGridOrOutsideTheOpenInterval(String tick, String price) {
        assertThatThrownBy(() -> PolymarketAmounts.limitOrder(
                        PolymarketSide.BUY, new BigDecimal(price), BigDecimal.TEN, new BigDecimal(tick)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("price: ");
    }

    @ParameterizedTest
    @CsvSource({"3.333", "0.001", "0", "-1"})
    void rejectsSizesWithTooManyDecimalsOrNotPositive(String size) {
        assertThatThrownBy(() -> PolymarketAmounts.limitOrder(
                        PolymarketSide.SELL, new BigDecimal("0.57"), new BigDecimal(size), new BigDecimal("0.01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("size: ");
    }

    @Test
    void rejectsUnknownTickSizes() {
        assertThatThrownBy(() -> PolymarketAmounts.limitOrder(
                        PolymarketSide.BUY, new BigDecimal("0.5"), BigDecimal.ONE, new BigDecimal("0.02")))
                .hasMessage("tick_size: unsupported tick size");
    }

    @Test
    void impliedPriceInvertsTheAmounts() {
        assertThat(PolymarketAmounts.impliedPrice(
                        PolymarketSide.BUY, BigInteger.valueOf(5_700_000), BigInteger.valueOf(10_000_000)))
                .isEqualByComparingTo("0.57");
        assertThat(PolymarketAmounts.impliedPrice(
                        PolymarketSide.SELL, BigInteger.valueOf(10_000_000), BigInteger.valueOf(5_700_000)))
                .isEqualByComparingTo("0.57");
        assertThat(PolymarketAmounts.impliedPrice(PolymarketSide.BUY, BigInteger.ONE, BigInteger.valueOf(3)))
                .isNull();
        assertThat(PolymarketAmounts.fromBaseUnits(BigInteger.valueOf(10_000_000)))
                .hasToString("10");
        assertThat(PolymarketAmounts.fromBaseUnits(BigInteger.valueOf(449_814_548)))
                .hasToString("449.814548");
    }
}
