package dev.pmgate.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.CredentialsHeader;
import dev.pmgate.api.EntryRequest;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.Json;
import dev.pmgate.api.Operation;
import dev.pmgate.pipeline.Entry;
import dev.pmgate.pipeline.Headers;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.pipeline.RequestIds;
import dev.pmgate.pipeline.RequestValidator;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads a platform-http request into an {@link EntryRequest}: the raw query string (not Camel's
 * header copies of it), the path id, the JSON body and the Idempotency-Key. Then it drops every
 * inbound header except the two the pipeline consumes next.
 */
public class RestRequestReader implements Processor {

    static final int MAX_BODY_BYTES = 64 * 1024;

    @Override
    public void process(Exchange exchange) {
        var in = exchange.getIn();
        Map<String, String> query = begin(exchange);
        String orderId = in.getHeader("id", String.class);
        String idempotencyKey = in.getHeader("Idempotency-Key", String.class);
        Operation op = Pipeline.operation(exchange);
        byte[] body = bodyBytes(in);
        JsonNode order = op.hasBody() ? parseBody(body) : null;
        if (!op.hasBody()) {
            refuseCredentialsInUnusedBody(body);
        }
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        if (uri != null) {
            exchange.setProperty(Pipeline.REST_PATH, uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri);
        }
        exchange.setProperty(Pipeline.REST_QUERY, query);
        Headers.keepOnly(in, CredentialsHeader.API_KEY, CredentialsHeader.NAME);
        exchange.setProperty(Pipeline.EXCHANGE_PARAM, query.get("exchange"));
        in.setBody(new EntryRequest(query.get("exchange"), order, orderId, query, idempotencyKey));
    }

    /** What every REST request starts with (this reader and ping): the entry, then {@link RequestIds#beginHttp}. */
    static Map<String, String> begin(Exchange exchange) {
        exchange.setProperty(Pipeline.ENTRY, Entry.REST);
        return RequestIds.beginHttp(exchange);
    }

    /**
     * The request body, at most one byte beyond the limit (enough to refuse it). Read from the servlet's stream
     * directly: Camel's {@code getBody(byte[].class)} looks the container's stream class up in its converter
     * registry on every request (issue 13: 4 % of a request's CPU), and would read an oversize body whole.
     */
    static byte[] bodyBytes(org.apache.camel.Message in) {
        Object raw = in.getBody();
        try {
            if (raw == null || raw instanceof byte[]) {
                return (byte[]) raw;
            }
            if (raw instanceof java.io.InputStream stream) {
                return stream.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (raw instanceof String text) {
                return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (java.io.IOException e) {
            throw new GatewayException(ErrorCode.BAD_REQUEST, "request body could not be read");
        }
        return in.getBody(byte[].class);
    }

    private static JsonNode parseBody(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE, "request body larger than 64 KiB");
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new GatewayException(
                    ErrorCode.BAD_REQUEST,
                    "request body is not valid JSON",
                    List.of("body: " + describe(e)),
                    null,
                    null,
                    null,
                    null);
        } catch (java.io.IOException e) {
            throw new GatewayException(ErrorCode.BAD_REQUEST, "request body is not valid JSON");
        } catch (RuntimeException e) {
            // Jackson lets NumberFormatException through for an exponent beyond int range (1e-9999999999)
            throw new GatewayException(
                    ErrorCode.BAD_REQUEST,
                    "request body is not valid JSON",
                    List.of("body: malformed number"),
                    null,
                    null,
                    null,
                    null);
        }
    }

    /**
     * Endpoints without a body ignore one, but a JSON body carrying credential fields is still refused
     * (SPEC §3 invariant 1), as on create; anything else in it stays ignored.
     */
    private static void refuseCredentialsInUnusedBody(byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_BODY_BYTES) {
            return;
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            return;
        }
        RequestValidator.refuseCredentialFields(node, "");
    }

    /** Says what kind of JSON problem it was without quoting the input. */
    private static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            return "duplicate field";
        }
        if (message.contains("nesting depth")) {
            return "nested too deeply";
        }
        if (message.contains("Number value length") || message.contains("number length")) {
            return "number too long";
        }
        return "malformed JSON";
    }
}
