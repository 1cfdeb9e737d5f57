package dev.pmgate.kalshi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.support.TestData;
import org.junit.jupiter.api.Test;

/** SPEC §2.2 current_price from Kalshi's market object: last trade, else mid, else null (sentinels are not quotes). */
class KalshiPositionPricesTest {

    private static ObjectNode recorded() {
        return (ObjectNode) TestData.json("fixtures/kalshi-demo-recorded/markets__single.json")
                .get("market")
                .deepCopy();
    }

    @Test
    void aTradedMarketIsPricedAtItsLastTrade() {
        // recorded demo market: last_price_dollars 0.9900, volume_fp 2.00, yes bid 0.47 / ask 0.52
        assertThat(KalshiPositionPrices.yesPrice(recorded())).isEqualByComparingTo("0.99");
    }

    @Test
    void aNeverTradedMarketIsPricedAtItsMidWhenBothSidesAreQuoted() {
        ObjectNode m = recorded();
        m.put("last_price_dollars", "0.0000");
        m.put("volume_fp", "0.00");
        assertThat(KalshiPositionPrices.yesPrice(m)).isEqualByComparingTo("0.495");
    }

    @Test
    void emptySidesAreSentinelsNotQuotes() {
        ObjectNode m = recorded();
        m.put("last_price_dollars", "0.0000");
        m.put("volume_fp", "0.00");
        // the demo's first convention for an empty book: bid 0 / ask 1 with zero sizes
        m.put("yes_bid_dollars", "0.0000");
        m.put("yes_bid_size_fp", "0.00");
        m.put("yes_ask_dollars", "1.0000");
        m.put("yes_ask_size_fp", "0.00");
        assertThat(KalshiPositionPrices.yesPrice(m)).isNull();
        // the second: ask 0.0000 for an empty NO bid side; one side alone is no mid
        m.put("yes_bid_dollars", "0.4700");
        m.put("yes_bid_size_fp", "3.00");
        m.put("yes_ask_dollars", "0.0000");
        assertThat(KalshiPositionPrices.yesPrice(m)).isNull();
    }

    @Test
    void aMarketWithoutTheFieldsHasNoPrice() {
        JsonNode bare = new ObjectMapper().createObjectNode().put("ticker", "X");
        assertThat(KalshiPositionPrices.yesPrice(bare)).isNull();
    }
}
