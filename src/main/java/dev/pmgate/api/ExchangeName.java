package dev.pmgate.api;

import java.util.regex.Pattern;

/**
 * The name of an exchange pmgate fronts, as it appears on the wire ({@code kalshi}). A value, not a list: each
 * exchange package declares its own constant ({@code KalshiModule.NAME}), and the set of exchanges is whatever
 * exchange modules the application has (see {@code pipeline.Exchanges}).
 */
public record ExchangeName(String wireName) {

    private static final Pattern SYNTAX = Pattern.compile("[a-z][a-z0-9]{1,31}");

    public ExchangeName {
        if (wireName == null || !SYNTAX.matcher(wireName).matches()) {
            throw new IllegalArgumentException("an exchange name is 2-32 lower-case letters and digits");
        }
    }

    public static ExchangeName of(String wireName) {
        return new ExchangeName(wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
