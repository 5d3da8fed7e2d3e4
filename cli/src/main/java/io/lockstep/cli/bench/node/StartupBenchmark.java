package io.lockstep.cli.bench.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Start-up to link-ready: the node JVM is stopped, then started again with the same identity and data
 * directory, and timed from the moment its process is spawned until both its own link reports a session
 * and C2 lists it as CONNECTED.
 */
final class StartupBenchmark {
    private static final long POLL_MS = 25;

    private final NodeProbe probe;
    private final Duration timeout;

    StartupBenchmark(NodeProbe probe, Duration timeout) {
        this.probe = probe;
        this.timeout = timeout;
    }

    List<StartupSample> measure(int restarts, Consumer<String> progress) {
        List<StartupSample> samples = new ArrayList<>();
        for (int i = 1; i <= restarts; i++) {
            probe.node().process().stop();
            awaitC2SeesDisconnected();
            StartupSample sample = timeOneStart();
            samples.add(sample);
            progress.accept(String.format("  start %d/%d: node link up after %d ms, C2 lists it CONNECTED after %d ms",
                    i, restarts, sample.nodeLinkUpMs(), sample.c2ConnectedMs()));
        }
        return samples;
    }

    private StartupSample timeOneStart() {
        long start = System.nanoTime();
        probe.node().process().start();
        long deadline = start + timeout.toNanos();
        long nodeLinkUpMs = -1;
        long c2ConnectedMs = -1;
        while (nodeLinkUpMs < 0 || c2ConnectedMs < 0) {
            if (!probe.node().process().isAlive()) {
                throw new IllegalStateException(probe.node().id() + " exited during start-up; see "
                        + probe.node().process().log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(probe.node().id() + " did not link up with C2 within " + timeout
                        + "; see " + probe.node().process().log());
            }
            if (nodeLinkUpMs < 0 && probe.nodeLinkUp()) {
                nodeLinkUpMs = elapsedMs(start);
            }
            if (c2ConnectedMs < 0 && probe.c2SeesConnected()) {
                c2ConnectedMs = elapsedMs(start);
            }
            NodeProbe.pause(POLL_MS);
        }
        return new StartupSample(nodeLinkUpMs, c2ConnectedMs);
    }

    /** So that the next start is timed against a fresh session, not the one the stopped node left behind. */
    private void awaitC2SeesDisconnected() {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (probe.c2SeesConnected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("C2 still lists " + probe.node().id() + " as connected "
                        + timeout + " after it stopped");
            }
            NodeProbe.pause(POLL_MS);
        }
    }

    private static long elapsedMs(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
