package dev.pmgate.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.CredentialsHeader;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.ExchangeName;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Decodes the {@code X-Exchange-Credentials} value (base64 of a UTF-8 JSON object, or a sealed JWE)
 * into a tracked transient session. Every error names what is wrong, never what was sent.
 */
public class CredentialsDecoder {

    private static final String HEADER = CredentialsHeader.NAME;

    private final Map<ExchangeName, CredentialParser> parsers = new java.util.HashMap<>();
    private final SessionTracker tracker;
    private final SealedCredentials sealed;
    private final int maxHeaderBytes;

    public CredentialsDecoder(
            List<CredentialParser> parsers, SessionTracker tracker, SealedCredentials sealed, int maxHeaderBytes) {
        parsers.forEach(p -> this.parsers.put(p.exchange(), p));
        this.tracker = tracker;
        this.sealed = sealed;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /**
     * @param headerValue    the raw header, as a String (HTTP) or bytes (Kafka record header)
     * @param allowPlaintext whether unsealed (plain base64) credentials are accepted on this entry point
     */
    public TrackedSession open(Object headerValue, ExchangeName exchange, boolean allowPlaintext) {
        byte[] raw = toBytes(headerValue);
        byte[] json = null;
        try {
            if (raw == null || raw.length == 0 || isBlank(raw)) {
                throw new GatewayException(
                        ErrorCode.CREDENTIALS_REQUIRED,
                        "exchange credentials are required in the X-Exchange-Credentials header");
            }
            if (raw.length > maxHeaderBytes) {
                throw GatewayException.invalidCredentials(HEADER, "larger than " + maxHeaderBytes + " bytes");
            }
            if (SealedCredentials.looksSealed(raw)) {
                json = sealed.open(raw);
            } else {
                if (!allowPlaintext) {
                    throw GatewayException.invalidCredentials(
                            HEADER, "plaintext credentials are refused here; seal them to the gateway's JWKS key");
                }
                json = decodeBase64(raw);
            }
            JsonNode node = parseJson(json);
            CredentialParser parser = parsers.get(exchange);
            if (parser == null) {
                throw new GatewayException(ErrorCode.NOT_SUPPORTED, "exchange not supported yet");
            }
            return new TrackedSession(parser.parse(node), tracker);
        } finally {
            Secrets.wipe(json);
            // always our own copy (toBytes clones Kafka header bytes), so it is ours to wipe
            Secrets.wipe(raw);
        }
    }

    /**
     * Which exchange a credentials header is for, from its shape alone (used by ping without
     * {@code exchange=}): the one exchange whose {@link CredentialParser#recognizes} it; {@code null} when the
     * header cannot be read or no single exchange recognizes it. Nothing is kept; every decoded byte is wiped.
     */
    public ExchangeName exchangeOf(Object headerValue) {
        byte[] raw = toBytes(headerValue);
        byte[] json = null;
        try {
            if (raw == null || raw.length == 0 || raw.length > maxHeaderBytes) {
                return null;
            }
            json = SealedCredentials.looksSealed(raw) ? sealed.open(raw) : decodeBase64(raw);
            JsonNode node = parseJson(json);
            ExchangeName found = null;
            for (CredentialParser parser : parsers.values()) {
                if (parser.recognizes(node)) {
                    if (found != null) {
                        return null;
                    }
                    found = parser.exchange();
                }
            }
            return found;
        } catch (RuntimeException e) {
            return null;
        } finally {
            Secrets.wipe(json);
            Secrets.wipe(raw);
        }
    }

    private static byte[] toBytes(Object headerValue) {
        if (headerValue == null) {
            return null;
        }
        if (headerValue instanceof byte[] bytes) {
            return bytes.clone();
        }
        return headerValue.toString().trim().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isBlank(byte[] raw) {
        for (byte b : raw) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static byte[] decodeBase64(byte[] raw) {
        try {
            return Secrets.decodeBase64(raw);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidCredentials(HEADER, "not valid base64");
        }
    }

    private static JsonNode parseJson(byte[] json) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (IOException | RuntimeException e) {
            throw GatewayException.invalidCredentials(HEADER, "decoded value is not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw GatewayException.invalidCredentials(HEADER, "decoded value is not a JSON object");
        }
        return node;
    }
}
