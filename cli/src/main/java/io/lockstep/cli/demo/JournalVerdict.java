package io.lockstep.cli.demo;

import io.lockstep.runtime.JournalReplayer;
import io.lockstep.runtime.ReplayOptions;
import io.lockstep.runtime.ReplayReport;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a node's journal replays to the same fingerprints, as {@code ./lockstep replay} would check it. */
record JournalVerdict(boolean ok, String detail) {

    static JournalVerdict of(String journal) {
        if (journal.isEmpty()) {
            return new JournalVerdict(false, "the node reported no journal");
        }
        Path path = Path.of(journal);
        if (!Files.isRegularFile(path)) {
            return new JournalVerdict(false, "journal " + journal + " does not exist");
        }
        try {
            ReplayReport report = JournalReplayer.replay(path, ReplayOptions.defaults());
            return report.ok() ? new JournalVerdict(true, report.detail())
                    : new JournalVerdict(false, "diverged at tick " + report.firstDivergentTick()
                            + (report.agent().isEmpty() ? "" : " in agent " + report.agent()) + ": " + report.detail());
        } catch (RuntimeException e) {
            return new JournalVerdict(false, "replay failed: " + e.getMessage());
        }
    }
}
