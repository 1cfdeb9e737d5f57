package dev.pmgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.pipeline.ErrorTranslator;
import dev.pmgate.upstream.TransportFailure;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.apache.camel.CamelExecutionException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

/** Transport failures as the HTTP client raises them, classified once for errors, retries and the breaker. */
class TransportFailureTest {

    private static GatewayException mapped(Throwable t) {
        return ErrorTranslator.translate(new CamelExecutionException("wrapped", null, t));
    }

    @Test
    void timeoutsAre504() {
        for (Throwable t :
                new Throwable[] {new SocketTimeoutException("Read timed out"), new ConnectTimeoutException("x")}) {
            assertThat(TransportFailure.of(t)).isEqualTo(TransportFailure.TIMEOUT);
            GatewayException e = mapped(t);
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
            assertThat(e.code().status()).isEqualTo(504);
            assertThat(e.isRetryable()).isTrue();
        }
    }

    @Test
    void unreachableIs503AndResetsAre502() {
        for (Throwable t : new Throwable[] {
            new ConnectException("refused"),
            new HttpHostConnectException("refused"),
            new UnknownHostException("nowhere")
        }) {
            assertThat(TransportFailure.of(t)).isEqualTo(TransportFailure.UNREACHABLE);
            assertThat(mapped(t).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        }
        for (Throwable t : new Throwable[] {
            new SocketException("Connection reset"), new NoHttpResponseException("127.0.0.1:1 failed to respond")
        }) {
            assertThat(TransportFailure.of(t)).isEqualTo(TransportFailure.RESET);
            GatewayException e = mapped(t);
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
            assertThat(e.isRetryable()).isTrue();
        }
    }

    @Test
    void anythingElseIsNotATransportFailure() {
        assertThat(TransportFailure.of(new IllegalStateException("bug"))).isNull();
        assertThat(TransportFailure.of(null)).isNull();
        assertThat(mapped(new IllegalStateException("bug")).code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }
}
