package dev.pmgate.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.support.TestData;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.ECKeyPair;

/**
 * The official clob-client-v2 vectors ({@code src/test/resources/vectors/polymarket-v2.json}; its
 * provenance is in the README beside it).
 */
public final class PolymarketVectors {

    public static final String FILE = "vectors/polymarket-v2.json";
    private static final JsonNode ROOT = load();

    private PolymarketVectors() {}

    public static JsonNode root() {
        return ROOT;
    }

    public static JsonNode at(String pointer) {
        JsonNode node = ROOT.at(pointer);
        if (node.isMissingNode()) {
            throw new IllegalStateException("vector file lacks " + pointer);
        }
        return node;
    }

    public static String text(String pointer) {
        return at(pointer).asText();
    }

    public static ECKeyPair key() {
        return PolymarketKeys.keyPair(text("/inputs/privateKey").toCharArray());
    }

    public static long chainId() {
        return at("/inputs/chainId").asLong();
    }

    public static List<String> orderCases() {
        List<String> names = new ArrayList<>();
        ROOT.get("orders").fieldNames().forEachRemaining(names::add);
        return names;
    }

    public static JsonNode order(String name) {
        return at("/orders/" + name);
    }

    /** The signed order of a case as a {@link PolymarketOrderV2}. */
    public static PolymarketOrderV2 signedOrder(String name) {
        JsonNode o = order(name).get("signedOrder");
        return new PolymarketOrderV2(
                Long.parseLong(o.get("salt").asText()),
                o.get("maker").asText(),
                o.get("signer").asText(),
                new BigInteger(o.get("tokenId").asText()),
                new BigInteger(o.get("makerAmount").asText()),
                new BigInteger(o.get("takerAmount").asText()),
                PolymarketSide.fromWire(o.get("side").asText()),
                PolymarketSignatureType.fromCode(o.get("signatureType").asInt()),
                new BigInteger(o.get("timestamp").asText()),
                o.get("metadata").asText(),
                o.get("builder").asText(),
                new BigInteger(o.get("expiration").asText()));
    }

    /** A captured header list ({@code [[name, value], …]}) reduced to its {@code POLY_*} entries, in order. */
    public static Map<String, String> polyHeaders(JsonNode headerList) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Iterator<JsonNode> it = headerList.elements(); it.hasNext(); ) {
            JsonNode pair = it.next();
            String name = pair.get(0).asText();
            if (name.startsWith("POLY_")) {
                headers.put(name, pair.get(1).asText());
            }
        }
        return headers;
    }

    private static JsonNode load() {
        return TestData.json(FILE);
    }
}
