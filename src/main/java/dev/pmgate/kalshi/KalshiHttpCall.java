package dev.pmgate.kalshi;

import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.credentials.TrackedSession;
import dev.pmgate.upstream.UpstreamHttp;
import dev.pmgate.upstream.UpstreamRequest;
import java.net.URI;
import java.time.Clock;
import org.apache.camel.Exchange;

/**
 * Signs an {@link UpstreamRequest} for Kalshi right before it is sent (the timestamp window is
 * seconds wide) and prepares the HTTP producer's message; reads the answer back afterwards.
 */
public class KalshiHttpCall {

    private final String basePath;
    private final Clock clock;
    private final KalshiKeyRegistrar registrar;

    public KalshiHttpCall(String baseUrl, Clock clock) {
        this(baseUrl, clock, null);
    }

    /** {@code registrar}: sandbox mode only (null otherwise), told the public key before each signature. */
    public KalshiHttpCall(String baseUrl, Clock clock, KalshiKeyRegistrar registrar) {
        String path = URI.create(baseUrl).getRawPath();
        this.basePath = path == null ? "" : path.replaceAll("/+$", "");
        this.clock = clock;
        this.registrar = registrar;
    }

    public void sign(Exchange exchange) {
        UpstreamRequest request = exchange.getIn().getBody(UpstreamRequest.class);
        if (isPublic(request)) {
            // public market data needs no signature: the account's auth headers go only where required
            UpstreamHttp.prepare(exchange, request, java.util.Map.of(), exchange.getProperty(Pipeline.REQUEST_ID, String.class));
            return;
        }
        KalshiSession session = exchange.getProperty(Pipeline.SESSION, TrackedSession.class).unwrap(KalshiSession.class);
        if (registrar != null) {
            java.security.PublicKey publicKey = session.key().publicKey();
            if (publicKey != null) {
                registrar.beforeSigning(session.apiKeyId(), publicKey);
            }
        }
        var headers = KalshiSigner.headers(session, clock.millis(), request.method(), basePath + request.path());
        UpstreamHttp.prepare(exchange, request, headers, exchange.getProperty(Pipeline.REQUEST_ID, String.class));
    }

    /** Kalshi's public market reads ({@code GET /markets}, {@code GET /markets/{ticker}}), answered without authentication. */
    static boolean isPublic(UpstreamRequest request) {
        return "GET".equals(request.method())
                && (request.path().equals("/markets") || request.path().startsWith("/markets/"));
    }

    public void read(Exchange exchange) {
        exchange.getIn().setBody(UpstreamHttp.read(exchange));
    }
}
