package dev.pmgate.polymarket;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * The exact {@code POST /order} body, in the key order of the official client's
 * {@code JSON.stringify(orderToJsonV2(...))}: {@code salt} and {@code signatureType} are JSON numbers,
 * the other integers decimal strings. Sign these bytes (L2 HMAC) and send these bytes.
 */
public final class PolymarketOrderBody {

    private static final JsonFactory JSON = new JsonFactory();

    private PolymarketOrderBody() {}

    /**
     * @param owner the CLOB API key the request is authenticated with
     * @throws IllegalArgumentException on a combination the CLOB refuses: post-only with FOK/FAK, GTD
     *     without expiration, or an expiration on another order type
     */
    public static byte[] json(
            PolymarketSignedOrder signed,
            String owner,
            PolymarketOrderType orderType,
            boolean postOnly,
            boolean deferExec) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("owner: missing");
        }
        if (orderType == null) {
            throw new IllegalArgumentException("order_type: missing");
        }
        if (postOnly && !orderType.allowsPostOnly()) {
            throw new IllegalArgumentException("post_only: only allowed with GTC or GTD orders");
        }
        PolymarketOrderV2 order = signed.order();
        boolean expires = order.expiration().signum() > 0;
        if (orderType == PolymarketOrderType.GTD && !expires) {
            throw new IllegalArgumentException("expiration: required for GTD orders");
        }
        if (orderType != PolymarketOrderType.GTD && expires) {
            throw new IllegalArgumentException("expiration: only allowed for GTD orders");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeBooleanField("deferExec", deferExec);
            json.writeBooleanField("postOnly", postOnly);
            json.writeObjectFieldStart("order");
            json.writeNumberField("salt", order.salt());
            json.writeStringField("maker", order.maker());
            json.writeStringField("signer", order.signer());
            writeDecimal(json, "tokenId", order.tokenId());
            writeDecimal(json, "makerAmount", order.makerAmount());
            writeDecimal(json, "takerAmount", order.takerAmount());
            json.writeStringField("side", order.side().name());
            json.writeNumberField("signatureType", order.signatureType().code());
            writeDecimal(json, "timestamp", order.timestamp());
            writeDecimal(json, "expiration", order.expiration());
            json.writeStringField("metadata", order.metadata());
            json.writeStringField("builder", order.builder());
            json.writeStringField("signature", signed.signature());
            json.writeEndObject();
            json.writeStringField("owner", owner);
            json.writeStringField("orderType", orderType.name());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeDecimal(JsonGenerator json, String field, BigInteger value) throws IOException {
        json.writeStringField(field, value.toString());
    }
}
