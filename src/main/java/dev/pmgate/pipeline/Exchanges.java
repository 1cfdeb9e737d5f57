package dev.pmgate.pipeline;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.ExchangeName;
import dev.pmgate.api.GatewayException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The exchanges this gateway fronts: every {@link ExchangeModule} bean, in a stable (name) order. */
public final class Exchanges {

    private final Map<ExchangeName, ExchangeModule> modules = new LinkedHashMap<>();
    private final String names;

    public Exchanges(List<? extends ExchangeModule> modules) {
        modules.stream()
                .sorted(java.util.Comparator.comparing(m -> m.name().wireName()))
                .forEach(m -> this.modules.put(m.name(), m));
        this.names = this.modules.keySet().stream().map(ExchangeName::wireName).collect(Collectors.joining(" or "));
    }

    public static Exchanges of(ExchangeModule... modules) {
        return new Exchanges(List.of(modules));
    }

    public List<ExchangeModule> all() {
        return List.copyOf(modules.values());
    }

    public ExchangeModule module(ExchangeName name) {
        ExchangeModule module = modules.get(name);
        if (module == null) {
            throw new IllegalStateException("no exchange module for " + name.wireName());
        }
        return module;
    }

    /** The exchange a caller named ({@code exchange=}), or the SPEC §2.3 error for a missing or unknown one. */
    public ExchangeModule parse(String value) {
        if (value == null || value.isBlank()) {
            throw new GatewayException(
                    ErrorCode.MISSING_PARAMETER,
                    "query parameter exchange is required",
                    List.of("exchange: required (" + names + ")"),
                    null,
                    null,
                    null,
                    null);
        }
        ExchangeModule module = find(value);
        if (module != null) {
            return module;
        }
        throw new GatewayException(
                ErrorCode.EXCHANGE_NOT_FOUND,
                "unknown exchange",
                List.of("exchange: must be " + names),
                null,
                null,
                null,
                null);
    }

    /** The module whose name the caller gave (any case, trimmed), or {@code null}; never throws. */
    public ExchangeModule find(String value) {
        if (value == null) {
            return null;
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (ExchangeModule module : modules.values()) {
            if (module.name().wireName().equals(wanted)) {
                return module;
            }
        }
        return null;
    }
}
