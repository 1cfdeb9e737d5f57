package dev.pmgate.security;

import dev.pmgate.api.CredentialsHeader;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Checks {@code X-API-Key} against the configured keys (plain or {@code sha256:<hex>}) by comparing
 * SHA-256 digests in constant time, then removes the header so it goes nowhere else.
 */
public class ApiKeyAuthenticator implements Processor {

    private final List<byte[]> acceptedDigests;

    public ApiKeyAuthenticator(List<String> configuredKeys) {
        List<byte[]> digests = new ArrayList<>();
        for (String key : configuredKeys) {
            String k = key.trim();
            if (k.isEmpty()) {
                continue;
            }
            if (k.toLowerCase(Locale.ROOT).startsWith("sha256:")) {
                digests.add(HexFormat.of().parseHex(k.substring(7).trim()));
            } else {
                digests.add(sha256(k));
            }
        }
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("at least one API key is required");
        }
        this.acceptedDigests = List.copyOf(digests);
    }

    /** A fresh random key for a gateway started without {@code PMGATE_API_KEYS}. */
    public static String generateKey() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "pmg_" + HexFormat.of().formatHex(bytes);
    }

    @Override
    public void process(Exchange exchange) {
        Object presented = exchange.getIn().removeHeader(CredentialsHeader.API_KEY);
        String value = presented instanceof byte[] b
                ? new String(b, StandardCharsets.UTF_8)
                : presented == null ? null : presented.toString();
        if (value == null || value.isBlank() || !accepts(value.trim())) {
            throw new GatewayException(ErrorCode.UNAUTHORIZED, "missing or unknown X-API-Key");
        }
        exchange.setProperty(TenantId.PROPERTY, TenantId.of(value.trim()));
    }

    boolean accepts(String key) {
        byte[] digest = sha256(key);
        boolean match = false;
        for (byte[] accepted : acceptedDigests) {
            match |= MessageDigest.isEqual(digest, accepted);
        }
        return match;
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
