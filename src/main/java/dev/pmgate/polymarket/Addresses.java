package dev.pmgate.polymarket;

import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/** Ethereum address syntax and EIP-55 checksum handling. */
final class Addresses {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Addresses() {}

    /**
     * Returns the address in EIP-55 checksum form. All-lower or all-upper hex is accepted as is;
     * mixed case must carry a valid checksum (a typo in a checksummed address is caught).
     */
    static String requireAddress(String field, String value) {
        if (!looksLikeAddress(value)) {
            throw new IllegalArgumentException(field + ": must be 0x followed by 40 hex digits");
        }
        String hex = value.substring(2);
        String checksummed = Keys.toChecksumAddress(value);
        boolean uniformCase = hex.equals(hex.toLowerCase(Locale.ROOT)) || hex.equals(hex.toUpperCase(Locale.ROOT));
        if (!uniformCase && !checksummed.equals(value)) {
            throw new IllegalArgumentException(field + ": invalid EIP-55 address checksum");
        }
        return checksummed;
    }

    /** {@code 0x} and 40 hex digits, any case; the checksum is checked by {@link #requireAddress}. */
    static boolean looksLikeAddress(String value) {
        return value != null && ADDRESS.matcher(value).matches();
    }

    static boolean sameAddress(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }
}
