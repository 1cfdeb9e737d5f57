package dev.pmgate.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** HTTP plumbing of the fake: the parsed request, the response, strict JSON in and plain-decimal JSON out. */
final class FakePolymarketHttp {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private FakePolymarketHttp() {}

    /** A received request; {@code path} is the raw (still percent-encoded) path that L2 signs. */
    record Call(String method, String path, String rawQuery, Headers headers, byte[] body) {

        String header(String name) {
            return headers.getFirst(name);
        }

        Map<String, String> query() {
            Map<String, String> params = new LinkedHashMap<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    params.putIfAbsent(name, value);
                }
            }
            return params;
        }

        /** The body as strict JSON; anything else is the CLOB's "Invalid order payload" style 400. */
        JsonNode json(String invalidMessage) {
            try {
                JsonNode node = JSON.readTree(body);
                if (node == null || node.isMissingNode()) {
                    throw new Failure(400, invalidMessage);
                }
                return node;
            } catch (IOException e) {
                throw new Failure(400, invalidMessage);
            }
        }
    }

    record Response(int status, byte[] body) {

        static Response json(int status, Object value) {
            try {
                return new Response(status, JSON.writeValueAsBytes(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Response ok(Object value) {
            return json(200, value);
        }

        static Response error(int status, String message) {
            ObjectNode node = JSON.createObjectNode();
            node.put("error", message);
            return json(status, node);
        }
    }

    /** Ends request handling with the CLOB's error shape {@code {"error": message}}. */
    static final class Failure extends RuntimeException {
        private final int status;

        Failure(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        Response response() {
            return Response.error(status, getMessage());
        }
    }

    static void send(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (response.body().length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }
}
