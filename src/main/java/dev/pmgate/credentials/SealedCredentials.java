package dev.pmgate.credentials;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;

/**
 * Sealed (JWE) credentials of SPEC §3.1. Detection lives here so the decoder can tell a JWE compact
 * string (five dot-separated base64url parts) from plain base64.
 */
public class SealedCredentials {

    static boolean looksSealed(byte[] raw) {
        int dots = 0;
        for (byte b : raw) {
            if (b == '.') {
                dots++;
            }
        }
        return dots == 4;
    }

    /** Returns the plaintext credentials JSON. */
    public byte[] open(byte[] compact) {
        throw new GatewayException(ErrorCode.NOT_SUPPORTED, "sealed credentials are not enabled on this gateway");
    }
}
