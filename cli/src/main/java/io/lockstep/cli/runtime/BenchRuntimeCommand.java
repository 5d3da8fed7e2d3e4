package io.lockstep.cli.runtime;

import io.lockstep.runtime.bench.RuntimeBenchReport;
import io.lockstep.runtime.bench.RuntimeBenchmark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockstep bench runtime [--quick] [--out DIR]}: the runtime's speed figures, each measured in the same
 * run as its reference, printed as a table and written to {@code DIR/runtime.json}. Missed targets are
 * reported with their gap; the exit code is 0 unless the benchmark itself fails.
 */
@Command(name = "runtime", mixinStandardHelpOptions = true,
        description = "Benchmark the deterministic Wasm runtime (compiled vs Java, metering, tick latency, "
                + "journal overhead, replay speed).")
public final class BenchRuntimeCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "shorter runs (about a minute)")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/bench",
            description = "directory for runtime.json (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("lockstep-bench-runtime");
        try {
            RuntimeBenchReport report = RuntimeBenchmark.run(quick, work, System.out::println);
            System.out.println();
            System.out.print(report.toTable());
            Path json = out.resolve("runtime.json");
            Files.writeString(json, report.toJson(), StandardCharsets.UTF_8);
            System.out.println("wrote " + json);
            return 0;
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
    }
}
