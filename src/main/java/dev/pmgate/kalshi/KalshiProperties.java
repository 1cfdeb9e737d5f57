package dev.pmgate.kalshi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kalshi's settings ({@code pmgate.kalshi.*}); application.yaml maps {@code PMGATE_KALSHI_BASE_URL} onto
 * {@code base-url}. The sandbox points {@code base-url} at its simulated Kalshi.
 *
 * @param baseUrl     Kalshi's REST root; its path ({@code /trade-api/v2}) is part of what is signed
 * @param rsaProvider RSA-PSS provider: {@code auto}, {@code native} or {@code jdk} ({@link RsaSignatureFactory})
 */
@ConfigurationProperties("pmgate.kalshi")
record KalshiProperties(
        @DefaultValue("https://external-api.kalshi.com/trade-api/v2")
        String baseUrl,

        @DefaultValue("auto") String rsaProvider) {}
