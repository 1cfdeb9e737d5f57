package dev.pmgate.marketdata;

import dev.pmgate.upstream.UpstreamResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Answers public reads from canned bodies by path (anything else is a 404) and records every request. */
public final class FixtureFetcher extends PublicFetcher {

    private final Map<String, String> bodies = new HashMap<>();
    private final List<PublicRequest> requests = new ArrayList<>();

    public FixtureFetcher() {
        super(new PublicCache(0, 0, 0, System::nanoTime), new SimpleMeterRegistry());
    }

    public FixtureFetcher answer(String path, String body) {
        bodies.put(path, body);
        return this;
    }

    public List<PublicRequest> requests() {
        return requests;
    }

    @Override
    public UpstreamResponse get(PublicRequest request, String requestId) {
        requests.add(request);
        String body = bodies.get(request.path());
        return body == null ? new UpstreamResponse(404, null, "{}") : new UpstreamResponse(200, null, body);
    }

    /** A source of that exchange with no guard (this fetcher never calls upstream). */
    public static PublicSource source(String exchange, String name) {
        return new PublicSource(exchange, name, "http://localhost:9", null);
    }
}
