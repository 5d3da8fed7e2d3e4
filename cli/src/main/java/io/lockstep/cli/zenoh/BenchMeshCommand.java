package io.lockstep.cli.zenoh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockstep bench mesh [--quick] [--out DIR]}: Lockstep-to-Lockstep throughput (8, 64, 1024, 65536 B) and
 * 64-byte round trip over loopback TCP, with zenoh-pico measured in the same run when ZENOH_PICO_EXAMPLES points
 * at its built examples. Prints a table and writes DIR/mesh.json.
 */
@Command(name = "mesh", mixinStandardHelpOptions = true,
        description = "Benchmark the pure-Java Zenoh mesh (throughput and round trip), against zenoh-pico if available.")
public final class BenchMeshCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "shorter measurement windows")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/bench",
            description = "directory for mesh.json (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        MeshBenchmark bench = new MeshBenchmark(quick, System.out::println);
        Map<String, Double> throughput = bench.throughput();
        MeshBenchmark.Rtt rtt = bench.roundTrip(64);
        PicoReference reference = PicoReference.locate(System.out::println);
        PicoReference.Result pico = null;
        String reason = "ZENOH_PICO_EXAMPLES is not set (point it at zenoh-pico's build/examples)";
        if (reference != null) {
            try {
                pico = reference.measure(quick ? 3_000 : 6_000, quick ? 2_000 : 10_000);
            } catch (java.io.IOException e) {
                reason = "zenoh-pico run failed: " + e.getMessage();
            }
        } else if (System.getenv("ZENOH_PICO_EXAMPLES") != null) {
            reason = "ZENOH_PICO_EXAMPLES does not hold z_pub_thr, z_sub_thr, z_ping and z_pong";
        }
        MeshBenchReport report = new MeshBenchReport(throughput, rtt, pico, reason, Runtime.getRuntime().availableProcessors());
        System.out.println();
        System.out.print(report.toTable());
        Path json = out.resolve("mesh.json");
        Files.writeString(json, report.toJson(), StandardCharsets.UTF_8);
        System.out.println("wrote " + json);
        return 0;
    }
}
