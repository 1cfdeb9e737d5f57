package dev.pmgate.kalshi;

import java.security.PublicKey;

/**
 * Sandbox only: told the caller's Kalshi API key id and the PUBLIC key derived from the session's private key
 * right before a request is signed, so that the simulated exchange can open a paper account on first use and
 * then verify signatures like Kalshi does. The private key never leaves the session. No bean of this type
 * exists outside sandbox mode.
 */
@FunctionalInterface
public interface KalshiKeyRegistrar {

    void beforeSigning(String apiKeyId, PublicKey publicKey);
}
