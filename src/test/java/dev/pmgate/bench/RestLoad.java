package dev.pmgate.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Closed-loop load over loopback: N client threads, each sending one request at a time with
 * java.net.http and waiting for the answer. Every phase is bounded both by time and by a request
 * budget shared by the threads, and every request has a timeout, so a run always ends by itself.
 */
final class RestLoad {

    /**
     * One measured phase. {@code cpuMsPerRequest} is this JVM's CPU time (gateway, fakes and client
     * together) per request, and {@code coresUsed} that CPU time over the wall time: unlike req/s,
     * CPU per request hardly depends on what else the machine is running.
     */
    record Result(
            String name,
            long requests,
            long errors,
            double perSecond,
            double p50Ms,
            double p99Ms,
            double cpuMsPerRequest,
            double coresUsed,
            String firstError) {}

    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final int threads;
    private final Duration warmup;
    private final Duration measure;
    private final int maxRequests;

    RestLoad(int threads, Duration warmup, Duration measure, int maxRequests) {
        this.threads = threads;
        this.warmup = warmup;
        this.measure = measure;
        this.maxRequests = maxRequests;
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(java.net.URI.create(url)).timeout(REQUEST_TIMEOUT);
    }

    /** Warm-up only (JIT, connection pools, caches): bounded by the warm-up time and a quarter of the budget. */
    Result warm(String name, Supplier<HttpRequest> requests, int expectedStatus) throws InterruptedException {
        return phase(name, requests, expectedStatus, warmup, Math.max(threads, maxRequests / 4));
    }

    /** A short settle phase (2 s) right before the measured phase, then the measured phase. */
    Result measure(String name, Supplier<HttpRequest> requests, int expectedStatus) throws InterruptedException {
        phase(name, requests, expectedStatus, Duration.ofSeconds(2), Math.max(threads, maxRequests / 10));
        return phase(name, requests, expectedStatus, measure, maxRequests);
    }

    private Result phase(String name, Supplier<HttpRequest> requests, int expectedStatus, Duration length, int budget)
            throws InterruptedException {
        AtomicLong remaining = new AtomicLong(budget);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        long[] window = new long[1];
        for (int t = 0; t < threads; t++) {
            int index = t;
            latencies[t] = new long[budget];
            workers[t] = new Thread(
                    () -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long deadline = window[0] + length.toNanos();
                        long[] mine = latencies[index];
                        int n = 0;
                        while (System.nanoTime() < deadline && remaining.getAndDecrement() > 0) {
                            HttpRequest request = requests.get();
                            long sent = System.nanoTime();
                            String problem = null;
                            try {
                                HttpResponse<String> response =
                                        client.send(request, HttpResponse.BodyHandlers.ofString());
                                if (response.statusCode() != expectedStatus) {
                                    problem = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            } catch (Exception e) {
                                problem = e.toString();
                            }
                            mine[n++] = System.nanoTime() - sent;
                            if (problem != null) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, problem);
                            }
                        }
                        counts[index] = n;
                    },
                    "bench-client-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        long cpuBefore = OS.getProcessCpuTime();
        window[0] = System.nanoTime();
        start.countDown();
        long joinDeadline = window[0]
                + length.toNanos()
                + REQUEST_TIMEOUT.toNanos()
                + Duration.ofSeconds(5).toNanos();
        for (Thread worker : workers) {
            worker.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000));
        }
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        double cpuSeconds = (OS.getProcessCpuTime() - cpuBefore) / 1e9;
        for (Thread worker : workers) {
            if (worker.isAlive()) {
                worker.interrupt();
                throw new IllegalStateException(name + ": a client thread did not finish in time");
            }
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Result(
                name,
                total,
                errors.get(),
                total / elapsed,
                percentile(all, 0.50),
                percentile(all, 0.99),
                total == 0 ? Double.NaN : cpuSeconds * 1000 / total,
                cpuSeconds / elapsed,
                firstError.get());
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
