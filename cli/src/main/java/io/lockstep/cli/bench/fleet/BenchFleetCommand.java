package io.lockstep.cli.bench.fleet;

import io.lockstep.cli.bench.BenchEnvironment;
import io.lockstep.cli.fleet.LockstepHome;
import io.lockstep.runtime.bench.BenchFigure;
import io.lockstep.runtime.bench.RuntimeBenchReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockstep bench fleet}: many simulated nodes on the real link protocol (real gRPC, in this JVM) against
 * one and against several C2 replicas on one Redis: mission dispatch to every node, stop-all fan-out, a fleet's
 * heartbeats sustained, C2 CPU and heap per 1,000 links, Redis memory per node; a table and DIR/fleet.json in
 * the format of runtime.json.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Benchmark C2 under a fleet of simulated nodes (dispatch, stop all, heartbeats); writes DIR/fleet.json.")
public final class BenchFleetCommand implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "1000", description = "simulated nodes (default ${DEFAULT-VALUE}; C2's fleet limit is 1000)")
    int nodes;

    @Option(names = "--replicas", split = ",", defaultValue = "1,3",
            description = "C2 replica counts to run against, one run each (default ${DEFAULT-VALUE})")
    List<Integer> replicas;

    @Option(names = "--heartbeat-ms", defaultValue = "1000", description = "each node's heartbeat period (default ${DEFAULT-VALUE})")
    int heartbeatMs;

    @Option(names = "--seconds", defaultValue = "60", description = "how long the heartbeats are sustained (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--quick", description = "a short run for tests: heartbeats for 5 s and shorter timeouts")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/bench", description = "directory for fleet.json (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || nodes > 1000 || replicas.isEmpty() || replicas.stream().anyMatch(r -> r < 1 || r > 8)
                || heartbeatMs < 10 || seconds < 1) {
            throw new IllegalArgumentException("--nodes 1..1000, --replicas 1..8 each, --heartbeat-ms >= 10, --seconds >= 1");
        }
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("lockstep-bench-fleet");
        FleetBenchmark.Settings settings = new FleetBenchmark.Settings(nodes, Duration.ofMillis(heartbeatMs),
                Duration.ofSeconds(quick ? Math.min(seconds, 5) : seconds),
                Duration.ofSeconds(quick ? 15 : 30), Duration.ofSeconds(quick ? 10 : 20));
        String loadBefore = BenchEnvironment.load();
        System.out.println("fleet: " + nodes + " simulated nodes against " + replicas + " C2 replica(s); " + loadBefore
                + "; work in " + work);
        FleetBenchmark bench = new FleetBenchmark(LockstepHome.detect(), work, settings, line -> {
            System.out.println(line);
            System.out.flush();
        });
        List<BenchFigure> figures = new ArrayList<>();
        for (int count : replicas) {
            figures.addAll(bench.run(count));
        }
        RuntimeBenchReport report = new RuntimeBenchReport(quick, figures,
                BenchEnvironment.describe() + " at the end (" + loadBefore + " at the start); the simulated nodes, C2 and "
                        + "Redis share this machine");
        System.out.println();
        System.out.print(report.toTable());
        Path json = out.resolve("fleet.json");
        Files.writeString(json, report.toJson().replaceFirst("\"benchmark\": \"runtime\"", "\"benchmark\": \"fleet\""),
                StandardCharsets.UTF_8);
        System.out.println("wrote " + json);
        return 0;
    }
}
