package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.C2Api;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Polls C2 and prints one progress line a second until the mission ends or the time is up. */
final class ProgressWatcher {
    private static final long POLL_MS = 1000;

    private final C2Api c2;
    private final PrintStream console;

    ProgressWatcher(C2Api c2, PrintStream console) {
        this.c2 = c2;
        this.console = console;
    }

    JsonNode awaitEnd(String missionId, Duration timeout, java.util.function.Consumer<JsonNode> onPoll) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            JsonNode mission = c2.mission(missionId);
            console.println(line(mission, latestTicks(missionId), (System.nanoTime() - start) / 1e9));
            onPoll.accept(mission);
            if (MissionStates.isTerminal(mission)) {
                return mission;
            }
            if (System.nanoTime() > deadline) {
                console.println("  mission did not finish within " + timeout.toSeconds() + " s");
                return mission;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return mission;
            }
        }
    }

    /**
     * Each node's latest tick from its telemetry (about 10 Hz), fresher than the tick of its last status
     * update, which nodes send on state changes and every few seconds.
     */
    private Map<String, Long> latestTicks(String missionId) {
        Map<String, Long> ticks = new HashMap<>();
        for (JsonNode node : c2.nodes()) {
            JsonNode telemetry = node.path("telemetry");
            if (missionId.equals(telemetry.path("missionId").asText())) {
                ticks.put(node.path("nodeId").asText(), telemetry.path("tick").asLong());
            }
        }
        return ticks;
    }

    private static String line(JsonNode mission, Map<String, Long> telemetryTicks, double seconds) {
        JsonNode coverage = mission.path("coverage");
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %5.1fs %-11s", seconds,
                MissionStates.overall(mission)));
        if (!coverage.isMissingNode() && !coverage.isNull()) {
            line.append(String.format(Locale.ROOT, " cells %d/%d", coverage.path("cellsCovered").asInt(),
                    coverage.path("cellsTotal").asInt()));
        }
        for (JsonNode node : mission.path("nodes")) {
            String id = node.path("nodeId").asText();
            long tick = Math.max(node.path("tick").asLong(), telemetryTicks.getOrDefault(id, 0L));
            JsonNode cells = coverage.path("nodes").path(id);
            if (cells.isMissingNode()) {
                line.append(String.format(Locale.ROOT, " | %s %s t=%d %d%%", id, node.path("state").asText(), tick,
                        progressPercent(node)));
            } else {
                // Cells per node: done by it / still owned by it.
                line.append(String.format(Locale.ROOT, " | %s %s t=%d cells done %d owned %d%s", id,
                        node.path("state").asText(), tick, cells.path("cellsDone").size(),
                        cells.path("cellsOwned").size(), coverage.path("lostNodes").toString().contains("\"" + id
                                + "\"") ? " LOST" : ""));
            }
        }
        return line.toString();
    }

    /** The least-advanced agent's progress decides the node's progress. */
    private static long progressPercent(JsonNode node) {
        long min = 1000;
        boolean any = false;
        for (JsonNode agent : node.path("agents")) {
            min = Math.min(min, agent.path("progressPermille").asLong());
            any = true;
        }
        return any ? min / 10 : 0;
    }
}
