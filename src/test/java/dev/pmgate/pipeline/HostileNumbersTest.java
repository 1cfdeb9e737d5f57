package dev.pmgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.*;
import dev.pmgate.api.CreateOrderRequest;
import dev.pmgate.api.EntryRequest;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.Json;
import dev.pmgate.api.Operation;
import dev.pmgate.kalshi.KalshiRequestTranslator;
import dev.pmgate.polymarket.PolymarketAmounts;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.rest.RestRequestReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * Numbers that are tiny on the wire but huge to compute with (1e-999999999 is 12 bytes; 1 − it has a
 * billion digits), or not numbers at all: every one is refused as a SPEC 400 at once, in every
 * position and for both outcomes, before any exchange arithmetic.
 */
class HostileNumbersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
    private static final List<String> NUMBERS = List.of(
            "1e-999999999",
            "-1e-999999999",
            "1E+999999999",
            "1e-99999",
            "9e-2147483647",
            "1e-2147483648",
            "1e-9999999999",
            "1e400",
            "1e-400",
            "-0",
            "0E-999999999",
            "0.5E-999999999",
            "123456789012345678901234567890",
            "0.000000000000000000001",
            "NaN",
            "Infinity",
            "-Infinity",
            "1e+2147483647",
            "1.0000001",
            "0.99999999999999999999999",
            "1e-10000000",
            "1e-100000000",
            "-1e-100000000");

    private final RestRequestReader reader = new RestRequestReader();
    private final RequestValidator validator = new RequestValidator(
            CLOCK, Exchanges.of(new dev.pmgate.kalshi.KalshiModule(), new dev.pmgate.polymarket.PolymarketModule()));

    private GatewayRequest read(DefaultCamelContext camel, String exchangeName, String body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Pipeline.OPERATION, Operation.CREATE_ORDER);
        exchange.getIn().setHeader(Exchange.HTTP_RAW_QUERY, "exchange=" + exchangeName);
        exchange.getIn().setBody(body.getBytes(StandardCharsets.UTF_8));
        reader.process(exchange);
        EntryRequest entry = exchange.getIn().getBody(EntryRequest.class);
        return validator.build(Operation.CREATE_ORDER, entry.exchange(), entry.order(), null, Map.of(), null);
    }

    @Test
    void hostileNumbersAreRefusedFastInPriceAndSize() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            List<String> failures = new ArrayList<>();
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                // warm-up: class loading and type converters are not what is timed below
                new KalshiRequestTranslator()
                        .createOrder(
                                read(
                                        camel,
                                        "kalshi",
                                        "{\"market_id\":\"KX-1\",\"outcome\":\"No\",\"side\":\"buy\",\"price\":0.5,\"size\":1}"));
                for (String number : NUMBERS) {
                    for (String field : new String[] {"price", "size"}) {
                        for (String outcome : new String[] {"Yes", "No"}) {
                            for (String exchangeName : new String[] {"kalshi", "polymarket"}) {
                                String market = exchangeName.equals("kalshi")
                                        ? "KXBTC-26DEC31-B100000"
                                        : "0x" + "ab".repeat(32);
                                String body = "{\"market_id\":\"" + market + "\",\"outcome\":\"" + outcome
                                        + "\",\"side\":\"buy\",\"price\":" + (field.equals("price") ? number : "0.5")
                                        + ",\"size\":" + (field.equals("size") ? number : "10") + "}";
                                String label = exchangeName + " " + field + "=" + number + " " + outcome;
                                long started = System.nanoTime();
                                try {
                                    GatewayRequest request = read(camel, exchangeName, body);
                                    // accepted by the validator: the exchange arithmetic must refuse it, fast
                                    if (exchangeName.equals("kalshi")) {
                                        new KalshiRequestTranslator().createOrder(request);
                                        failures.add(label + ": accepted");
                                    } else if (polymarketAccepts(request.order())) {
                                        failures.add(label + ": accepted");
                                    }
                                } catch (GatewayException e) {
                                    if (e.code().status() != 400) {
                                        failures.add(label + ": " + e.code());
                                    }
                                    if (String.valueOf(e.validationErrors()).contains(number)) {
                                        failures.add(label + ": the error echoes the value");
                                    }
                                } catch (Throwable t) {
                                    failures.add(label + ": " + t.getClass().getName());
                                }
                                long millis = (System.nanoTime() - started) / 1_000_000;
                                if (millis > 500) {
                                    failures.add(label + ": took " + millis + " ms");
                                }
                            }
                        }
                    }
                }
            }
            assertThat(failures).isEmpty();
        });
    }

    /** PolymarketAmounts refuses with IllegalArgumentException (the translator turns it into a 400). */
    private static boolean polymarketAccepts(CreateOrderRequest order) {
        try {
            PolymarketAmounts.limitOrder(PolymarketSide.BUY, order.price(), order.size(), new BigDecimal("0.01"));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void exactDecimalsWithinBoundsStillPass() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            for (String[] c : new String[][] {
                {"0.57", "10"},
                {"5.7E-1", "1E+1"},
                {"0.570000000000000000000000000", "10.00"},
                {"0.0001", "1000000000"},
                {"0.9999", "0.01"},
                {"\"0.57\"", "\"10\""}
            }) {
                GatewayRequest request = read(
                        camel,
                        "kalshi",
                        "{\"market_id\":\"KX-1\",\"outcome\":\"No\",\"side\":\"buy\"," + "\"price\":" + c[0]
                                + ",\"size\":" + c[1] + "}");
                JsonNode body = Json.mapper()
                        .readTree(new KalshiRequestTranslator()
                                .createOrder(request)
                                .body());
                assertThat(new BigDecimal(body.get("price").asText()))
                        .isEqualByComparingTo(BigDecimal.ONE.subtract(new BigDecimal(c[0].replace("\"", ""))));
                assertThat(new BigDecimal(body.get("count").asText())).isEqualByComparingTo(c[1].replace("\"", ""));
            }
        }
    }
}
