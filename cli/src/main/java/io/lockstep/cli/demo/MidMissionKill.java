package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.EdgeNodeProcess;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Kills one node with SIGKILL once the mission's coverage (as C2 shows it) reaches half, so that the
 * survivors must take over its cells over the mesh. One kill at most; nothing when disabled.
 */
final class MidMissionKill {
    static final double AT_COVERAGE_PERCENT = 50.0;

    /** What happened: which node, how long after the mission started, at what coverage. */
    record Event(String node, long afterMs, double coveragePercent, int cellsDoneBefore) {
    }

    private final EdgeNodeProcess victim;
    private final PrintStream console;
    private final long missionStartNanos;
    private Event event;

    private MidMissionKill(EdgeNodeProcess victim, PrintStream console, long missionStartNanos) {
        this.victim = victim;
        this.console = console;
        this.missionStartNanos = missionStartNanos;
    }

    /** Kills {@code victim} halfway; {@code victim} null: never kills. */
    static MidMissionKill of(EdgeNodeProcess victim, PrintStream console, long missionStartNanos) {
        return new MidMissionKill(victim, console, missionStartNanos);
    }

    /** Called with each poll of the mission view. */
    void onProgress(JsonNode mission) {
        if (victim == null || event != null || MissionStates.isTerminal(mission)) {
            return;
        }
        double coverage = mission.path("coverage").path("coveragePercent").asDouble(0);
        if (coverage < AT_COVERAGE_PERCENT) {
            return;
        }
        int done = mission.path("coverage").path("nodes").path(victim.id()).path("cellsDone").size();
        console.printf(Locale.ROOT, "  >>> killing %s with SIGKILL at %.0f%% coverage (it had covered %d cells);"
                + " the survivors take over its cells%n", victim.id(), coverage, done);
        victim.process().kill();
        event = new Event(victim.id(), (System.nanoTime() - missionStartNanos) / 1_000_000, coverage, done);
    }

    Optional<Event> event() {
        return Optional.ofNullable(event);
    }
}
