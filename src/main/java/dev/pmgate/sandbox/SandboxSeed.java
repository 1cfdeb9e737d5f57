package dev.pmgate.sandbox;

import dev.pmgate.polymarket.PolymarketSide;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The sandbox's markets and the house market maker's resting quotes, in one place: the sandbox exchanges
 * are seeded from here, and anything that serves market data in sandbox mode (markets, events, order books)
 * should read the same lists. Ids are derived deterministically from the slugs, so they are the same on
 * every start.
 */
public final class SandboxSeed {

    /** One resting quote: a price and a size (contracts on Kalshi, shares on Polymarket). */
    public record Quote(BigDecimal price, BigDecimal size) {
        static Quote of(String price, String size) {
            return new Quote(new BigDecimal(price), new BigDecimal(size));
        }
    }

    /**
     * A Kalshi market with the house's YES quotes: {@code yesBids} (house buys YES = {@link BookSide#BID}) and
     * {@code yesAsks} (house sells YES = {@link BookSide#ASK}, which is buying NO at 1 − price).
     */
    public record KalshiMarket(
            String ticker,
            String eventTicker,
            String eventTitle,
            String title,
            PriceLevelStructure structure,
            List<Quote> yesBids,
            List<Quote> yesAsks) {

        /** The series: the event ticker up to its first {@code -}. */
        public String seriesTicker() {
            return eventTicker.substring(0, eventTicker.indexOf('-'));
        }
    }

    /**
     * A binary Polymarket market with the house's quotes on the Yes token; the No token is quoted at the
     * complements (No bid = 1 − Yes ask, No ask = 1 − Yes bid), as a consistent CLOB would show them.
     */
    public record PolymarketMarket(
            String slug,
            String question,
            String conditionId,
            String yesTokenId,
            String noTokenId,
            BigDecimal tickSize,
            boolean negRisk,
            List<Quote> yesBids,
            List<Quote> yesAsks) {

        public List<Quote> noBids() {
            return complement(yesAsks);
        }

        public List<Quote> noAsks() {
            return complement(yesBids);
        }

        private static List<Quote> complement(List<Quote> quotes) {
            return quotes.stream()
                    .map(q -> new Quote(BigDecimal.ONE.subtract(q.price()), q.size()))
                    .toList();
        }
    }

    public static final List<KalshiMarket> KALSHI = List.of(
            new KalshiMarket(
                    "KXBTC-26DEC31-B100000",
                    "KXBTC-26DEC31",
                    "Bitcoin price on Dec 31, 2026",
                    "Bitcoin above $100,000 on Dec 31, 2026?",
                    PriceLevelStructure.LINEAR_CENT,
                    List.of(Quote.of("0.40", "500"), Quote.of("0.39", "1000"), Quote.of("0.37", "2500")),
                    List.of(Quote.of("0.44", "500"), Quote.of("0.45", "1000"), Quote.of("0.47", "2500"))),
            new KalshiMarket(
                    "KXBTC-26DEC31-B120000",
                    "KXBTC-26DEC31",
                    "Bitcoin price on Dec 31, 2026",
                    "Bitcoin above $120,000 on Dec 31, 2026?",
                    PriceLevelStructure.LINEAR_CENT,
                    List.of(Quote.of("0.16", "500"), Quote.of("0.15", "1000")),
                    List.of(Quote.of("0.19", "500"), Quote.of("0.20", "1000"))),
            new KalshiMarket(
                    "KXFED-26DEC-T350",
                    "KXFED-26DEC",
                    "Fed rate after the December 2026 meeting",
                    "Fed funds upper bound above 3.50% after the December 2026 meeting?",
                    PriceLevelStructure.TAPERED_DECI_CENT,
                    List.of(Quote.of("0.058", "2000"), Quote.of("0.055", "5000")),
                    List.of(Quote.of("0.062", "2000"), Quote.of("0.065", "5000"))));

