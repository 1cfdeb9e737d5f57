package dev.pmgate.kafka;

import dev.pmgate.config.PmgateProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the Kafka routes (declared with autoStartup false) only when brokers are configured. */
public class KafkaRoutesStarter implements CamelContextConfiguration {

    static final String REQUEST_ROUTE = "kafka-requests";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRoutesStarter.class);

    private final PmgateProperties properties;

    public KafkaRoutesStarter(PmgateProperties properties) {
        this.properties = properties;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // nothing to prepare
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        String brokers = properties.kafka().brokers();
        if (brokers == null || brokers.isBlank()) {
            LOG.info("PMGATE_KAFKA_BROKERS not set: REST only");
            return;
        }
        try {
            camelContext.getRouteController().startRoute(REQUEST_ROUTE);
            LOG.info(
                    "Kafka request route started on topic {}",
                    properties.kafka().requestTopic());
        } catch (Exception e) {
            throw new IllegalStateException("could not start the Kafka request route", e);
        }
    }
}
