package io.lockstep.cli.runtime;

import io.lockstep.cli.agent.AgentLogLines;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.JournalReplayer;
import io.lockstep.runtime.ModuleRejectedException;
import io.lockstep.runtime.ReplayOptions;
import io.lockstep.runtime.ReplayReport;
import io.lockstep.runtime.journal.MissionJournal;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lockstep replay FILE [--from-snapshot N] [--logs] [--verbose]}: re-executes a node journal with nothing but the journal
 * and checks every tick's fingerprint. Exit 0 when all match, 1 on a divergence (naming tick, agent and what
 * differed), 2 when the journal cannot be read or its modules no longer load.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-execute a node journal and check every fingerprint.")
public final class ReplayCommand implements Callable<Integer> {
    static final int DIVERGED = 1;
    static final int UNREADABLE = 2;

    @Parameters(index = "0", paramLabel = "FILE", description = "journal file written by an edge node")
    Path file;

    @Option(names = "--from-snapshot", paramLabel = "N",
            description = "start from the snapshot taken after tick N instead of from the beginning")
    Long fromSnapshot;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "execution mode to replay in: ${COMPLETION-CANDIDATES} (default: the journal's)")
    ExecutionMode mode;

    @Option(names = "--progress-every", paramLabel = "TICKS", defaultValue = "1000",
            description = "print progress every TICKS ticks (default ${DEFAULT-VALUE})")
    int progressEvery;

    @Option(names = "--logs", description = "print the agents' log lines as replay re-executes them")
    boolean logs;

    @Option(names = {"-v", "--verbose"}, description = "print every verified tick's fingerprint")
    boolean verbose;

    private final PrintStream out;
    private final PrintStream err;

    public ReplayCommand() {
        this(System.out, System.err);
    }

    ReplayCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            err.println("replay: no such journal: " + file);
            return UNREADABLE;
        }
        if (progressEvery < 1) {
            err.println("replay: --progress-every must be at least 1");
            return UNREADABLE;
        }
        try {
            MissionJournal journal = MissionJournal.load(file);
            long total = journal.lastCompletedTick();
            out.printf("journal %s: mission %s on node %s, %d agents %s, %d ticks, snapshots at %s, recorded %s%n",
                    file, journal.setup().missionId(), journal.setup().nodeId(), journal.setup().agents().size(),
                    journal.setup().agents().stream().map(a -> a.name()).toList(), total,
                    journal.snapshots().keySet(), journal.setup().mode());
            ReplayOptions options = ReplayOptions.defaults()
                    .withProgress(t -> out.printf("  replayed tick %d of %d%n", t, total), progressEvery);
            if (logs || verbose) {
                options = options.withOnVerified(result -> {
                    if (logs) {
                        result.logs().forEach(entry -> out.println("  " + AgentLogLines.format(result.tick(), entry)));
                    }
                    if (verbose) {
                        out.printf("  tick %d fingerprint %s%n", result.tick(), result.fingerprint());
                    }
                });
            }
            if (fromSnapshot != null) {
                options = options.withFromSnapshot(fromSnapshot);
            }
            if (mode != null) {
                options = options.withExecutionMode(mode);
            }
            ReplayReport report = JournalReplayer.replay(file, options);
            if (report.tornBytes() > 0) {
                out.printf("note: ignored a torn tail of %d bytes (the node stopped while writing)%n",
                        report.tornBytes());
            }
            if (report.unfinishedTick() > 0) {
                out.printf("note: tick %d was interrupted before its result was journaled; not verified%n",
                        report.unfinishedTick());
            }
            if (report.ok()) {
                out.println("OK: " + report.detail());
                return 0;
            }
            out.printf("DIVERGED at tick %d%s: %s (last matching tick %d)%n", report.firstDivergentTick(),
                    report.agent().isEmpty() ? "" : ", agent " + report.agent(), report.detail(),
                    report.lastVerifiedTick());
            return DIVERGED;
        } catch (JournalException | ModuleRejectedException e) {
            err.println("replay: " + e.getMessage());
            return UNREADABLE;
        }
    }
}
