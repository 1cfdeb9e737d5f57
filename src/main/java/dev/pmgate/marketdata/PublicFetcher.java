package dev.pmgate.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.UpstreamError;
import dev.pmgate.upstream.UpstreamHttp;
import dev.pmgate.upstream.UpstreamRequest;
import dev.pmgate.upstream.UpstreamResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

/**
 * Sends each public read through the {@link dev.pmgate.resilience.UpstreamGuard} of its {@link PublicSource}
 * (in-flight bound, circuit breaker, GET retries; a 5xx, timeout or reset counts in the breaker), to that
 * source's base URL, and keeps the answers in the shared {@link PublicCache}. A public read carries no credential and no caller header: the attempt route
 * starts from an empty message and sets only method, path, query, Accept, User-Agent and X-Request-Id.
 */
public class PublicFetcher {

    /** The one attempt route of every public read; it sends to the base URL of the request's source. */
    static final String ATTEMPT_URI = "direct:market-data-attempt";

    static final String RAW_QUERY = "pmgateMarketDataQuery";
    static final String REQUEST_ID = "pmgateMarketDataRequestId";
    /** Exchange property: the base URL the attempt route sends to ({@link PublicSource#baseUrl()}). */
    static final String BASE_URL = "pmgateMarketDataBaseUrl";

    private final CamelContext camel;
    private final PublicCache cache;
    private final Counter hits;
    private final Counter misses;

    /** For tests that answer {@link #get} themselves (no Camel). */
    protected PublicFetcher(PublicCache cache, MeterRegistry meters) {
        this(null, cache, meters);
    }

    PublicFetcher(CamelContext camel, PublicCache cache, MeterRegistry meters) {
        this.camel = camel;
        this.cache = cache;
        this.hits = Counter.builder("pmgate.market.data.cache")
                .description("public market-data reads by cache result")
                .tag("result", "hit")
                .register(meters);
        this.misses = Counter.builder("pmgate.market.data.cache")
                .description("public market-data reads by cache result")
                .tag("result", "miss")
                .register(meters);
    }

    /**
     * The exchange's answer: a 2xx, or a 4xx the caller interprets (404 → unknown market). A 429 and
     * 5xx become SPEC errors here; a timeout or reset propagates as the transport failure it is.
     */
    public UpstreamResponse get(PublicRequest request, String requestId) throws Exception {
        String key = request.cacheKey();
        UpstreamResponse cached = cache.get(key);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(RAW_QUERY, request.rawQuery());
        exchange.setProperty(REQUEST_ID, requestId);
        exchange.setProperty(BASE_URL, request.source().baseUrl());
        exchange.getIn().setBody(UpstreamRequest.get(request.path()));
        try {
            request.source().guard().call(exchange, ATTEMPT_URI);
        } catch (Exception e) {
            if (dev.pmgate.upstream.TransportFailure.of(e) != null) { // a timeout or reset, named after its exchange
                throw dev.pmgate.pipeline.ErrorTranslator.translate(e)
                        .withExchange(request.source().exchange());
            }
            throw e;
        }
        UpstreamResponse response = exchange.getMessage().getBody(UpstreamResponse.class);
        if (response == null) {
            throw new IllegalStateException("no answer from the public call");
        }
        failOnServerSide(request.source().exchange(), response);
        if (response.is2xx() || response.status() == 404) {
            cache.put(key, response);
        }
        return response;
    }

    /** Parses a 2xx body as JSON; anything else (a 4xx other than the caller's cases, or not JSON) is a 502. */
    public static JsonNode json(String exchange, UpstreamResponse response) {
        if (!response.is2xx()) {
            throw unusable(exchange, response, "the exchange refused the public market-data request");
        }
        JsonNode node = response.json();
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw unusable(exchange, response, "the exchange answered something that is not JSON");
        }
        return node;
    }

    /** The exchange answered something market data cannot use: a 502 named after the exchange. */
    public static GatewayException unusable(String exchange, UpstreamResponse response, String message) {
        return GatewayException.upstream(
                ErrorCode.UPSTREAM_ERROR, message, exchange, new UpstreamError(response.status(), null, null));
    }

    /** The exchange does not know the market (SPEC {@code market_not_found}). */
    public static GatewayException marketNotFound(String exchange) {
        return new GatewayException(
                ErrorCode.MARKET_NOT_FOUND, "market not found", List.of(), exchange, null, false, null);
    }

    private static void failOnServerSide(String exchange, UpstreamResponse response) {
        int status = response.status();
        if (status == 429) {
            GatewayException e = new GatewayException(
                    ErrorCode.RATE_LIMIT_EXCEEDED,
                    "the exchange is rate limiting public market-data requests",
                    List.of(),
                    exchange,
                    new UpstreamError(status, null, null),
                    true,
                    null);
            throw e.withRetryAfter(retryAfterSeconds(response.retryAfter()));
        }
        if (status == 503) {
            throw new GatewayException(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "the exchange is unavailable",
                    List.of(),
                    exchange,
                    new UpstreamError(status, null, null),
                    true,
                    1L);
        }
        if (status >= 500 || status == 0) {
            throw new GatewayException(
                    ErrorCode.UPSTREAM_ERROR,
                    "the exchange failed to answer the public request",
                    List.of(),
                    exchange,
                    new UpstreamError(status, null, null),
                    true,
                    null);
        }
    }

    private static long retryAfterSeconds(String header) {
        if (header != null && header.trim().matches("[0-9]{1,6}")) {
            return Math.max(1, Long.parseLong(header.trim()));
        }
        return 1;
    }

    /** Attempt-route step: an empty message with only the public request's method, path and query. */
    public void prepare(Exchange exchange) {
        UpstreamRequest request = exchange.getIn().getBody(UpstreamRequest.class);
        UpstreamHttp.prepare(exchange, request, Map.of(), exchange.getProperty(REQUEST_ID, String.class));
        String query = exchange.getProperty(RAW_QUERY, String.class);
        if (query != null && !query.isEmpty()) {
            exchange.getIn().setHeader(Exchange.HTTP_QUERY, query);
        }
    }

    /** Attempt-route step: the answer as an {@link UpstreamResponse}. */
    public void read(Exchange exchange) {
        exchange.getIn().setBody(UpstreamHttp.read(exchange));
    }
}
