package io.lockstep.cli.swarm;

import io.lockstep.runtime.bench.BenchFigure;
import io.lockstep.swarm.sim.bench.SwarmBench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockstep bench swarm [--quick] [--out DIR]}: allocation compute (10,000 cells x 100 nodes) and
 * simulator speed (10 nodes), as a table and as DIR/swarm.json in the format of runtime.json.
 */
@Command(name = "swarm", mixinStandardHelpOptions = true,
        description = "Benchmark swarm allocation and the fleet simulator; writes DIR/swarm.json.")
public final class BenchSwarmCommand implements Callable<Integer> {

    private static final Logger PEER_LOG = Logger.getLogger("io.lockstep.swarm.peer.SwarmPeer");

    @Option(names = "--quick", description = "fewer repetitions")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/bench",
            description = "directory for swarm.json (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        PEER_LOG.setLevel(Level.SEVERE);
        Files.createDirectories(out);
        List<BenchFigure> figures = new ArrayList<>(new SwarmBench(quick, System.out::println).run());
        SwarmBenchReport report = new SwarmBenchReport(quick, figures, SwarmBenchReport.machine());
        System.out.println();
        System.out.print(report.toTable());
        Path json = out.resolve("swarm.json");
        Files.writeString(json, report.toJson(), StandardCharsets.UTF_8);
        System.out.println("wrote " + json);
        return 0;
    }
}
