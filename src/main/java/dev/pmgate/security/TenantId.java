package dev.pmgate.security;

import java.util.HexFormat;

/** A short, non-reversible tenant id (first 8 bytes of SHA-256 of the API key) for logs and limits. */
public record TenantId(String value) {

    public static final String PROPERTY = "pmgateTenant";

    static TenantId of(String apiKey) {
        byte[] digest = ApiKeyAuthenticator.sha256(apiKey);
        return new TenantId(HexFormat.of().formatHex(digest, 0, 8));
    }
}
