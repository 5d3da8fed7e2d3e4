package io.lockstep.cli.bench.dashboard;

import io.lockstep.cli.bench.BenchEnvironment;
import io.lockstep.cli.fleet.C2Alone;
import io.lockstep.cli.fleet.LockstepHome;
import io.lockstep.runtime.bench.BenchFigure;
import io.lockstep.runtime.bench.RuntimeBenchReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockstep bench dashboard}: simulated nodes send telemetry at a fixed rate into a real C2 over the
 * real link protocol (gRPC), stream clients read /api/v1/stream; per-client rate per node, node-sample-to-
 * client latency p99, C2 CPU and heap, as a table and DIR/dashboard.json in the format of runtime.json.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Benchmark C2's live stream under many nodes' telemetry; writes DIR/dashboard.json.")
public final class BenchDashboardCommand implements Callable<Integer> {
    static final double MAX_RATE_PER_NODE_HZ = 10;
    static final double LATENCY_P99_TARGET_MS = 250;

    @Option(names = "--nodes", defaultValue = "1000", description = "simulated nodes (default ${DEFAULT-VALUE}; C2's fleet limit is 1000)")
    int nodes;

    @Option(names = "--rate-hz", defaultValue = "100", description = "telemetry samples per node per second (default ${DEFAULT-VALUE})")
    int rateHz;

    @Option(names = "--clients", defaultValue = "10", description = "stream clients (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds after a 5 s warm-up (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--c2-live-credit", paramLabel = "N", description = "C2's live-sample credit window "
            + "(lockstep.c2.link.live-credit, 0..64, 0: off; default: C2's own default)")
    Integer liveCredit;

