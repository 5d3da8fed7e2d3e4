package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.C2Api;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Polls C2 and prints one progress line a second until the mission ends or the time is up. */
final class ProgressWatcher {
    private static final long POLL_MS = 1000;

    private final C2Api c2;
    private final PrintStream console;

    ProgressWatcher(C2Api c2, PrintStream console) {
        this.c2 = c2;
        this.console = console;
    }

    JsonNode awaitEnd(String missionId, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            JsonNode mission = c2.mission(missionId);
            console.println(line(mission, (System.nanoTime() - start) / 1e9));
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

    private static String line(JsonNode mission, double seconds) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %5.1fs %-11s", seconds,
                MissionStates.overall(mission)));
        for (JsonNode node : mission.path("nodes")) {
            line.append(String.format(Locale.ROOT, " | %s %s t=%d %d%%", node.path("nodeId").asText(),
                    node.path("state").asText(), node.path("tick").asLong(), progressPercent(node)));
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
