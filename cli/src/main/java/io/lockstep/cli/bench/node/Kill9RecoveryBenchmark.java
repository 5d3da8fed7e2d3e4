package io.lockstep.cli.bench.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Recovery after {@code kill -9}: SIGKILL the node in the middle of its mission (no shutdown hook runs, as
 * after a power cut), start it again with the same data directory, and time until it reports the same
 * mission RUNNING at a tick past the one it had reached before the kill.
 */
final class Kill9RecoveryBenchmark {
    private static final long POLL_MS = 25;

    private final NodeProbe probe;
    private final Duration timeout;

    Kill9RecoveryBenchmark(NodeProbe probe, Duration timeout) {
        this.probe = probe;
        this.timeout = timeout;
    }

    RecoveryFigures measure(String missionId, Consumer<String> progress) {
        JsonNode before = probe.debugStatus().orElseThrow(
                () -> new IllegalStateException(probe.node().id() + " does not answer before the kill"));
        if (!MissionHeapSampling.RUNNING.equals(before.path("missionState").asText())) {
            throw new IllegalStateException("the mission is " + before.path("missionState").asText()
                    + ", not RUNNING, so there is nothing to recover");
        }
        long tickBeforeKill = before.path("tick").asLong();
        progress.accept("  kill -9 " + probe.node().id() + " (pid " + probe.node().process().pid() + ") at tick "
                + tickBeforeKill);
        long killed = System.nanoTime();
        probe.node().process().kill();
        probe.node().process().start();
        long deadline = killed + timeout.toNanos();
        long debugBackMs = -1;
        long resumedMs = -1;
        Long resumedAfterTick = null;
        while (true) {
            if (!probe.node().process().isAlive()) {
                throw new IllegalStateException(probe.node().id() + " exited while recovering; see "
                        + probe.node().process().log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(probe.node().id() + " did not resume its mission within " + timeout);
            }
            Optional<JsonNode> status = probe.debugStatus();
            if (status.isPresent()) {
                JsonNode s = status.get();
                if (debugBackMs < 0) {
                    debugBackMs = elapsedMs(killed);
                }
                boolean sameMission = missionId.equals(s.path("missionId").asText());
                boolean running = MissionHeapSampling.RUNNING.equals(s.path("missionState").asText());
                if (sameMission && running && resumedMs < 0) {
                    resumedMs = elapsedMs(killed);
                    resumedAfterTick = RecoveryFigures.resumedAfterTick(s.path("detail").asText());
                }
                // The node may have journaled a tick or two after the last status read; "past" means a tick
                // beyond both, i.e. one the restarted node executed itself. A mission that ended since counts too.
                long mustPass = resumedAfterTick == null ? tickBeforeKill : Math.max(tickBeforeKill, resumedAfterTick);
                if (sameMission && (running || isTerminal(s)) && s.path("tick").asLong() > mustPass) {
                    long recoveredMs = elapsedMs(killed);
                    RecoveryFigures figures = new RecoveryFigures(tickBeforeKill, debugBackMs,
                            resumedMs < 0 ? recoveredMs : resumedMs, recoveredMs, resumedAfterTick);
                    progress.accept(String.format("  debug port back after %d ms, mission RUNNING after %d ms"
                            + " (resumed after tick %s), at tick %d after %d ms", figures.debugBackMs(),
                            figures.resumedMs(), resumedAfterTick == null ? "?" : resumedAfterTick,
                            s.path("tick").asLong(), recoveredMs));
                    return figures;
                }
            }
            NodeProbe.pause(POLL_MS);
        }
    }

    private static boolean isTerminal(JsonNode status) {
        return switch (status.path("missionState").asText()) {
            case "COMPLETED", "FAILED", "ABORTED", "REJECTED" -> true;
            default -> false;
        };
    }

    private static long elapsedMs(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
