package dev.pmgate.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.Decimals;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.PositionList;
import dev.pmgate.upstream.UpstreamRequest;
import dev.pmgate.upstream.UpstreamResponse;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * SPEC §2.2 {@code current_price} of Kalshi positions, from public market data: the page's markets, read
 * {@value #BATCH} at a time with {@code GET /markets?tickers=…} (public, unsigned), and each one's last YES trade price
 * ({@code last_price_dollars}, when the market has traded), else the mid of the YES bid and ask when both
 * sides are non-empty (emptiness read from {@code yes_bid_size_fp} / {@code yes_ask_size_fp}: empty sides
 * carry sentinel prices). A No position's price is 1 − the YES price. {@code null} only when the market has
 * neither (or is no longer served live: absent from the answer).
 */
class KalshiPositionPrices {

    /** Tickers per market read (Kalshi's maximum for {@code tickers} is not documented; CCXT uses 100). */
    static final int BATCH = 100;

    /** The page being priced: Kalshi's rows, the markets still to ask, the YES prices found. */
    static final class Pricing {
        private final List<KalshiWire.MarketPosition> rows;
        private final String cursor;
        private final Deque<String> toAsk;
        private final Map<String, BigDecimal> yesPrice = new HashMap<>();
        private List<String> asking = List.of();

        Pricing(List<KalshiWire.MarketPosition> rows, String cursor) {
            this.rows = rows;
            this.cursor = cursor;
            Set<String> tickers = new LinkedHashSet<>();
            rows.forEach(r -> tickers.add(r.ticker()));
            this.toAsk = new ArrayDeque<>(tickers);
        }

        public boolean hasNext() {
            return !toAsk.isEmpty();
        }
    }

    /** Reads the positions page; the route then asks each market's price while {@link Pricing#hasNext()}. */
    public Pricing positions(@Body UpstreamResponse response) {
        KalshiWire.PositionList list = KalshiNormalizer.read(response, KalshiWire.PositionList.class, false);
        if (list.marketPositions() == null) {
            throw KalshiErrorTranslator.malformed(response);
        }
        List<KalshiWire.MarketPosition> rows = list.marketPositions().stream()
                .filter(p -> p.ticker() != null
                        && p.positionFp() != null
                        && p.positionFp().signum() != 0)
                .toList();
        return new Pricing(rows, KalshiNormalizer.emptyToNull(list.cursor()));
    }

    public boolean hasNext(@ExchangeProperty(KalshiState.POSITION_PRICING) Pricing pricing) {
        return pricing.hasNext();
    }

    /** The next {@value #BATCH} markets of the page (tickers from Kalshi's own answer; the query is percent-encoded). */
    public UpstreamRequest nextMarket(@ExchangeProperty(KalshiState.POSITION_PRICING) Pricing pricing) {
        List<String> batch = new java.util.ArrayList<>();
        while (batch.size() < BATCH && !pricing.toAsk.isEmpty()) {
            batch.add(pricing.toAsk.poll());
        }
        pricing.asking = batch;
        return UpstreamRequest.get(
                "/markets", UpstreamRequest.query("tickers", String.join(",", batch), "limit", batch.size()));
    }

    /** {@code {"markets":[Market…],"cursor"}}: a market missing from it (settled past the live cut-off) has no price. */
    public void market(
            @Body UpstreamResponse response, @ExchangeProperty(KalshiState.POSITION_PRICING) Pricing pricing) {
        if (!response.is2xx()) {
            throw KalshiErrorTranslator.translate(response, false);
        }
        JsonNode markets = response.json() == null ? null : response.json().get("markets");
        if (markets == null || !markets.isArray()) {
            throw KalshiErrorTranslator.malformed(response);
        }
        for (JsonNode market : markets) {
            String ticker = market.path("ticker").asText(null);
            BigDecimal yes = ticker == null || !pricing.asking.contains(ticker) ? null : yesPrice(market);
            if (yes != null) {
                pricing.yesPrice.put(ticker, yes);
            }
        }
    }

    public GatewayResult result(@ExchangeProperty(KalshiState.POSITION_PRICING) Pricing pricing) {
        return GatewayResult.ok(
                200,
                new PositionList(
                        pricing.rows.stream()
                                .map(p -> {
                                    BigDecimal yes = pricing.yesPrice.get(p.ticker());
                                    BigDecimal current = yes == null
                                            ? null
                                            : Decimals.normalize(
                                                    p.positionFp().signum() > 0 ? yes : BigDecimal.ONE.subtract(yes));
                                    return KalshiNormalizer.position(p, current);
                                })
                                .toList(),
                        pricing.cursor));
    }

    /** Last YES trade price, else the YES mid, else {@code null}. */
    static BigDecimal yesPrice(JsonNode market) {
        BigDecimal last = decimal(market, "last_price_dollars");
        BigDecimal volume = decimal(market, "volume_fp");
        if (last != null
                && last.signum() > 0
                && last.compareTo(BigDecimal.ONE) < 0
                && (volume == null || volume.signum() > 0)) {
            return last;
        }
        BigDecimal bid = decimal(market, "yes_bid_dollars");
        BigDecimal ask = decimal(market, "yes_ask_dollars");
        BigDecimal bidSize = decimal(market, "yes_bid_size_fp");
        BigDecimal askSize = decimal(market, "yes_ask_size_fp");
        if (bid != null
                && ask != null
                && bidSize != null
                && askSize != null
                && bidSize.signum() > 0
                && askSize.signum() > 0
                && bid.signum() > 0
                && ask.compareTo(BigDecimal.ONE) < 0) {
            return bid.add(ask).divide(BigDecimal.valueOf(2));
        }
        return null;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
