package dev.pmgate.api;

import java.util.function.Function;

/** Looks through an exception's cause chain: itself first, at most ten deep, so a cyclic chain cannot loop. */
public final class Causes {

    static final int MAX_DEPTH = 10;

    private Causes() {}

    /** The first non-null answer of {@code match} along {@code caught}'s cause chain, or {@code null}. */
    public static <T> T first(Throwable caught, Function<Throwable, T> match) {
        Throwable t = caught;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            T found = match.apply(t);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The first exception of {@code type} in {@code caught}'s cause chain, or {@code null}. */
    public static <T extends Throwable> T find(Throwable caught, Class<T> type) {
        return first(caught, t -> type.isInstance(t) ? type.cast(t) : null);
    }
}
