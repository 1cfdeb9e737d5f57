package dev.pmgate.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.resilience.BreakerSettings;
import dev.pmgate.resilience.InFlightLimit;
import dev.pmgate.resilience.RetryPolicy;
import dev.pmgate.resilience.UpstreamGuard;
import dev.pmgate.upstream.UpstreamRequest;
import dev.pmgate.upstream.UpstreamResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher sends each public read through the guard of the read's own {@link PublicSource}, to that source's
 * base URL, via the one attempt route (here a stand-in that records what it was given and answers 200).
 */
class PublicFetcherTest {

    /** What the attempt route was handed: base URL, path, query. */
    private record Attempt(String baseUrl, String path, String query) {}

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final List<Attempt> attempts = new ArrayList<>();
    private int status = 200;
    private PublicFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(PublicFetcher.ATTEMPT_URI).process(e -> {
                    attempts.add(new Attempt(
                            e.getProperty(PublicFetcher.BASE_URL, String.class),
                            e.getIn().getBody(UpstreamRequest.class).path(),
                            e.getProperty(PublicFetcher.RAW_QUERY, String.class)));
                    e.getIn().setBody(new UpstreamResponse(status, null, "{\"ok\":true}"));
                });
            }
        });
        camel.start();
        fetcher = new PublicFetcher(camel, new PublicCache(60_000, 100, 10_000, System::nanoTime), meters);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private UpstreamGuard guard(String exchange) {
        return new UpstreamGuard(
                exchange,
                exchange.toUpperCase(),
                new BreakerSettings(50, 20, 20, 10_000, 5).create(exchange, Clock.systemUTC()),
                new InFlightLimit(4),
                new RetryPolicy(0, 1, 1, () -> 0.5),
                millis -> {},
                camel.createProducerTemplate(),
                meters);
    }

    @Test
    void aReadGoesToItsSourcesBaseUrlAndIsCached() throws Exception {
        PublicSource source = new PublicSource("alpha", "api", "http://alpha.example/v2", guard("alpha"));
        PublicRequest read = PublicRequest.to(source, "/markets")
                .param("limit", 2)
                .param("q", "a b")
                .build();
        assertThat(fetcher.get(read, "r").json().get("ok").asBoolean()).isTrue();
        assertThat(fetcher.get(read, "r").status()).isEqualTo(200);
        assertThat(attempts).containsExactly(new Attempt("http://alpha.example/v2", "/markets", "limit=2&q=a%20b"));
    }

    @Test
    void eachReadUsesItsOwnExchangesGuard() throws Exception {
        UpstreamGuard alphaGuard = guard("alpha");
        PublicSource alpha = new PublicSource("alpha", "api", "http://alpha.example", alphaGuard);
        PublicSource beta = new PublicSource("beta", "api", "http://beta.example", guard("beta"));
        openBreaker(alphaGuard);
        assertThatThrownBy(() -> fetcher.get(PublicRequest.to(alpha, "/x").build(), "r"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        assertThat(fetcher.get(PublicRequest.to(beta, "/x").build(), "r").status())
                .isEqualTo(200);
        assertThat(attempts).extracting(Attempt::baseUrl).containsExactly("http://beta.example");
    }

    @Test
    void sameSourceNameOfTwoExchangesIsTwoCacheEntries() throws Exception {
        PublicSource alpha = new PublicSource("alpha", "api", "http://alpha.example", guard("alpha"));
        PublicSource beta = new PublicSource("beta", "api", "http://beta.example", guard("beta"));
        fetcher.get(PublicRequest.to(alpha, "/x").build(), "r");
        fetcher.get(PublicRequest.to(beta, "/x").build(), "r");
        assertThat(attempts).hasSize(2);
    }

    @Test
    void aServerErrorIsNamedAfterTheSourcesExchange() {
        status = 503;
        PublicSource beta = new PublicSource("beta", "api", "http://beta.example", guard("beta"));
        assertThatThrownBy(() -> fetcher.get(PublicRequest.to(beta, "/x").build(), "r"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                    assertThat(e.exchange()).isEqualTo("beta");
                });
    }

    /** Enough failed reads (5xx) through the guard to open its breaker. */
    private void openBreaker(UpstreamGuard guard) {
        status = 500;
        PublicSource failing = new PublicSource("alpha", "failing", "http://alpha.example", guard);
        for (int i = 0; i < 20; i++) {
            PublicRequest read = PublicRequest.to(failing, "/fail/" + i).build();
            assertThatThrownBy(() -> fetcher.get(read, "r")).isInstanceOf(GatewayException.class);
        }
        status = 200;
        attempts.clear();
    }
}
