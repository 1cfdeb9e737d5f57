package dev.pmgate.marketdata;

import dev.pmgate.marketdata.ParsecModels.Candle;
import dev.pmgate.marketdata.ParsecModels.Event;
import dev.pmgate.marketdata.ParsecModels.Market;
import dev.pmgate.marketdata.ParsecModels.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One exchange's public market data, normalized to the Parsec models (SPEC §8): what the exchange-neutral
 * {@link MarketDataEndpoints} asks of each exchange. Each exchange package declares one bean of this type in its
 * own {@code @Configuration}; the endpoints list, query and page over every such bean and never name an exchange.
 *
 * <p>Upstream reads go through {@link PublicFetcher} with a {@link PublicSource} of the exchange (its base URL and
 * its {@code UpstreamGuard}), so they share the cache, the guard and the error mapping of every public read.
 */
public interface PublicMarkets {

    /** The exchange as callers name it in {@code exchanges=} and in parsec ids ({@code "kalshi"}); lower case. */
    String exchange();

    /** The exchange's own spelling, for people ({@code "Kalshi"}). */
    String displayName();

    /** What pmgate does for this exchange ({@code GET /exchanges}); by default every feature pmgate has. */
    default Map<String, Boolean> capabilities() {
        return gatewayCapabilities();
    }

    /**
     * The exchange's market id of a parsec id ({@code "kalshi:<this>"}), checked against the exchange's syntax
     * before any upstream call and normalized (e.g. lower case); malformed → a validation error naming {@code field}.
     */
    String marketId(String field, String nativeId);

    /**
     * Listing streams of the exchange's markets, in the order they are walked. {@code eventId} (the exchange's
     * own event id) narrows to one event; {@code marketIds} (from {@code parsec_ids}, already checked by
     * {@link #marketId}) replace the status walk; either may be null. The filter is applied to every page.
     */
    List<Listing.Stream<Market>> marketStreams(
            MarketFilter filter, String eventId, List<String> marketIds, String requestId);

    /** Listing streams of the exchange's events, in the order they are walked. */
    List<Listing.Stream<Event>> eventStreams(EventFilter filter, String requestId);

    /** One market by its market id with its outcomes; unknown → {@link PublicFetcher#marketNotFound}. */
    ResolvedMarket resolve(String marketId, String requestId) throws Exception;

    /** The target outcome's book, best first; {@code depth} 0 = every level the exchange has. */
    Book book(MarketTarget target, int depth, String requestId) throws Exception;

    /** The target outcome's recent trades, newest first, at most {@code limit}; bounds in epoch seconds or null. */
    List<Trade> trades(MarketTarget target, Long start, Long end, int limit, String requestId) throws Exception;

    /** The target outcome's candles of one interval inside the window, oldest first. */
    List<Candle> candles(MarketTarget target, Candles.Interval interval, Candles.Window window, String requestId)
            throws Exception;

    /**
     * Estimated taker fee of the fills of a book walk on the target outcome; null when the exchange's fee for
     * this market cannot be known.
     */
    BigDecimal takerFee(MarketTarget target, List<BookWalk.Fill> fills, Instant now, String requestId) throws Exception;

    /** What pmgate really does for an exchange: no user activity, approvals, balance refresh or websocket. */
    static Map<String, Boolean> gatewayCapabilities() {
        Map<String, Boolean> has = new LinkedHashMap<>();
        for (String yes : List.of(
                "fetch_markets",
                "create_order",
                "cancel_order",
                "fetch_positions",
                "fetch_balance",
                "fetch_orderbook",
                "fetch_price_history",
                "fetch_trades",
                "fetch_events")) {
            has.put(yes, true);
        }
        for (String no : List.of("fetch_user_activity", "approvals", "refresh_balance", "websocket")) {
            has.put(no, false);
        }
        return has;
    }
}
