package dev.pmgate.credentials;

import java.util.Arrays;

/** Wiping helpers for secret buffers. */
public final class Secrets {

    private Secrets() {
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
