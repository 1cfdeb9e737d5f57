package dev.pmgate.kalshi;

import dev.pmgate.credentials.TrackedSession;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.upstream.UpstreamHttp;
import dev.pmgate.upstream.UpstreamRequest;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The two ends of one attempt of a Kalshi call (the HTTP producer between them sends it): {@link #sign}
 * signs the {@link UpstreamRequest} right before it is sent (the timestamp window is seconds wide) and
 * prepares the producer's message; {@link #read} turns the answer into an {@code UpstreamResponse}.
 */
class KalshiSigning {

    private final String basePath;
    private final Clock clock;
    private final KalshiKeyRegistrar registrar;

    /** {@code registrar}: sandbox mode only (null otherwise), told the public key before each signature. */
    KalshiSigning(String baseUrl, Clock clock, KalshiKeyRegistrar registrar) {
        String path = URI.create(baseUrl).getRawPath();
        this.basePath = path == null ? "" : path.replaceAll("/+$", "");
        this.clock = clock;
        this.registrar = registrar;
    }

    public void sign(Exchange exchange) {
        UpstreamRequest request = exchange.getIn().getBody(UpstreamRequest.class);
        String requestId = exchange.getProperty(Pipeline.REQUEST_ID, String.class);
        if (isPublic(request)) {
            // public market data needs no signature: the account's auth headers go only where required
            UpstreamHttp.prepare(exchange, request, Map.of(), requestId);
            return;
        }
        KalshiSession session =
                exchange.getProperty(Pipeline.SESSION, TrackedSession.class).unwrap(KalshiSession.class);
        if (registrar != null) {
            PublicKey publicKey = session.key().publicKey();
            if (publicKey != null) {
                registrar.beforeSigning(session.apiKeyId(), publicKey);
            }
        }
        var headers = KalshiSigner.headers(session, clock.millis(), request.method(), basePath + request.path());
        UpstreamHttp.prepare(exchange, request, headers, requestId);
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
