package dev.pmgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Backoff arithmetic of read retries. */
class RetryPolicyTest {

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
}
