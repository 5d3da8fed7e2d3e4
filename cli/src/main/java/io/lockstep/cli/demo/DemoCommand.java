package io.lockstep.cli.demo;

import io.lockstep.cli.fleet.LockstepHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lockstep demo}: a whole fleet on this machine flying one real mission. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Run a whole fleet locally and fly one real mission.",
            "",
            "Starts embedded Redis, C2 and N edge nodes (separate JVMs, mutual TLS with a throwaway CA), "
                    + "uploads the example agents and the hazard model, creates and dispatches a survey mission "
                    + "through C2's REST API as a commander would, shows progress, verifies every node's journal "
                    + "by replaying it, prints a summary, writes DIR/summary.json and shuts everything down.",
            "",
            "The nodes share the mission's cells over the Zenoh mesh. About halfway through, one node is killed "
                    + "with SIGKILL (unless --no-kill, or with a single node) and the survivors take over its cells.",
            "",
            "At the start it prints the commander's dashboard URL (served by C2) with the demo commander's login; "
                    + "--keep-running leaves the fleet up after the mission until Ctrl-C.",
            "",
            "Exit code 0 when the mission COMPLETED with every cell covered, every surviving node COMPLETED and "
                    + "every surviving node's journal replays; 1 otherwise."})
public final class DemoCommand implements Callable<Integer> {
    /** Each node is a JVM of up to 256 MiB heap; more than this does not fit a workstation. */
    static final int MAX_NODES = 16;

    @Option(names = "--nodes", defaultValue = "3", description = "Number of edge nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--out", defaultValue = "out/demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--timeout", defaultValue = "600",
            description = "Seconds to wait for the mission to finish (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--no-kill", description = "Fly without killing a node halfway through.")
    boolean noKill;

    @Option(names = "--keep-running", description = "Leave the fleet (and the dashboard) up after the mission until Ctrl-C.")
    boolean keepRunning;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new ParameterException(spec.commandLine(), "--nodes must be 1.." + MAX_NODES + ", was " + nodes);
        }
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        DemoRun run = new DemoRun(LockstepHome.detect(), out.toAbsolutePath(), nodes,
                Duration.ofSeconds(timeoutSeconds), !noKill && nodes > 1, System.out).keepRunning(keepRunning);
        return run.execute() ? 0 : 1;
    }
}
