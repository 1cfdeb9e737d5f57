package dev.pmgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.security.TenantId;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The per-tenant token bucket, on a hand-moved clock. */
class TenantRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final DefaultCamelContext camel = new DefaultCamelContext();

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
        assertThatThrownBy(() -> limiter.process(request("aaaa"))).isInstanceOfSatisfying(GatewayException.class, e -> {
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
        kafka.setProperty(Pipeline.ENTRY, Entry.KAFKA);
        limiter.process(kafka);
        assertThatThrownBy(() -> limiter.process(request("dddd"))).isInstanceOf(GatewayException.class);
        limiter.configure(1, 1);
        limiter.process(request("dddd"));
    }
}
