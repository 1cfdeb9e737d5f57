package dev.pmgate.sandbox;

import com.sun.net.httpserver.HttpExchange;
import dev.pmgate.sandbox.FakePolymarket.Fault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/** Queued fault injections, consumed by the requests they match. */
final class FakePolymarketFaults {

    private final List<Fault> queue = new LinkedList<>();

    synchronized void add(Fault fault) {
        queue.add(fault);
    }

    /** Applies the first matching fault; true when it produced the whole outcome of the request. */
    boolean apply(HttpExchange exchange, String path) throws IOException {
        Fault fault = take(exchange.getRequestMethod(), path);
        if (fault == null) {
            return false;
        }
        if (!fault.delay().isZero()) {
            try {
                Thread.sleep(fault.delay().toMillis()); // the fake itself is slow; tests never sleep
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        if (fault.dropConnection()) {
            return true; // closing the exchange without a response drops the connection
        }
        if (fault.status() > 0) {
            FakePolymarketHttp.send(
                    exchange,
                    new FakePolymarketHttp.Response(
                            fault.status(),
                            fault.body() == null ? new byte[0] : fault.body().getBytes(StandardCharsets.UTF_8)));
            return true;
        }
        return false;
    }

    private synchronized Fault take(String method, String path) {
        for (Iterator<Fault> it = queue.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (fault.matches(method, path)) {
                it.remove();
                if (fault.times() > 1) {
                    queue.add(0, fault.times(fault.times() - 1));
                }
                return fault;
            }
        }
        return null;
    }
}
