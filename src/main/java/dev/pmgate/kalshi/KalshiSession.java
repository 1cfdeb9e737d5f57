package dev.pmgate.kalshi;

import dev.pmgate.api.ExchangeName;
import dev.pmgate.credentials.ExchangeSession;

/** A caller's Kalshi API key id and private key, for one request. */
public final class KalshiSession implements ExchangeSession {

    private final String apiKeyId;
    private final KalshiSigningKey key;

    KalshiSession(String apiKeyId, KalshiSigningKey key) {
        this.apiKeyId = apiKeyId;
        this.key = key;
    }

    public String apiKeyId() {
        return apiKeyId;
    }

    KalshiSigningKey key() {
        return key;
    }

    @Override
    public ExchangeName exchange() {
        return KalshiModule.NAME;
    }

    @Override
    public void close() {
        key.close();
    }

    @Override
    public String toString() {
        return "KalshiSession[redacted]";
    }
}