    @Option(names = "--c2-live-credit-pool", paramLabel = "N", description = "C2's bound on live samples in flight over "
            + "all nodes (lockstep.c2.link.live-credit-pool, 0: none; default: C2's own default)")
    Integer liveCreditPool;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/bench", description = "directory for dashboard.json (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || nodes > 1000 || rateHz < 1 || rateHz > 1000 || clients < 1 || clients > 100 || seconds < 1) {
            throw new IllegalArgumentException("--nodes 1..1000, --rate-hz 1..1000, --clients 1..100, --seconds >= 1");
        }
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("lockstep-bench-dashboard");
        String loadBefore = BenchEnvironment.load();
        System.out.println("dashboard: " + nodes + " simulated nodes at " + rateHz + " Hz, " + clients + " stream clients"
                + (liveCredit == null ? "" : ", C2 live-sample credit " + liveCredit)
                + (liveCreditPool == null ? "" : ", C2 live-credit pool " + liveCreditPool) + "; " + loadBefore);
        List<BenchFigure> figures;
        List<String> c2Properties = new ArrayList<>();
        if (liveCredit != null) {
            c2Properties.add("-Dlockstep.c2.link.live-credit=" + liveCredit);
        }
        if (liveCreditPool != null) {
            c2Properties.add("-Dlockstep.c2.link.live-credit-pool=" + liveCreditPool);
        }
        try (C2Alone c2 = C2Alone.start(LockstepHome.detect(), work, c2Properties, Duration.ofSeconds(120));
                SimulatedNodes fleet = new SimulatedNodes(c2.c2().grpcPort(), nodes)) {
            List<MeasuringClient> readers = new ArrayList<>();
            try {
                String token = io.lockstep.cli.bench.BenchLogin.token(c2.c2().api());
                for (int i = 0; i < clients; i++) {
                    readers.add(new MeasuringClient(c2.c2().httpPort(), token));
                }
                for (MeasuringClient reader : readers) {
                    reader.snapshot.get(60, TimeUnit.SECONDS);
                }
                fleet.start(rateHz);
                Thread.sleep(5_000);
                C2Meter meter = new C2Meter(c2.c2().process().pid(), c2.c2().httpPort());
                double cpuBefore = meter.cpuSeconds();
                long sentBefore = fleet.sent.get();
                readers.forEach(r -> r.measuring(true));
                long start = System.nanoTime();
                HeapPeak heap = new HeapPeak();
                // A scrape costs C2 a Redis read per node (its fleet gauges), so the heap is sampled every 5 s, not every second.
                for (int second = 1; System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds); second++) {
                    Thread.sleep(1_000);
                    if (second % 5 == 0) {
                        heap.add(meter.heapUsedMib());
                    }
                }
                heap.add(meter.heapUsedMib());
                readers.forEach(r -> r.measuring(false));
                double elapsed = (System.nanoTime() - start) / 1e9;
                double cpu = (meter.cpuSeconds() - cpuBefore) / elapsed;
                double ingest = (fleet.sent.get() - sentBefore) / elapsed;
                figures = figures(readers, elapsed, cpu, heap, ingest, fleet.replaced());
            } finally {
                readers.forEach(MeasuringClient::close);
            }
        }
        RuntimeBenchReport report = new RuntimeBenchReport(false, figures, BenchEnvironment.describe()
                + " at the end (" + loadBefore + " at the start); the simulated nodes, the stream clients, C2 and Redis "
                + "share this machine");
        System.out.println();
        System.out.print(report.toTable());
        Path json = out.resolve("dashboard.json");
        Files.writeString(json, report.toJson().replaceFirst("\"benchmark\": \"runtime\"", "\"benchmark\": \"dashboard\""),
                StandardCharsets.UTF_8);
        System.out.println("wrote " + json);
        return 0;
    }

    private List<BenchFigure> figures(List<MeasuringClient> readers, double elapsed, double cpuCores, HeapPeak heap,
            double ingestPerS, long replaced) {
        double maxRate = 0;
        double sumRate = 0;
        long rateCount = 0;
        long[] histogram = new long[MeasuringClient.MAX_LATENCY_MS + 1];
        long[] c2Histogram = new long[MeasuringClient.MAX_LATENCY_MS + 1];
        long[] receiptHistogram = new long[MeasuringClient.MAX_LATENCY_MS + 1];
        for (MeasuringClient reader : readers) {
            for (Map.Entry<String, Long> perNode : reader.samplesPerNode().entrySet()) {
                double rate = perNode.getValue() / elapsed;
                maxRate = Math.max(maxRate, rate);
                sumRate += rate;
                rateCount++;
            }
            long[] own = reader.latencyHistogram();
            long[] c2Own = reader.c2LatencyHistogram();
            long[] receiptOwn = reader.receiptLatencyHistogram();
            for (int i = 0; i < own.length; i++) {
                histogram[i] += own[i];
                c2Histogram[i] += c2Own[i];
                receiptHistogram[i] += receiptOwn[i];
            }
        }
        String setup = nodes + " nodes x " + rateHz + " Hz, " + readers.size() + " clients";
        return List.of(
                new BenchFigure("stream_max_rate_per_node_per_client_hz", maxRate, MAX_RATE_PER_NODE_HZ, true,
                        "most samples of one node one client received per second (" + setup + ")"),
                BenchFigure.informational("stream_mean_rate_per_node_per_client_hz", rateCount == 0 ? 0 : sumRate / rateCount,
                        "mean over nodes and clients"),
                new BenchFigure("stream_sample_to_client_latency_p99_ms", percentile(histogram, 0.99), LATENCY_P99_TARGET_MS,
                        true, "node send time to client arrival, p99 over every sample every client got (" + setup + ")"),
                BenchFigure.informational("stream_sample_to_client_latency_p50_ms", percentile(histogram, 0.50), "p50"),
                BenchFigure.informational("stream_sample_to_c2_frame_latency_p99_ms", percentile(c2Histogram, 0.99),
                        "node send time to C2 writing the frame with it (the frame's serverTimeMs), p99: C2's share; the "
                        + "rest is the socket and the client reading"),
                BenchFigure.informational("stream_sample_to_c2_receipt_latency_p99_ms", percentile(receiptHistogram, 0.99),
                        "node send time to C2's link taking the sample (the sample's receivedAtMs), p99: the share of "
                        + "the simulated nodes' and the sockets' buffers, before any C2 code queues it"),
                BenchFigure.informational("c2_cpu_cores", cpuCores, "C2 process CPU (user+system) per wall second while measuring"),
                BenchFigure.informational("c2_heap_used_max_mib", heap.mostMib(), "most heap in use C2 reported (jvm_memory_used_bytes,"
                        + " heap; " + heap.describe() + ")"),
                BenchFigure.informational("telemetry_sent_per_s", ingestPerS, "samples the simulated nodes actually put on the "
                        + "link per second (asked for " + (nodes * rateHz) + "); " + replaced + " live samples replaced by a newer one while "
                        + "the stream was not ready or the node held no live-sample credit (latest wins, as on a real node)"));
    }

    static double percentile(long[] histogram, double q) {
        long total = 0;
        for (long count : histogram) {
            total += count;
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int ms = 0; ms < histogram.length; ms++) {
            seen += histogram[ms];
            if (seen >= rank) {
                return ms;
            }
        }
        return histogram.length - 1;
    }
}
