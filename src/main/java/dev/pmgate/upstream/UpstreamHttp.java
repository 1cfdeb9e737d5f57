package dev.pmgate.upstream;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/**
 * Prepares the Camel message for the HTTP producer and reads its answer. The message keeps no
 * inbound header: only the method, path, query, content headers and the exchange's auth headers.
 */
public final class UpstreamHttp {

    private UpstreamHttp() {}

    public static void prepare(
            Exchange exchange, UpstreamRequest request, Map<String, String> authHeaders, String requestId) {
        Message in = exchange.getIn();
        in.removeHeaders("*");
        // the HTTP producer reads this header as HttpMethods: set the enum, so no type conversion runs per call
        in.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(request.method()));
        in.setHeader(Exchange.HTTP_PATH, request.path());
        String query = request.encodedQuery();
        if (query != null) {
            in.setHeader(Exchange.HTTP_QUERY, query);
        }
        in.setHeader("Accept", "application/json");
        in.setHeader("User-Agent", "pmgate/0.1");
        if (requestId != null) {
            in.setHeader("X-Request-Id", requestId);
        }
        authHeaders.forEach(in::setHeader);
        if (request.body() != null) {
            in.setHeader(Exchange.CONTENT_TYPE, "application/json");
            in.setBody(request.body().getBytes(StandardCharsets.UTF_8));
        } else {
            in.setBody(null);
        }
    }

    public static UpstreamResponse read(Exchange exchange) {
        Message in = exchange.getIn();
        Integer status = in.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String retryAfter = in.getHeader("Retry-After", String.class);
        String body = in.getBody(String.class);
        in.removeHeaders("*");
        return new UpstreamResponse(status == null ? 0 : status, retryAfter, body == null ? "" : body);
    }
}
