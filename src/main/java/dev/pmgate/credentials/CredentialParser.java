package dev.pmgate.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.ExchangeName;

/** Turns the decoded credentials JSON of one exchange into its session. */
public interface CredentialParser {

    ExchangeName exchange();

    ExchangeSession parse(JsonNode credentials);

    /**
     * Whether decoded credentials JSON has this exchange's shape (ping without {@code exchange=}). Only field
     * names may be looked at, never values.
     */
    boolean recognizes(JsonNode credentials);

    /** Reads a required string field, naming it (never its value) when absent or malformed. */
    static String requiredText(JsonNode credentials, String field) {
        JsonNode value = credentials.get(field);
        if (value == null || value.isNull()) {
            throw dev.pmgate.api.GatewayException.invalidCredentials(field, "required");
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw dev.pmgate.api.GatewayException.invalidCredentials(field, "must be a non-empty string");
        }
        return value.textValue().trim();
    }
}
