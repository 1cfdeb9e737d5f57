package dev.pmgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny HTTP client for tests over real loopback HTTP; every response is also kept for canary scans. */
public final class HttpCall {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String method;
    private final String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;

    private HttpCall(String method, String url) {
        this.method = method;
        this.url = url;
    }

    public static HttpCall to(String method, String url) {
        return new HttpCall(method, url);
    }

    public HttpCall header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    public HttpCall body(String json) {
        this.body = json;
        return this;
    }

    public Response send() {
        try {
            HttpRequest.Builder builder =
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            headers.forEach(builder::header);
            if (body != null) {
                builder.header("Content-Type", "application/json");
            }
            builder.method(
                    method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            Response r = new Response(response.statusCode(), response.headers().map(), response.body());
            Outputs.record("HTTP " + r.status() + " " + r.headers() + " " + r.body());
            return r;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }
}
