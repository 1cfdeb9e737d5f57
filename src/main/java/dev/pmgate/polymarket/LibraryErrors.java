package dev.pmgate.polymarket;

import dev.pmgate.api.GatewayException;

/**
 * The signing library reports problems as {@code "field: problem"} without quoting values; these
 * helpers turn them into SPEC errors.
 */
final class LibraryErrors {

    private LibraryErrors() {}

    static GatewayException validation(IllegalArgumentException e) {
        String[] parts = split(e);
        return GatewayException.validation(parts[0], parts[1]);
    }

    static GatewayException invalidCredentials(IllegalArgumentException e) {
        String[] parts = split(e);
        return GatewayException.invalidCredentials(parts[0], parts[1]);
    }

    private static String[] split(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int colon = message.indexOf(": ");
        if (colon <= 0 || !message.substring(0, colon).matches("[a-z_.]{1,40}")) {
            return new String[] {"order", "invalid"};
        }
        return new String[] {message.substring(0, colon), message.substring(colon + 2)};
    }
}
