package io.lockstep.cli.bench.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Samples another JVM's heap in use at a fixed interval through one long-running {@code jstat -gc} process
 * (one attach instead of a new tool JVM per sample, which would itself load the two shared cores).
 */
final class HeapSampler implements AutoCloseable {
    private final Process jstat;
    private final Thread reader;
    private final List<Double> samplesMib = new ArrayList<>();
    private final Consumer<String> progress;
    private volatile String failure;

    HeapSampler(JdkTools tools, long pid, long intervalMs, Consumer<String> progress) {
        this.progress = progress;
        this.jstat = tools.startJstatStream(pid, intervalMs);
        this.reader = new Thread(this::readLines, "heap-sampler-" + pid);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLines() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
            JstatGc table = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                if (JstatGc.isHeader(line)) {
                    table = JstatGc.ofHeader(line);
                } else if (table == null) {
                    // An error instead of the table (e.g. the JVM is gone): its first line says why.
                    if (failure == null) {
                        failure = "jstat: " + line.strip();
                    }
                } else {
                    double mib = table.heapUsedMib(line);
                    synchronized (samplesMib) {
                        samplesMib.add(mib);
                    }
                }
            }
        } catch (IOException e) {
            // The stream closes when the sampler is stopped; anything else is reported by samples() being empty.
        } catch (MalformedJstatOutputException e) {
            failure = e.getMessage();
            progress.accept("  heap sampling stopped: " + e.getMessage());
        }
    }

    /** The samples so far, MiB, in order. */
    List<Double> samples() {
        synchronized (samplesMib) {
            return List.copyOf(samplesMib);
        }
    }

    /** Why sampling stopped early, or null. */
    String failure() {
        return failure;
    }

    @Override
    public void close() {
        jstat.destroy();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (jstat.isAlive()) {
            jstat.destroyForcibly();
        }
    }
}
