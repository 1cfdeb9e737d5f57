package dev.pmgate.polymarket;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.Operation;
import dev.pmgate.credentials.TrackedSession;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.polymarket.PolymarketErrorTranslator.Context;
import dev.pmgate.upstream.UpstreamHttp;
import dev.pmgate.upstream.UpstreamRequest;
import dev.pmgate.upstream.UpstreamResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Prepares each Polymarket attempt right before it is sent — L2 HMAC over the exact body bytes for private
 * CLOB calls, L1 EIP-712 for the API-key endpoints, nothing for public market and Data API calls — and reads
 * the answer. Calls nothing itself; also installs CLOB credentials derived for this request in the session.
 */
class PolymarketSigning {

    private final long chainId;
    private final Clock clock;

    PolymarketSigning(long chainId, Clock clock) {
        this.chainId = chainId;
        this.clock = clock;
    }

    /** Signs the request in the body as {@link PolymarketState#SIGNING} names, and sets the HTTP headers. */
    public void sign(Exchange exchange) {
        UpstreamRequest request = exchange.getIn().getBody(UpstreamRequest.class);
        Map<String, String> headers = switch (PolymarketState.signing(exchange)) {
            case L2 -> {
                byte[] body = request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8);
                yield PolymarketState.session(exchange)
                        .l2()
                        .headers(clock.instant().getEpochSecond(), request.method(), request.path(), body);
            }
            case L1 ->
                PolymarketL1Auth.headers(
                        PolymarketState.session(exchange).key(), clock.instant().getEpochSecond(), 0, chainId);
            case NONE -> Map.of();
        };
        UpstreamHttp.prepare(exchange, request, headers, exchange.getProperty(Pipeline.REQUEST_ID, String.class));
    }

    /** A Data API call: public, never signed. */
    public void unsigned(Exchange exchange) {
        UpstreamRequest request = exchange.getIn().getBody(UpstreamRequest.class);
        UpstreamHttp.prepare(exchange, request, Map.of(), exchange.getProperty(Pipeline.REQUEST_ID, String.class));
    }

    public void read(Exchange exchange) {
        exchange.getIn().setBody(UpstreamHttp.read(exchange));
    }

    /** Whether this operation needs L2 credentials the session does not have yet (key-only sessions). */
    public boolean needsCredentials(
            @ExchangeProperty(Pipeline.OPERATION) Operation operation,
            @ExchangeProperty(Pipeline.SESSION) TrackedSession session) {
        return operation != Operation.GET_POSITIONS
                && !PolymarketState.session(session).hasClobCredentials();
    }

    /**
     * Installs credentials from {@code /auth/derive-api-key} or {@code /auth/api-key} in the session
     * for this request only. Their text never leaves this method except inside the session: the answer that
     * held them is dropped (the body becomes {@code null}).
     */
    public Object installDerived(
            @Body UpstreamResponse response, @ExchangeProperty(Pipeline.SESSION) TrackedSession session) {
        if (!response.is2xx()) {
            GatewayException e = PolymarketErrorTranslator.translate(response, Context.OTHER);
            throw e.code() == ErrorCode.VALIDATION_ERROR
                    ? GatewayException.upstream(
                            ErrorCode.AUTHENTICATION_FAILED,
                            "Polymarket would not issue CLOB credentials for this key",
                            PolymarketModule.NAME.wireName(),
                            e.upstream())
                    : e;
        }
        UpstreamResponse withoutBody = new UpstreamResponse(response.status(), null, "");
        PolymarketWire.ApiCredentials credentials;
        try {
            credentials = PolymarketNormalizer.read(response, Context.OTHER, PolymarketWire.ApiCredentials.class);
        } catch (GatewayException e) {
            throw PolymarketErrorTranslator.malformed(withoutBody);
        }
        if (credentials.apiKey() == null || credentials.secret() == null || credentials.passphrase() == null) {
            throw PolymarketErrorTranslator.malformed(withoutBody);
        }
        try {
            PolymarketState.session(session)
                    .useDerived(
                            credentials.apiKey(),
                            credentials.secret().toCharArray(),
                            credentials.passphrase().toCharArray());
        } catch (IllegalArgumentException e) {
            throw PolymarketErrorTranslator.malformed(withoutBody);
        }
        return null;
    }
}
