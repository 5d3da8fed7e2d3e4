package io.lockstep.cli.bench.node;

import io.lockstep.cli.fleet.LockstepHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockstep bench node [--quick] [--out DIR]}: the edge node's resource and robustness figures (heap in
 * use during the survey mission, start-up to link-ready, safety supervisor overhead per actuator command,
 * recovery after {@code kill -9}), printed as a table and written to {@code DIR/node.json}. A missed target is
 * reported, not an error: the exit code is 0 unless the benchmark itself cannot run.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {
            "Benchmark an edge node: heap in use while it flies the survey mission (target <= 256 MiB),",
            "start-up to link-ready, safety supervisor overhead per actuator command, recovery after kill -9.",
            "Starts a one-node local fleet (Redis, C2, one node) in DIR/" + WorkDirectory.NAME
                    + "; needs the JDK's jstat and jcmd for the heap figures."})
public final class BenchNodeCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "fewer starts, a smaller field and shorter sampling (about 3 minutes)")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/bench",
            description = "directory for node.json and the fleet's files (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException {
        Path outDir = out.toAbsolutePath();
        Files.createDirectories(outDir);
        NodeBenchSettings settings = quick ? NodeBenchSettings.quickRun() : NodeBenchSettings.full();
        NodeBenchReport report = new NodeBenchmark(LockstepHome.detect(), WorkDirectory.prepare(outDir), settings,
                System.out).run();
        System.out.println();
        System.out.print(report.toTable());
        Path json = outDir.resolve("node.json");
        Files.writeString(json, report.toJson(), StandardCharsets.UTF_8);
        System.out.println("wrote " + json);
        return 0;
    }
}
