package io.lockstep.cli.bench.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * C2's CPU (from /proc: user + system time of its process) and heap in use (its own Prometheus metrics:
 * {@code jvm_memory_used_bytes{area="heap"}} summed over the pools).
 */
public final class C2Meter {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final double CLOCK_TICKS_PER_S = 100.0;
    /** A scrape that takes longer counts as unanswered ({@link HeapPeak}) instead of stalling the run. */
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(10);

    private final long pid;
    private final int httpPort;

    public C2Meter(long pid, int httpPort) {
        this.pid = pid;
        this.httpPort = httpPort;
    }

    /** CPU seconds the process used so far; NaN where /proc is not there. */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of /proc/<pid>/stat (utime, stime) are the 12th and 13th after the name.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_S;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Heap in use right after a full collection that {@code jcmd GC.run} asked for: what C2 really holds. */
    public double heapAfterGcMib() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return Double.NaN;
            }
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
        return heapUsedMib();
    }

    /** Heap in use now; NaN where the metrics endpoint did not answer within the scrape timeout. */
    public double heapUsedMib() {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/metrics"))
                    .timeout(SCRAPE_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            double bytes = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return bytes / (1024 * 1024);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }
}
