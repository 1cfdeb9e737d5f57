package dev.pmgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.pipeline.Pipeline;
import dev.pmgate.security.TenantId;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Backoff arithmetic and the per-tenant token bucket, on a hand-moved clock. */
class RetryPolicyAndRateLimitTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @Test
    void backoffDoublesUpToTheCapWithJitterInTheUpperHalf() {
        RetryPolicy low = new RetryPolicy(5, 100, 1000, () -> 0.0);
        RetryPolicy high = new RetryPolicy(5, 100, 1000, () -> 1.0);
        long[] expectedMax = {100, 200, 400, 800, 1000, 1000};
        for (int retry = 1; retry <= 6; retry++) {
            assertThat(low.backoffMs(retry)).isEqualTo(expectedMax[retry - 1] / 2);
            assertThat(high.backoffMs(retry)).isEqualTo(expectedMax[retry - 1]);
        }
        RetryPolicy real = RetryPolicy.of(2, 100, 1000);
        for (int i = 0; i < 200; i++) {
            assertThat(real.backoffMs(1)).isBetween(50L, 100L);
        }
    }

    private Exchange request(String tenant) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(TenantId.PROPERTY, new TenantId(tenant));
        return exchange;
    }

    @Test
    void aTenantGetsItsBurstThenIsLimitedWithRetryAfterWhileOthersAreNot() {
        TenantRateLimiter limiter = new TenantRateLimiter(2, 3, nanos::get);
        for (int i = 0; i < 3; i++) {
            limiter.process(request("aaaa"));
        }
        assertThatThrownBy(() -> limiter.process(request("aaaa")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMIT_EXCEEDED);
                    assertThat(e.code().status()).isEqualTo(429);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.retryAfterSeconds()).isEqualTo(1L);
                });
        limiter.process(request("bbbb")); // another tenant has its own bucket

        nanos.addAndGet(500_000_000L); // half a second at 2/s: one token back
        limiter.process(request("aaaa"));
        assertThatThrownBy(() -> limiter.process(request("aaaa"))).isInstanceOf(GatewayException.class);
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilATokenIsBack() {
        TenantRateLimiter slow = new TenantRateLimiter(0.25, 1, nanos::get);
        slow.process(request("cccc"));
        assertThat(slow.take(new TenantId("cccc"))).isEqualTo(4);
        nanos.addAndGet(1_500_000_000L);
        assertThat(slow.take(new TenantId("cccc"))).isEqualTo(3);
    }

    @Test
    void kafkaRequestsAreNotLimitedAndReconfiguringRefillsEveryBucket() {
        TenantRateLimiter limiter = new TenantRateLimiter(1, 1, nanos::get);
        limiter.process(request("dddd"));
        Exchange kafka = request("dddd");
        kafka.setProperty(Pipeline.ENTRY, "kafka");
        limiter.process(kafka);
        assertThatThrownBy(() -> limiter.process(request("dddd"))).isInstanceOf(GatewayException.class);
        limiter.configure(1, 1);
        limiter.process(request("dddd"));
    }
}
