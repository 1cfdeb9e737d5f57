package dev.pmgate.web;

import dev.pmgate.config.PmgateProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether pmgate can serve: the Camel context is started (so every REST route is, platform-http consumers
 * registered) and, when {@code PMGATE_KAFKA_BROKERS} is set, the Kafka request route too. The {@link StartupGate}
 * answers 503 until REST can serve; the readiness probe ({@code /actuator/health/readiness}, health contributor
 * {@code pmgateRoutes}) is UP only when everything configured can.
 */
@Component("pmgateRoutes")
class RoutesReadiness implements CamelContextConfiguration, HealthIndicator {

    static final String KAFKA_ROUTE = "kafka-requests";

    private final boolean kafka;
    private volatile CamelContext camel;

    RoutesReadiness(PmgateProperties properties) {
        String brokers = properties.kafka().brokers();
        this.kafka = brokers != null && !brokers.isBlank();
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
    }

    /** REST routes can serve: the Camel context finished starting (all auto-started routes are running). */
    public boolean restReady() {
        CamelContext context = camel;
        return context != null && context.getStatus() == ServiceStatus.Started;
    }

    /** Kafka routes can serve, or Kafka is not configured. */
    public boolean kafkaReady() {
        if (!kafka) {
            return true;
        }
        CamelContext context = camel;
        if (context == null) {
            return false;
        }
        ServiceStatus status = context.getRouteController().getRouteStatus(KAFKA_ROUTE);
        return status == ServiceStatus.Started;
    }

    @Override
    public Health health() {
        boolean rest = restReady();
        boolean kafkaUp = kafkaReady();
        Health.Builder builder = rest && kafkaUp ? Health.up() : Health.outOfService();
        return builder.withDetail("rest", rest ? "started" : "starting")
                .withDetail("kafka", !kafka ? "not configured" : kafkaUp ? "started" : "starting")
                .build();
    }
}
