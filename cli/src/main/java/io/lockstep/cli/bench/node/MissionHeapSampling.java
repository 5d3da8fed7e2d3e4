package io.lockstep.cli.bench.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Samples the node's heap while its mission runs: once a sampling interval for the sampling window (or
 * until the mission leaves RUNNING), then once more right after a forced full collection, which shows the
 * live set rather than garbage not yet collected.
 */
final class MissionHeapSampling {
    static final String RUNNING = "RUNNING";
    private static final long REPORT_EVERY_MS = 5_000;

    private final JdkTools tools;
    private final NodeProbe probe;
    private final String maxHeapSetting;

    MissionHeapSampling(JdkTools tools, NodeProbe probe, String maxHeapSetting) {
        this.tools = tools;
        this.probe = probe;
        this.maxHeapSetting = maxHeapSetting;
    }

    HeapFigures sample(Duration window, long intervalMs, Consumer<String> progress) {
        long pid = probe.node().process().pid();
        long firstTick = currentTick();
        long start = System.nanoTime();
        long deadline = start + window.toNanos();
        List<Double> samples;
        long lastTick = firstTick;
        try (HeapSampler sampler = new HeapSampler(tools, pid, intervalMs, progress)) {
            while (System.nanoTime() < deadline) {
                NodeProbe.pause(REPORT_EVERY_MS);
                JsonNode status = probe.debugStatus().orElseThrow(
                        () -> new IllegalStateException(probe.node().id() + " stopped answering during heap sampling"));
                lastTick = status.path("tick").asLong();
                List<Double> sofar = sampler.samples();
                progress.accept(String.format(Locale.ROOT, "  %5.1fs tick %d %s, heap in use %s MiB (%d samples)",
                        (System.nanoTime() - start) / 1e9, lastTick, status.path("missionState").asText(),
                        sofar.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", sofar.get(sofar.size() - 1)),
                        sofar.size()));
                if (!RUNNING.equals(status.path("missionState").asText())) {
                    progress.accept("  the mission left RUNNING; sampling stops early");
                    break;
                }
                if (sampler.failure() != null) {
                    break;
                }
            }
            samples = sampler.samples();
            if (samples.isEmpty()) {
                throw new IllegalStateException("no heap samples from jstat"
                        + (sampler.failure() == null ? "" : ": " + sampler.failure()));
            }
        }
        return new HeapFigures(samples, afterForcedGc(pid, progress), maxHeapSetting, firstTick, lastTick);
    }

    private Double afterForcedGc(long pid, Consumer<String> progress) {
        try {
            tools.forceGc(pid);
            return tools.heapUsedMib(pid);
        } catch (RuntimeException e) {
            progress.accept("  no after-GC sample: " + e.getMessage());
            return null;
        }
    }

    private long currentTick() {
        return probe.debugStatus().map(s -> s.path("tick").asLong()).orElse(-1L);
    }
}
