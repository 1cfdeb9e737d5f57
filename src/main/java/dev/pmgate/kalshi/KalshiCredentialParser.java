package dev.pmgate.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.ExchangeName;
import dev.pmgate.api.GatewayException;
import dev.pmgate.credentials.CredentialParser;
import dev.pmgate.credentials.ExchangeSession;
import java.util.regex.Pattern;

/** {@code {"api_key_id": "…", "private_key": "-----BEGIN … PRIVATE KEY-----…"}} → {@link KalshiSession}. */
public final class KalshiCredentialParser implements CredentialParser {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final KalshiKeyParser keys;

    public KalshiCredentialParser(KalshiKeyParser keys) {
        this.keys = keys;
    }

    @Override
    public ExchangeName exchange() {
        return KalshiModule.NAME;
    }

    @Override
    public boolean recognizes(JsonNode credentials) {
        return credentials.has("api_key_id");
    }

    @Override
    public ExchangeSession parse(JsonNode credentials) {
        String keyId = CredentialParser.requiredText(credentials, "api_key_id");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw GatewayException.invalidCredentials("api_key_id", "must be a Kalshi API key id");
        }
        String pem = CredentialParser.requiredText(credentials, "private_key");
        return new KalshiSession(keyId, keys.parse(pem));
    }
}
