package dev.pmgate.kalshi;

import dev.pmgate.config.PmgateProperties;
import dev.pmgate.marketdata.PublicFetcher;
import dev.pmgate.marketdata.PublicMarkets;
import dev.pmgate.marketdata.PublicSource;
import dev.pmgate.resilience.UpstreamGuard;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every bean of the Kalshi exchange; its routes are routes/kalshi.camel.yaml. */
@Configuration(proxyBeanMethods = false)
class KalshiConfiguration {

    @Bean
    KalshiModule kalshiModule() {
        return new KalshiModule();
    }

    @Bean
    RsaSignatureFactory rsaSignatureFactory(KalshiProperties properties) {
        return RsaSignatureFactory.select(properties.rsaProvider());
    }

    @Bean
    KalshiCredentialParser kalshiCredentialParser(RsaSignatureFactory rsa) {
        return new KalshiCredentialParser(new KalshiKeyParser(rsa));
    }

    @Bean
    KalshiRequestTranslator kalshiTranslator() {
        return new KalshiRequestTranslator();
    }

    @Bean
    KalshiNormalizer kalshiNormalizer() {
        return new KalshiNormalizer();
    }

    @Bean
    KalshiPositionPrices kalshiPositionPrices() {
        return new KalshiPositionPrices();
    }

    @Bean
    KalshiBatch kalshiBatch(KalshiRequestTranslator kalshiTranslator, KalshiNormalizer kalshiNormalizer) {
        return new KalshiBatch(kalshiTranslator, kalshiNormalizer);
    }

    /** {@code sandboxRegistrar}: present in sandbox mode only (the simulated Kalshi learns each caller's public key). */
    @Bean
    KalshiSigning kalshiSigning(
            KalshiProperties properties, Clock clock, ObjectProvider<KalshiKeyRegistrar> sandboxRegistrar) {
        return new KalshiSigning(properties.baseUrl(), clock, sandboxRegistrar.getIfAvailable());
    }

    /** Kalshi's in-flight bound, circuit breaker and read retries (SPEC §7). */
    @Bean
    UpstreamGuard kalshiUpstream(PmgateProperties properties, ProducerTemplate template, MeterRegistry meters) {
        return UpstreamGuard.forExchange(
                KalshiModule.NAME.wireName(), KalshiModule.DISPLAY_NAME, properties.resilience(), template, meters);
    }

    /** One guarded call to Kalshi (route kalshi-http-call): each attempt runs kalshi-http-attempt. */
    @Bean
    Processor kalshiHttpCall(@Qualifier("kalshiUpstream") UpstreamGuard guard) {
        return guard.caller("direct:kalshi-http-attempt");
    }

    /** Kalshi's public market data: its Trade API read through Kalshi's guard (docs/market-data.md). */
    @Bean
    PublicMarkets kalshiPublicMarkets(
            PublicFetcher fetcher,
            @Qualifier("kalshiUpstream") UpstreamGuard guard,
            KalshiProperties properties,
            Clock clock) {
        return new KalshiPublicMarkets(
                fetcher,
                new PublicSource(KalshiPublicMarkets.EXCHANGE, "trade-api", properties.baseUrl(), guard),
                clock);
    }
}
