package dev.pmgate.credentials;

import java.util.Arrays;
import java.util.Base64;

/** Helpers for secret buffers: wiping, and base64 decoding that leaves no copy behind. */
public final class Secrets {

    private Secrets() {}

    /**
     * Decodes standard or url-safe base64, padding optional, spaces and tabs ignored. Every intermediate copy
     * is wiped; the caller owns (and wipes) both {@code ascii} and the answer.
     *
     * @throws IllegalArgumentException when it is not base64; the message never quotes the value
     */
    public static byte[] decodeBase64(byte[] ascii) {
        byte[] standard = new byte[ascii.length];
        int n = 0;
        try {
            for (byte b : ascii) {
                if (b == '-') {
                    standard[n++] = '+';
                } else if (b == '_') {
                    standard[n++] = '/';
                } else if (b != '=' && b != ' ' && b != '\t') {
                    standard[n++] = b;
                }
            }
            byte[] trimmed = Arrays.copyOf(standard, n);
            try {
                return Base64.getDecoder().decode(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not valid base64");
            } finally {
                wipe(trimmed);
            }
        } finally {
            wipe(standard);
        }
    }

    public static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    public static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}
