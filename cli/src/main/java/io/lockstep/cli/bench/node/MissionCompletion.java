package io.lockstep.cli.bench.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.runtime.JournalReplayer;
import io.lockstep.runtime.ReplayOptions;
import io.lockstep.runtime.ReplayReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/** Waits for C2 to see the mission end, then replays the node's journal to check the recovered run. */
final class MissionCompletion {
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "ABORTED");
    private static final long POLL_MS = 1_000;
    private static final long REPORT_EVERY_MS = 5_000;

    private final NodeProbe probe;

    MissionCompletion(NodeProbe probe) {
        this.probe = probe;
    }

    MissionOutcome await(String missionId, Duration timeout, Consumer<String> progress) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long lastReport = 0;
        JsonNode mission = probe.c2().mission(missionId);
        while (!TERMINAL.contains(state(mission)) && System.nanoTime() < deadline) {
            NodeProbe.pause(POLL_MS);
            mission = probe.c2().mission(missionId);
            long now = System.nanoTime();
            if (now - lastReport > Duration.ofMillis(REPORT_EVERY_MS).toNanos()) {
                lastReport = now;
                progress.accept(String.format(Locale.ROOT, "  %5.1fs %s, node tick %d", (now - start) / 1e9,
                        state(mission), nodeTick(mission)));
            }
        }
        if (!TERMINAL.contains(state(mission))) {
            progress.accept("  the mission did not end within " + timeout.toSeconds() + " s");
        }
        String journal = probe.debugStatus().map(s -> s.path("journal").asText("")).orElse("");
        ReplayVerdict verdict = replay(journal);
        progress.accept("  C2: " + state(mission) + "; journal " + (verdict.ok() ? "replays" : "does NOT replay")
                + ": " + verdict.detail());
        return new MissionOutcome(state(mission), nodeTick(mission), verdict.ok(), verdict.detail());
    }

    private long nodeTick(JsonNode mission) {
        for (JsonNode node : mission.path("nodes")) {
            if (probe.node().id().equals(node.path("nodeId").asText())) {
                return node.path("tick").asLong();
            }
        }
        return -1;
    }

    static String state(JsonNode mission) {
        return mission.path("state").asText("UNKNOWN").replaceFirst("^MISSION_", "");
    }

    private static ReplayVerdict replay(String journal) {
        if (journal.isEmpty()) {
            return new ReplayVerdict(false, "the node reported no journal");
        }
        Path path = Path.of(journal);
        if (!Files.isRegularFile(path)) {
            return new ReplayVerdict(false, "journal " + journal + " does not exist");
        }
        try {
            ReplayReport report = JournalReplayer.replay(path, ReplayOptions.defaults());
            return report.ok() ? new ReplayVerdict(true, report.detail())
                    : new ReplayVerdict(false, "diverged at tick " + report.firstDivergentTick() + ": " + report.detail());
        } catch (RuntimeException e) {
            return new ReplayVerdict(false, "replay failed: " + e.getMessage());
        }
    }

    private record ReplayVerdict(boolean ok, String detail) {
    }
}
