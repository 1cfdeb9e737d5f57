package dev.pmgate.polymarket;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pmgate.polymarket.*}: the CLOB and Data API base URLs, the chain orders are signed for, and how long
 * public market metadata is cached (application.yaml maps the SPEC §6 environment variables onto these).
 */
@ConfigurationProperties("pmgate.polymarket")
record PolymarketProperties(
        @DefaultValue("https://clob.polymarket.com") String clobUrl,
        @DefaultValue("https://data-api.polymarket.com") String dataUrl,
        @DefaultValue("https://gamma-api.polymarket.com") String gammaUrl,
        @DefaultValue("137") long chainId,
        @DefaultValue("300") long marketCacheSeconds) {}