    public static final List<PolymarketMarket> POLYMARKET = List.of(
            polymarket(
                    "sandbox-btc-150k-2026",
                    "Will Bitcoin reach $150,000 by December 31, 2026?",
                    "0.01",
                    false,
                    List.of(Quote.of("0.33", "1000"), Quote.of("0.32", "2500")),
                    List.of(Quote.of("0.36", "1000"), Quote.of("0.37", "2500"))),
            polymarket(
                    "sandbox-fed-cut-dec-2026",
                    "Will the Fed cut rates in December 2026?",
                    "0.01",
                    false,
                    List.of(Quote.of("0.61", "1000"), Quote.of("0.60", "2500")),
                    List.of(Quote.of("0.63", "1000"), Quote.of("0.64", "2500"))),
            polymarket(
                    "sandbox-world-cup-2026-brazil",
                    "Will Brazil win the 2026 FIFA World Cup?",
                    "0.001",
                    true,
                    List.of(Quote.of("0.158", "2000"), Quote.of("0.155", "5000")),
                    List.of(Quote.of("0.162", "2000"), Quote.of("0.165", "5000"))));

    private SandboxSeed() {}

    /** Adds the Kalshi markets (exchange shard 0), their public descriptions and the house's quotes. */
    public static void seed(FakeKalshi kalshi) {
        for (KalshiMarket m : KALSHI) {
            kalshi.addMarket(m.ticker(), m.eventTicker(), m.structure(), 0);
            kalshi.publicData().market(m.ticker()).title = m.title();
            kalshi.publicData().event(m.eventTicker(), m.eventTitle(), m.seriesTicker());
            m.yesBids().forEach(q -> kalshi.addLiquidity(m.ticker(), BookSide.BID, q.price(), q.size()));
            m.yesAsks().forEach(q -> kalshi.addLiquidity(m.ticker(), BookSide.ASK, q.price(), q.size()));
        }
    }

    /** Adds the Polymarket markets and the house's quotes on both tokens. */
    public static void seed(FakePolymarket polymarket) {
        for (PolymarketMarket m : POLYMARKET) {
            polymarket.addMarket(FakePolymarket.Market.binary(
                    m.conditionId(), m.yesTokenId(), m.noTokenId(), m.tickSize().toPlainString(), m.negRisk()));
            FakePolymarketPublic.GammaMarket gamma = polymarket.gamma(m.conditionId());
            gamma.question = m.question();
            gamma.eventTitle = m.question();
            BigDecimal mid = m.yesBids()
                    .get(0)
                    .price()
                    .add(m.yesAsks().get(0).price())
                    .divide(BigDecimal.valueOf(2), java.math.MathContext.DECIMAL64)
                    .stripTrailingZeros();
            gamma.outcomePrices =
                    List.of(mid.toPlainString(), BigDecimal.ONE.subtract(mid).toPlainString());
            quote(polymarket, m.yesTokenId(), m.yesBids(), m.yesAsks());
            quote(polymarket, m.noTokenId(), m.noBids(), m.noAsks());
        }
    }

    private static void quote(FakePolymarket polymarket, String tokenId, List<Quote> bids, List<Quote> asks) {
        bids.forEach(q -> polymarket.addHouseLevel(tokenId, PolymarketSide.BUY, q.price(), q.size()));
        asks.forEach(q -> polymarket.addHouseLevel(tokenId, PolymarketSide.SELL, q.price(), q.size()));
    }

    private static PolymarketMarket polymarket(
            String slug, String question, String tick, boolean negRisk, List<Quote> yesBids, List<Quote> yesAsks) {
        String conditionId = "0x" + HexFormat.of().formatHex(sha256("pmgate-sandbox|condition|" + slug));
        return new PolymarketMarket(
                slug,
                question,
                conditionId,
                tokenId(slug, "Yes"),
                tokenId(slug, "No"),
                new BigDecimal(tick),
                negRisk,
                yesBids,
                yesAsks);
    }

    /** A uint256 token id in decimal, as the CLOB writes them (a legacy, not Protocol-V2, position id). */
    private static String tokenId(String slug, String outcome) {
        byte[] digest = sha256("pmgate-sandbox|token|" + slug + "|" + outcome);
        digest[25] |= 1; // bit 48 set, so bits 40–103 are not all zero: a pre-V2 id, signed for domain "2"
        return new BigInteger(1, digest).toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
