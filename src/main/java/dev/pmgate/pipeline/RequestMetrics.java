package dev.pmgate.pipeline;

import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.Operation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Times every private request when its exchange completes, REST and Kafka alike:
 * {@code pmgate.requests{entry, exchange, operation, outcome}} where outcome is {@code ok} or the
 * SPEC §2.3 error code. Every tag comes from a closed set; no tenant, user, id or secret is a tag.
 */
class RequestMetrics extends EventNotifierSupport {

    private final MeterRegistry meters;
    private final Exchanges exchanges;

    /**
     * One timer per tag set, built once: every tag comes from a closed set, so the map stays small, and a
     * request pays a hash lookup instead of a builder and a registry lookup.
     */
    private final Map<Tags, Timer> timers = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry meters, Exchanges exchanges) {
        this.meters = meters;
        this.exchanges = exchanges;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        Operation operation = Pipeline.operation(exchange);
        if (operation == null || exchange.getProperty(RECORDED) != null) {
            return; // not a private request (JWKS, OpenAPI), or already counted
        }
        exchange.setProperty(RECORDED, Boolean.TRUE);
        String outcome = Pipeline.outcome(exchange);
        if (outcome == null) {
            outcome = exchange.getException() != null || event instanceof CamelEvent.ExchangeFailedEvent
                    ? "internal_error"
                    : "ok";
        }
        String entry = Pipeline.fromKafka(exchange) ? "kafka" : "rest";
        timers.computeIfAbsent(new Tags(entry, exchangeTag(exchange), operation.wireName(), outcome), this::timer)
                .record(exchange.getClock().elapsed(), TimeUnit.MILLISECONDS);
    }

    private record Tags(String entry, String exchange, String operation, String outcome) {}

    private Timer timer(Tags tags) {
        return Timer.builder("pmgate.requests")
                .description("private requests, by entry, exchange, operation and outcome")
                .tags(
                        "entry",
                        tags.entry(),
                        "exchange",
                        tags.exchange(),
                        "operation",
                        tags.operation(),
                        "outcome",
                        tags.outcome())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters);
    }

    static final String RECORDED = "pmgateMetricsRecorded";

    /**
     * The exchange's wire name ({@code kalshi}), {@code none} without an exchange parameter, or {@code other} for a
     * name no exchange module has: the caller's raw parameter never becomes a tag.
     */
    private String exchangeTag(Exchange exchange) {
        GatewayRequest request = Pipeline.request(exchange);
        if (request != null && request.exchange() != null) {
            return request.exchange().wireName();
        }
        String given = Pipeline.exchangeParam(exchange);
        if (given == null) {
            return "none";
        }
        ExchangeModule module = exchanges.find(given);
        return module == null ? "other" : module.name().wireName();
    }
}
