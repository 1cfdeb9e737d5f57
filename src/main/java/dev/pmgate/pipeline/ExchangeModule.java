package dev.pmgate.pipeline;

import dev.pmgate.api.ExchangeName;
import java.util.Set;

/**
 * What one exchange package gives the exchange-neutral pipeline. Each exchange package declares exactly one
 * bean of this type in its own {@code @Configuration}, plus one route file whose entry route is
 * {@code direct:<name>}; nothing else in the gateway names an exchange (docs/adding-an-exchange.md).
 */
public interface ExchangeModule {

    /** The exchange as callers name it ({@code exchange=kalshi}); also the uri of its entry route. */
    ExchangeName name();

    /** The exchange's own spelling, for people ({@code "Kalshi"}). */
    String displayName();

    /** Id syntax and the order rules that are this exchange's own (SPEC §2.1). */
    OrderRules rules();

    /** The headers this exchange's signer sets on upstream requests: added to the upstream allow-list (SPEC §3). */
    Set<String> signingHeaders();
}
