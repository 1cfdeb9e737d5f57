package dev.pmgate.config;

import dev.pmgate.kalshi.KalshiCredentialParser;
import dev.pmgate.kalshi.KalshiHttpCall;
import dev.pmgate.kalshi.KalshiKeyParser;
import dev.pmgate.kalshi.KalshiNormalizer;
import dev.pmgate.kalshi.KalshiRequestTranslator;
import dev.pmgate.kalshi.RsaSignatureFactory;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Per-exchange translators, normalizers and signers. */
@Configuration(proxyBeanMethods = false)
public class ExchangeBeans {

    @Bean
    RsaSignatureFactory rsaSignatureFactory(@Value("${" + RsaSignatureFactory.PROPERTY + ":auto}") String choice) {
        return RsaSignatureFactory.select(choice);
    }

    @Bean
    KalshiCredentialParser kalshiCredentialParser(RsaSignatureFactory rsa) {
        return new KalshiCredentialParser(new KalshiKeyParser(rsa));
    }

    @Bean
    dev.pmgate.kalshi.KalshiModule kalshiModule() {
        return new dev.pmgate.kalshi.KalshiModule();
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
    dev.pmgate.kalshi.KalshiPositionPrices kalshiPositionPrices() {
        return new dev.pmgate.kalshi.KalshiPositionPrices();
    }






    @Bean
    KalshiHttpCall kalshiHttpCall(PmgateProperties properties, Clock clock,
            org.springframework.beans.factory.ObjectProvider<dev.pmgate.kalshi.KalshiKeyRegistrar> sandboxRegistrar) {
        return new KalshiHttpCall(properties.kalshi().baseUrl(), clock, sandboxRegistrar.getIfAvailable());
    }
}
