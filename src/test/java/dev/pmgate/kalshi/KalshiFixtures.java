package dev.pmgate.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.support.TestData;
import dev.pmgate.upstream.UpstreamResponse;

/** The recorded Kalshi demo answers (src/test/resources/fixtures/kalshi-demo-recorded) as the HTTP step reads them. */
final class KalshiFixtures {

    private static final String DIR = "fixtures/kalshi-demo-recorded/";

    private KalshiFixtures() {}

    /** The answer {@code name} under the status it was recorded with. */
    static UpstreamResponse answer(String name) {
        return new UpstreamResponse(meta(name).get("status").asInt(), null, TestData.text(DIR + name + ".json"));
    }

    /** The request that produced {@code name} (method, path, request_body, status). */
    static JsonNode meta(String name) {
        return TestData.json(DIR + name + ".meta.json");
    }
}
