package dev.pmgate.pipeline;

import dev.pmgate.api.QueryString;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.MDC;

/** Puts the request id on every log line of the request (MDC {@code request_id}) and clears it after. */
public final class RequestIds {

    public static final String MDC_KEY = "request_id";

    /** What a caller's {@code X-Request-Id} may be; anything else is replaced by a fresh UUID. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {}

    /**
     * What every HTTP request starts with (the trading endpoints, ping and market data): the request id (the
     * caller's {@code X-Request-Id} if it is well formed, else a new one) bound to the exchange and the log
     * lines, then the decoded raw query string. platform-http also copies query parameters into the message
     * headers, where {@code ?X-API-Key=} or {@code ?X-Exchange-Credentials=} would stand in for (or merge
     * with) the real headers: they are refused here, before anything reads those headers (SPEC §3 invariants
     * 1 and 9).
     */
    public static Map<String, String> beginHttp(Exchange exchange) {
        var in = exchange.getIn();
        String requestId = in.getHeader("X-Request-Id", String.class);
        bind(
                exchange,
                requestId != null && ACCEPTED.matcher(requestId).matches()
                        ? requestId
                        : UUID.randomUUID().toString());
        String rawQuery = in.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        Map<String, String> query =
                QueryString.parse(rawQuery != null ? rawQuery : in.getHeader(Exchange.HTTP_QUERY, String.class));
        RequestValidator.refuseCredentialParameters(query);
        return query;
    }

    public static void bind(Exchange exchange, String requestId) {
        exchange.setProperty(Pipeline.REQUEST_ID, requestId);
        MDC.put(MDC_KEY, requestId);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                MDC.remove(MDC_KEY);
            }
        });
    }
}
