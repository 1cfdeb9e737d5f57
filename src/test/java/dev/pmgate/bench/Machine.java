package dev.pmgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the whole machine did during a measured window, next to the gateway's own CPU: how busy all cores
 * were ({@code /proc/stat}) and how much CPU the exchanges process (fakes + Kafka broker) used. On a 2-core
 * machine that runs the gateway, the fakes, the broker and the load client, a rate can be bounded by the
 * machine rather than by the gateway; this says which.
 */
record Machine(double seconds, double busyCores, int cores, double exchangesCpuSeconds) {

    /** Busy and total jiffies of all cores, the exchanges process's CPU seconds, and the time. */
    record Snapshot(long busy, long total, double exchangesCpu, long nanos) {}

    static Snapshot snapshot(long exchangesPid) {
        long[] jiffies = jiffies();
        return new Snapshot(jiffies[0], jiffies[1], GatewayBench.cpuSeconds(exchangesPid), System.nanoTime());
    }

    static Machine since(Snapshot before, long exchangesPid) {
        Snapshot now = snapshot(exchangesPid);
        int cores = Runtime.getRuntime().availableProcessors();
        long total = now.total() - before.total();
        double busyShare = total <= 0 ? Double.NaN : (now.busy() - before.busy()) / (double) total;
        return new Machine(
                (now.nanos() - before.nanos()) / 1e9,
                busyShare * cores,
                cores,
                now.exchangesCpu() - before.exchangesCpu());
    }

    String describe(long requests) {
        return String.format(
                "machine: %.2f of %d cores busy (%.0f %%); fakes + broker process %.3f ms CPU/req",
                busyCores,
                cores,
                100 * busyCores / cores,
                requests == 0 ? Double.NaN : exchangesCpuSeconds * 1000 / requests);
    }

    /** {busy, total} jiffies summed over all cores (first line of /proc/stat; idle and iowait are not busy). */
    private static long[] jiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new IllegalStateException("this benchmark reads /proc (Linux)", e);
        }
    }
}
