package dev.pmgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmgate.config.PmgateProperties;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.health.contributor.Status;

/** Readiness: UP only once the Camel context runs, and with Kafka configured only once the Kafka route runs too. */
class RoutesReadinessTest {

    private static PmgateProperties properties(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("pmgate", PmgateProperties.class);
    }

    private static DefaultCamelContext camel() throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:rest").routeId("rest-like").log("x");
                from("direct:kafka")
                        .routeId(RoutesReadiness.KAFKA_ROUTE)
                        .autoStartup(false)
                        .log("y");
            }
        });
        return camel;
    }

    @Test
    void restOnlyIsReadyOnceTheContextIsStarted() throws Exception {
        RoutesReadiness readiness = new RoutesReadiness(properties(Map.of()));
        assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        try (DefaultCamelContext camel = camel()) {
            readiness.beforeApplicationStart(camel);
            assertThat(readiness.restReady()).isFalse();
            assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            camel.start();
            readiness.afterApplicationStart(camel);
            assertThat(readiness.restReady()).isTrue();
            assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
            assertThat(readiness.health().getDetails()).containsEntry("kafka", "not configured");
        }
    }

    @Test
    void withKafkaConfiguredReadyOnlyOnceTheKafkaRouteRuns() throws Exception {
        RoutesReadiness readiness = new RoutesReadiness(properties(Map.of("pmgate.kafka.brokers", "127.0.0.1:9")));
        try (DefaultCamelContext camel = camel()) {
            readiness.beforeApplicationStart(camel);
            camel.start();
            assertThat(readiness.restReady()).isTrue();
            assertThat(readiness.health().getStatus())
                    .as("REST runs, Kafka route not yet")
                    .isEqualTo(Status.OUT_OF_SERVICE);
            camel.getRouteController().startRoute(RoutesReadiness.KAFKA_ROUTE);
            assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        }
    }
}
