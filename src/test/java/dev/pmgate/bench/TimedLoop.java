package dev.pmgate.bench;

import java.time.Duration;
import java.util.Arrays;

/**
 * A tight single-thread timed loop: warm-up, then a few measured iterations, each bounded by both
 * time and operation count. Reports the median iteration's rate (and the spread), which is robust
 * against the odd iteration disturbed by another process on a 2-core machine.
 */
final class TimedLoop {

    @FunctionalInterface
    interface Op {
        Object run() throws Exception;
    }

    /** Rate of one measured operation. */
    record Rate(String name, double perSecond, double min, double max, long ops) {
        String spread() {
            return String.format("%,.0f–%,.0f", min, max);
        }
    }

    /** Results escape here so the JIT cannot drop the work. */
    static volatile Object sink;

    private final Duration warmup;
    private final Duration iteration;
    private final int iterations;
    private final long maxOpsPerPhase;

    TimedLoop(Duration warmup, Duration iteration, int iterations, long maxOpsPerPhase) {
        this.warmup = warmup;
        this.iteration = iteration;
        this.iterations = iterations;
        this.maxOpsPerPhase = maxOpsPerPhase;
    }

    Rate measure(String name, Op op) {
        try {
            runFor(op, warmup);
            double[] rates = new double[iterations];
            long total = 0;
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                long ops = runFor(op, iteration);
                rates[i] = ops / ((System.nanoTime() - start) / 1e9);
                total += ops;
            }
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            return new Rate(name, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], total);
        } catch (Exception e) {
            throw new IllegalStateException(name + " failed", e);
        }
    }

    private long runFor(Op op, Duration duration) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        long ops = 0;
        while (ops < maxOpsPerPhase && System.nanoTime() < deadline) {
            sink = op.run();
            ops++;
        }
        return ops;
    }
}
