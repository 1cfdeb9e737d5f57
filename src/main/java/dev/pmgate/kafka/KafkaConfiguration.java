package dev.pmgate.kafka;

import dev.pmgate.config.PmgateProperties;
import dev.pmgate.security.AllowListHeaderFilterStrategy;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kafka door (SPEC §4): record reader, result writer, dead letters, offset commits (routes/kafka-requests.camel.yaml). */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    @Bean
    KafkaRoutesStarter kafkaRoutesStarter(PmgateProperties properties) {
        return new KafkaRoutesStarter(properties);
    }

    @Bean
    KafkaRequestReader kafkaRequestReader() {
        return new KafkaRequestReader();
    }

    @Bean
    KafkaResultWriter kafkaResultWriter() {
        return new KafkaResultWriter();
    }

    @Bean
    KafkaDeadLetter kafkaDeadLetter() {
        return new KafkaDeadLetter();
    }

    @Bean
    KafkaOffsetCommitter kafkaOffsetCommitter() {
        return new KafkaOffsetCommitter();
    }

    /** Result and dead-letter records carry only these headers (SPEC §3 invariant 8). */
    @Bean
    AllowListHeaderFilterStrategy kafkaHeaderFilter() {
        return new AllowListHeaderFilterStrategy(Set.of("pmgate-error", "pmgate-error-code", "X-Request-Id"), null);
    }
}
