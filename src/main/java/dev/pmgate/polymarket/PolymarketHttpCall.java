package dev.pmgate.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.polymarket.PolymarketErrorTranslator.Context;
import dev.pmgate.upstream.UpstreamHttp;
import dev.pmgate.upstream.UpstreamRequest;
import dev.pmgate.upstream.UpstreamResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Signs Polymarket calls right before they are sent: L2 HMAC over the exact body bytes for private
 * CLOB calls, L1 EIP-712 for the API-key endpoints, nothing for public market and Data API calls.
 */
public class PolymarketHttpCall {

    private final long chainId;
    private final Clock clock;

    public PolymarketHttpCall(long chainId, Clock clock) {
        this.chainId = chainId;
        this.clock = clock;
    }

    public void signL2(Exchange exchange) {
        UpstreamRequest request = exchange.getIn().getBody(UpstreamRequest.class);
        PolymarketSession session = PolymarketRequestTranslator.session(exchange);
        byte[] body = request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = session.l2().headers(clock.instant().getEpochSecond(), request.method(),
                request.path(), body);
        UpstreamHttp.prepare(exchange, request, headers, exchange.getProperty(Pipeline.REQUEST_ID, String.class));
    }

    public void signL1(Exchange exchange) {
        UpstreamRequest request = exchange.getIn().getBody(UpstreamRequest.class);
        PolymarketSession session = PolymarketRequestTranslator.session(exchange);
        Map<String, String> headers = PolymarketL1Auth.headers(session.key(), clock.instant().getEpochSecond(), 0, chainId);
        UpstreamHttp.prepare(exchange, request, headers, exchange.getProperty(Pipeline.REQUEST_ID, String.class));
    }

    public void unsigned(Exchange exchange) {
        UpstreamRequest request = exchange.getIn().getBody(UpstreamRequest.class);
        UpstreamHttp.prepare(exchange, request, Map.of(), exchange.getProperty(Pipeline.REQUEST_ID, String.class));
    }

    public void read(Exchange exchange) {
        exchange.getIn().setBody(UpstreamHttp.read(exchange));
    }

    /** Whether this operation needs L2 credentials the session does not have yet (key-only sessions). */
    public boolean needsCredentials(Exchange exchange) {
        dev.pmgate.api.Operation op = exchange.getProperty(Pipeline.OPERATION, dev.pmgate.api.Operation.class);
        return op != dev.pmgate.api.Operation.GET_POSITIONS
                && !PolymarketRequestTranslator.session(exchange).hasClobCredentials();
    }

    /** Whether a derive answered with credentials; if not, the route creates them instead. */
    public boolean derived(Exchange exchange) {
        return exchange.getIn().getBody(UpstreamResponse.class).is2xx();
    }

    /**
     * Installs credentials from {@code /auth/derive-api-key} or {@code /auth/api-key} in the session
     * for this request only. Their text never leaves this method except inside the session.
     */
    public void installDerived(Exchange exchange) {
        UpstreamResponse response = exchange.getIn().getBody(UpstreamResponse.class);
        if (!response.is2xx()) {
            GatewayException e = PolymarketErrorTranslator.translate(response, Context.OTHER);
            throw e.code() == ErrorCode.VALIDATION_ERROR
                    ? GatewayException.upstream(ErrorCode.AUTHENTICATION_FAILED,
                            "Polymarket would not issue CLOB credentials for this key", "polymarket", e.upstream())
                    : e;
        }
        JsonNode root = response.json();
        if (root == null || !root.hasNonNull("apiKey") || !root.hasNonNull("secret") || !root.hasNonNull("passphrase")) {
            throw PolymarketErrorTranslator.malformed(new UpstreamResponse(response.status(), null, ""));
        }
        try {
            PolymarketRequestTranslator.session(exchange).useDerived(root.get("apiKey").asText(),
                    root.get("secret").asText().toCharArray(), root.get("passphrase").asText().toCharArray());
        } catch (IllegalArgumentException e) {
            throw PolymarketErrorTranslator.malformed(new UpstreamResponse(response.status(), null, ""));
        }
        exchange.getIn().setBody(null);
    }
}
