package dev.pmgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmgate.api.CredentialsHeader;
import dev.pmgate.api.ExchangeName;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.Operation;
import dev.pmgate.credentials.TrackedSession;
import dev.pmgate.support.KalshiAccount;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gateway route below the HTTP layer: a REST operation route (a {@code rest-operation} template instance)
 * is sent an exchange as platform-http would hand it over, every pipeline step is observed by its id, and the
 * hand-over to the exchange's route ({@code route-by-exchange}) is replaced by a mock, so no exchange is called.
 * (Camel's camel-test-spring artifact is not published for this Camel version, so the Spring Boot test wires
 * {@link AdviceWith} itself.)
 */
@SpringBootTest(properties = {"pmgate.api-keys=route-test-key", "logging.level.root=WARN"})
class GatewayRouteTest {

    private static final List<String> GATEWAY_STEPS =
            List.of("authenticate-api-key", "rate-limit-tenant", "decode-credentials", "validate-request");
    private static final List<String> REST_STEPS =
            List.of("rest-request-reader", "rest-to-gateway", "rest-response-writer");

    @Autowired
    private CamelContext camel;

    @Autowired
    private ProducerTemplate template;

    /** Step ids in the order the exchange reached them. */
    private static final List<String> STEPS = new CopyOnWriteArrayList<>();
    /** What the pipeline handed to the exchange's route. */
    private static volatile Map<String, Object> handedOver;

    private static volatile boolean advised;

    @BeforeEach
    void advise() throws Exception {
        STEPS.clear();
        handedOver = null;
        if (advised) {
            return;
        }
        advised = true;
        AdviceWith.adviceWith(camel, "gateway", route -> {
            for (String id : GATEWAY_STEPS) {
                route.weaveById(id).before().process(e -> STEPS.add(id));
            }
            route.weaveById("route-by-exchange")
                    .replace()
                    .process(e -> {
                        STEPS.add("route-by-exchange");
                        handedOver = Map.of(
                                "operation", Pipeline.operation(e),
                                "operationProperty", e.getProperty(Pipeline.OPERATION),
                                "entry", Pipeline.entry(e),
                                "request", Pipeline.request(e),
                                "body", e.getIn().getBody(),
                                "exchangeRoute", e.getProperty(Pipeline.EXCHANGE_ROUTE),
                                "operationRoute", e.getProperty(Pipeline.OPERATION_ROUTE),
                                "session", Pipeline.session(e),
                                "credentialsHeaderGone", !e.getIn().getHeaders().containsKey(CredentialsHeader.NAME));
                        e.getIn().setBody(GatewayResult.ok(200, Map.of("balance", "ok")));
                    })
                    .to("mock:exchange-route");
        });
        AdviceWith.adviceWith(camel, "rest-entry", route -> {
            for (String id : REST_STEPS) {
                route.weaveById(id).before().process(e -> STEPS.add(id));
            }
        });
    }

    private Exchange send(String route, String query, String credentials) {
        return template.send("direct:" + route, e -> {
            e.getIn().setHeader(CredentialsHeader.API_KEY, "route-test-key");
            if (credentials != null) {
                e.getIn().setHeader(CredentialsHeader.NAME, credentials);
            }
            e.getIn().setHeader(Exchange.HTTP_RAW_QUERY, query);
            e.getIn().setHeader(Exchange.HTTP_URI, "/api/v1/balance");
        });
    }

    @Test
    void aRestOperationRunsEveryPipelineStepInOrderAndHandsTheTypedStateToTheExchangeRoute() throws Exception {
        MockEndpoint exchangeRoute = camel.getEndpoint("mock:exchange-route", MockEndpoint.class);
        exchangeRoute.reset();
        exchangeRoute.expectedMessageCount(1);

        Exchange done =
                send("get-balance", "exchange=kalshi", new KalshiAccount(KalshiAccount.KeyFormat.RSA_PKCS8).header());

        exchangeRoute.assertIsSatisfied();
        assertThat(STEPS)
                .containsExactly(
                        "rest-request-reader",
                        "rest-to-gateway",
                        "authenticate-api-key",
                        "rate-limit-tenant",
                        "decode-credentials",
                        "validate-request",
                        "route-by-exchange",
                        "rest-response-writer");
        // the template's constant is the enum itself, converted once when the route started
        assertThat(handedOver.get("operationProperty")).isSameAs(Operation.GET_BALANCE);
        assertThat(handedOver.get("operation")).isSameAs(Operation.GET_BALANCE);
        assertThat(handedOver.get("entry")).isSameAs(Entry.REST);
        GatewayRequest request = (GatewayRequest) handedOver.get("request");
        assertThat(request.operation()).isEqualTo(Operation.GET_BALANCE);
        assertThat(request.exchange()).isEqualTo(ExchangeName.of("kalshi"));
        assertThat(handedOver.get("body")).isSameAs(request);
        assertThat(handedOver.get("exchangeRoute")).isEqualTo("kalshi");
        assertThat(handedOver.get("operationRoute")).isEqualTo("get_balance");
        assertThat(handedOver.get("session")).isInstanceOf(TrackedSession.class);
        assertThat(handedOver.get("credentialsHeaderGone")).isEqualTo(true);
        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(done.getMessage().getHeader("X-Request-Id", String.class)).isNotBlank();
    }

    @Test
    void aRefusedRequestStopsAtItsStepAndNeverReachesTheExchangeRoute() throws Exception {
        MockEndpoint exchangeRoute = camel.getEndpoint("mock:exchange-route", MockEndpoint.class);
        exchangeRoute.reset();
        exchangeRoute.expectedMessageCount(0);

        Exchange done = send("list-orders", "exchange=kalshi", null); // no credentials

        exchangeRoute.assertIsSatisfied();
        assertThat(STEPS)
                .containsExactly(
                        "rest-request-reader",
                        "rest-to-gateway",
                        "authenticate-api-key",
                        "rate-limit-tenant",
                        "decode-credentials");
        assertThat(done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(403);
        assertThat(done.getMessage().getBody(String.class)).contains("\"code\":\"credentials_required\"");
    }
}
