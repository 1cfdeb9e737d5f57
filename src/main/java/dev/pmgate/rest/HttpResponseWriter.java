package dev.pmgate.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pmgate.api.ErrorBody;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.Json;
import dev.pmgate.api.ListPage;
import dev.pmgate.pipeline.Pipeline;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Writes a {@link GatewayResult} as the REST response: JSON body, status, and only our own headers —
 * {@code X-Request-Id}, {@code Retry-After}, on list pages {@code X-Next-Cursor} and
 * {@code Link: <…>; rel="next"} (RFC 8288), on errors {@code x-should-retry} (SPEC §2.3).
 */
class HttpResponseWriter implements Processor {

    /** The header the Parsec SDK (Stainless) reads to override its own retry decision. */
    public static final String SHOULD_RETRY = ErrorBody.SHOULD_RETRY_HEADER;

    public static final String NEXT_CURSOR = "X-Next-Cursor";
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/_.-]{1,200}");

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        GatewayResult result = exchange.getIn().getBody(GatewayResult.class);
        var in = exchange.getIn();
        String path = Pipeline.restPath(exchange);
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, result.status());
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        String requestId = Pipeline.requestId(exchange);
        if (requestId != null) {
            in.setHeader("X-Request-Id", requestId);
        }
        if (result.retryAfterSeconds() != null) {
            in.setHeader("Retry-After", Long.toString(result.retryAfterSeconds()));
        }
        if (result.payload() instanceof ErrorBody error) {
            Boolean override = Pipeline.shouldRetry(exchange);
            in.setHeader(SHOULD_RETRY, Boolean.toString(override != null ? override : error.retryable()));
        }
        if (result.payload() instanceof ListPage page && page.nextCursor() != null) {
            in.setHeader(NEXT_CURSOR, page.nextCursor());
            Map<String, String> query = Pipeline.restQuery(exchange);
            if (path != null && PATH.matcher(path).matches() && query != null) {
                in.setHeader("Link", "<" + nextPage(path, query, page.nextCursor()) + ">; rel=\"next\"");
            }
        }
        in.setBody(Json.mapper().writeValueAsBytes(result.payload()));
    }

    /** The list parameters a next-page link repeats; anything else the caller sent is not echoed. */
    private static final java.util.Set<String> LIST_PARAMETERS =
            java.util.Set.of("exchange", "market_id", "status", "limit", "cursor", "order_id");

    /** The same request (path and its list parameters, in order) with {@code cursor} set to the next page. */
    static String nextPage(String path, Map<String, String> query, String cursor) {
        StringBuilder out = new StringBuilder(path).append('?');
        boolean first = true;
        boolean cursorWritten = false;
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (!LIST_PARAMETERS.contains(e.getKey())) {
                continue;
            }
            String value = e.getValue();
            if ("cursor".equals(e.getKey())) {
                value = cursor;
                cursorWritten = true;
            }
            out.append(first ? "" : "&").append(encode(e.getKey())).append('=').append(encode(value));
            first = false;
        }
        if (!cursorWritten) {
            out.append(first ? "" : "&").append("cursor=").append(encode(cursor));
        }
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
