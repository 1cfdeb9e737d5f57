package dev.pmgate.polymarket;

import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** Parses a wallet private key and derives its address. */
public final class PolymarketKeys {

    private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();

    private PolymarketKeys() {}

    /**
     * Parses {@code 0x} + 64 hex digits (the prefix is optional) into a key pair. The message of a
     * rejection names the field {@code private_key} and never contains the value. The caller keeps
     * ownership of {@code hex} and may zero it afterwards.
     */
    public static ECKeyPair keyPair(char[] hex) {
        if (hex == null) {
            throw new IllegalArgumentException("private_key: missing");
        }
        int start = hex.length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X') ? 2 : 0;
        if (hex.length - start != 64) {
            throw new IllegalArgumentException("private_key: must be 0x followed by 64 hex digits");
        }
        byte[] raw = new byte[32];
        try {
            for (int i = 0; i < 32; i++) {
                int hi = asciiHexDigit(hex[start + 2 * i]);
                int lo = asciiHexDigit(hex[start + 2 * i + 1]);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("private_key: must be 0x followed by 64 hex digits");
                }
                raw[i] = (byte) ((hi << 4) | lo);
            }
            BigInteger secret = new BigInteger(1, raw);
            if (secret.signum() == 0 || secret.compareTo(CURVE_ORDER) >= 0) {
                throw new IllegalArgumentException("private_key: not a valid secp256k1 private key");
            }
            return ECKeyPair.create(secret);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Like {@code Character.digit(c, 16)} but ASCII only: that one also reads Arabic-Indic or fullwidth digits. */
    private static int asciiHexDigit(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    /** The EIP-55 checksummed address of the key, as the official clients put it in POLY_ADDRESS. */
    public static String address(ECKeyPair key) {
        return Keys.toChecksumAddress(Keys.getAddress(key));
    }
}
