package io.lockstep.cli;

import io.lockstep.cli.bench.dashboard.BenchDashboardCommand;
import io.lockstep.cli.bench.fleet.BenchFleetCommand;
import io.lockstep.cli.bench.node.BenchNodeCommand;
import io.lockstep.cli.runtime.BenchRuntimeCommand;
import io.lockstep.cli.swarm.BenchSwarmCommand;
import io.lockstep.cli.zenoh.BenchMeshCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lockstep bench <runtime|mesh|node|swarm|dashboard|fleet>}: the measured speed targets. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {BenchRuntimeCommand.class, BenchMeshCommand.class, BenchNodeCommand.class,
            BenchSwarmCommand.class, BenchDashboardCommand.class, BenchFleetCommand.class},
        description = "Run a benchmark; each prints a table and writes DIR/<name>.json.")
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
