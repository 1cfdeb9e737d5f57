package dev.pmgate.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Everything the gateway emitted to tests (responses, Kafka records), kept for the canary scan. */
public final class Outputs {

    private static final ConcurrentLinkedQueue<String> SEEN = new ConcurrentLinkedQueue<>();

    private Outputs() {}

    public static void record(String output) {
        SEEN.add(output);
    }

    public static List<String> all() {
        return new ArrayList<>(SEEN);
    }
}
