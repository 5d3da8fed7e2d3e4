package io.lockstep.cli.bench.fleet;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.cli.bench.dashboard.C2Meter;
import io.lockstep.cli.fleet.C2Api;
import io.lockstep.cli.fleet.C2Process;
import io.lockstep.cli.fleet.C2OnSharedRedis;
import io.lockstep.cli.fleet.LockstepHome;
import io.lockstep.runtime.bench.BenchFigure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One {@code bench fleet} run against {@code replicas} C2 processes on one Redis: simulated nodes link to the
 * replicas in turn, one mission is dispatched to all of them (after the approval gate: simulate, approve),
 * then the fleet heartbeats for a while with round-trip probes, then "stop all". Dispatch and stop go through
 * the first replica, so with several replicas they only reach every node when replicas route commands to the
 * replica holding a node's link; where they do not, the figures say so instead of a number.
 */
final class FleetBenchmark {
    static final double ACK_ALL_TARGET_MS = 2_000;
    static final double ESTOP_P99_TARGET_MS = 1_000;
    /** C2's default limit on the nodes of one dispatch (lockstep.c2.fleet.max-nodes-per-dispatch), this bench's --nodes limit. */
    static final int MAX_NODES_PER_DISPATCH = 1000;

    /** What one run is asked to do. */
    record Settings(int nodes, Duration heartbeatPeriod, Duration sustain, Duration ackTimeout, Duration stopTimeout) {
    }

    private final LockstepHome home;
    private final Path workDir;
    private final Settings settings;
    private final Consumer<String> progress;

    FleetBenchmark(LockstepHome home, Path workDir, Settings settings, Consumer<String> progress) {
        this.home = home;
        this.workDir = workDir;
        this.settings = settings;
        this.progress = progress;
    }

    List<BenchFigure> run(int replicas) throws InterruptedException {
        String tag = replicas == 1 ? "1_replica" : replicas + "_replicas";
        String setup = settings.nodes() + " nodes, " + replicas + (replicas == 1 ? " C2" : " C2 replicas") + " on one Redis";
        List<BenchFigure> figures = new ArrayList<>();
        progress.accept("[" + tag + "] starting Redis and " + replicas + " C2 process(es)");
        try (C2OnSharedRedis c2 = C2OnSharedRedis.start(home, workDir.resolve(tag), replicas, List.of(), Duration.ofSeconds(180))) {
            long redisBefore = RedisMemory.usedBytes(c2.redisUri());
            List<C2Meter> meters = c2.replicas().stream()
                    .map(r -> new C2Meter(r.process().pid(), r.httpPort())).toList();
            double heapBefore = meters.stream().mapToDouble(C2Meter::heapAfterGcMib).sum();
            List<Integer> ports = c2.replicas().stream().map(C2Process::grpcPort).toList();
            progress.accept("[" + tag + "] linking " + settings.nodes() + " simulated nodes");
            try (LinkFleet fleet = new LinkFleet(ports, settings.nodes(), "fleet")) {
                int welcomed = awaitWithProgress(tag, "nodes welcomed", fleet, n -> n.welcomedAt, Duration.ofSeconds(180));
                if (welcomed < settings.nodes()) {
                    throw new IllegalStateException("only " + welcomed + " of " + settings.nodes()
                            + " nodes got C2's Welcome within 180 s; links ended: " + first(fleet.ended()));
                }
                C2Api api = c2.first().api();
                io.lockstep.cli.bench.BenchLogin.token(api);
                progress.accept("[" + tag + "] creating the mission, simulating it and approving it (the approval gate)");
                // C2 takes at most MAX_NODES_PER_DISPATCH nodes in one dispatch: a bigger fleet gets the same
                // mission spec as several missions, each through the approval gate, dispatched back to back.
                List<String> ids = fleet.nodes.stream().map(n -> n.id).toList();
                String module = api.uploadModule(ExampleAgents.bytes("survey"));
                List<String> missionIds = new ArrayList<>();
                for (int from = 0; from < ids.size(); from += MAX_NODES_PER_DISPATCH) {
                    String missionId = api.createMission(BenchMission.json(module));
                    api.simulateAndApprove(missionId, 1, Duration.ofMinutes(5));
                    missionIds.add(missionId);
                }
                fleet.startHeartbeats(settings.heartbeatPeriod());

                progress.accept("[" + tag + "] dispatching " + (missionIds.size() == 1 ? "the mission" : missionIds.size()
                        + " missions of " + MAX_NODES_PER_DISPATCH + " nodes at most") + " to all " + settings.nodes() + " nodes");
                long dispatchStart = System.nanoTime();
                for (int i = 0; i < missionIds.size(); i++) {
                    api.dispatch(missionIds.get(i), ids.subList(i * MAX_NODES_PER_DISPATCH,
                            Math.min(ids.size(), (i + 1) * MAX_NODES_PER_DISPATCH)));
                }
                double dispatchCallMs = (System.nanoTime() - dispatchStart) / 1e6;
                int acked = awaitWithProgress(tag, "acks stored in C2", fleet, n -> n.assignStoredAt, settings.ackTimeout());
                double[] ackMs = fleet.latenciesMs(n -> n.assignStoredAt, dispatchStart);
                figures.add(complete("mission_ack_all_ms_" + tag, acked, ackMs, max(ackMs), ACK_ALL_TARGET_MS,
                        "first dispatch request to the last node's command ack stored in C2 (C2's StatusAck covering it), "
                                + setup + "; " + missionIds.size() + " dispatch call(s) (C2 takes at most "
                                + MAX_NODES_PER_DISPATCH + " nodes per dispatch) took " + fmt(dispatchCallMs) + " ms",
                        replicas));
                figures.add(BenchFigure.informational("mission_ack_p99_ms_" + tag, percentile(ackMs, 0.99),
                        "p99 over the nodes whose ack was stored (" + acked + " of " + settings.nodes() + ")"));

                progress.accept("[" + tag + "] heartbeats of all nodes every " + settings.heartbeatPeriod().toMillis()
                        + " ms for " + settings.sustain().toSeconds() + " s, with round-trip probes");
                double cpuBefore = meters.stream().mapToDouble(C2Meter::cpuSeconds).sum();
                long sentBefore = fleet.heartbeatsSent.get();
                long skippedBefore = fleet.heartbeatsSkipped.get();
                long sustainStart = System.nanoTime();
                double[] probeMs = sustain(tag, fleet);
                double elapsed = (System.nanoTime() - sustainStart) / 1e9;
                double cpu = (meters.stream().mapToDouble(C2Meter::cpuSeconds).sum() - cpuBefore) / elapsed;
                double heartbeatsPerS = (fleet.heartbeatsSent.get() - sentBefore) / elapsed;
                long skipped = fleet.heartbeatsSkipped.get() - skippedBefore;
                double perThousand = 1000.0 / settings.nodes();
                figures.add(new BenchFigure("heartbeat_backlog_probe_p99_ms_" + tag, percentile(probeMs, 0.99),
                        settings.heartbeatPeriod().toMillis(), true,
                        "round trip of a probe sent after a node's heartbeats (C2 answers it after everything the node "
                                + "sent before), p99 of " + probeMs.length + " probes over " + fmt(elapsed) + " s: no "
                                + "backlog while it stays within one heartbeat period (" + setup + ")"));
                figures.add(new BenchFigure("heartbeats_skipped_not_ready_" + tag, skipped, 0, true,
                        "heartbeats a node could not send because C2 was not reading its stream (flow control)"));
                figures.add(BenchFigure.informational("heartbeats_per_s_" + tag, heartbeatsPerS,
                        "heartbeats the fleet sent per second while sustained"));
                figures.add(BenchFigure.informational("c2_cpu_cores_per_1000_links_" + tag, cpu * perThousand,
                        "C2 CPU (user+system, all replicas) per wall second while the fleet heartbeats, per 1,000 links ("
                                + fmt(cpu) + " cores for " + settings.nodes() + ")"));
                double heap = meters.stream().mapToDouble(C2Meter::heapAfterGcMib).sum();
                figures.add(BenchFigure.informational("c2_heap_after_gc_mib_" + tag, heap,
                        "C2 heap in use after a full GC (all replicas together) with " + settings.nodes() + " links and a "
                                + "dispatched mission (" + fmt(heapBefore) + " MiB before the nodes linked)"));
                figures.add(BenchFigure.informational("c2_heap_after_gc_mib_per_1000_links_" + tag,
                        (heap - heapBefore) * perThousand, "what the links and the mission added to C2's heap after a "
                                + "full GC, per 1,000 links"));
                long redisAfter = RedisMemory.usedBytes(c2.redisUri());
                figures.add(BenchFigure.informational("redis_memory_bytes_per_node_" + tag,
                        (redisAfter - redisBefore) / (double) settings.nodes(),
                        "Redis used_memory (INFO memory) after the run minus before the nodes linked, per node (registry, "
                                + "outbox, mission share; no telemetry history in this benchmark)"));

                progress.accept("[" + tag + "] stop all (POST /api/v1/emergency-stop)");
                long stopStart = System.nanoTime();
                api.emergencyStopAll("bench fleet: stop all");
                double stopCallMs = (System.nanoTime() - stopStart) / 1e6;
                int stopped = awaitWithProgress(tag, "nodes stopped", fleet, n -> n.estopAt, settings.stopTimeout());
                double[] stopMs = fleet.latenciesMs(n -> n.estopAt, stopStart);
                figures.add(complete("estop_fanout_p99_ms_" + tag, stopped, stopMs, percentile(stopMs, 0.99),
                        ESTOP_P99_TARGET_MS, "stop-all request to each node's receipt of its EmergencyStop, p99 ("
                                + setup + "); the request itself took " + fmt(stopCallMs) + " ms", replicas));
                figures.add(BenchFigure.informational("estop_fanout_all_ms_" + tag, max(stopMs),
                        "until the last node that received it (" + stopped + " of " + settings.nodes() + ")"));
                fleet.stopHeartbeats();
                List<String> ended = fleet.ended();
                if (!ended.isEmpty()) {
                    progress.accept("[" + tag + "] " + ended.size() + " links ended during the run, first: " + ended.get(0));
                }
            }
        }
        return figures;
    }

    /** Heartbeats run; every second a slice (a tenth) of the nodes sends a probe, whose round trip is collected a second later. */
    private double[] sustain(String tag, LinkFleet fleet) throws InterruptedException {
        List<Double> rtts = new ArrayList<>();
        int rounds = (int) Math.max(1, settings.sustain().toSeconds());
        int slices = Math.min(10, rounds);
        long nextReport = System.nanoTime() + 10_000_000_000L;
        for (int second = 0; second < rounds; second++) {
            int slice = second % slices;
            collect(fleet, slice, slices, rtts, false);
            for (int i = slice; i < fleet.nodes.size(); i += slices) {
                fleet.nodes.get(i).probe();
            }
            Thread.sleep(1_000);
            if (System.nanoTime() > nextReport) {
                progress.accept("[" + tag + "]   " + fleet.heartbeatsSent.get() + " heartbeats sent, "
                        + fleet.heartbeatsSkipped.get() + " skipped, " + rtts.size() + " probes answered");
                nextReport += 10_000_000_000L;
            }
        }
        for (int slice = 0; slice < slices; slice++) {
            collect(fleet, slice, slices, rtts, true);
        }
        return rtts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** The round trips of the slice's last probes; an unanswered one counts with its age so far. */
    private static void collect(LinkFleet fleet, int slice, int slices, List<Double> rtts, boolean last) {
        long now = System.nanoTime();
        for (int i = slice; i < fleet.nodes.size(); i += slices) {
            LinkNode node = fleet.nodes.get(i);
            long sent = node.probeSentAt;
            if (sent == 0) {
                continue;
            }
            long answered = node.probeAnsweredAt;
            if (answered != 0 || !last) {
                rtts.add(((answered != 0 ? answered : now) - sent) / 1e6);
            }
            node.probeSentAt = 0;
        }
    }

    private int awaitWithProgress(String tag, String what, LinkFleet fleet, java.util.function.ToLongFunction<LinkNode> event,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            int done = fleet.awaitAll(event, left.compareTo(Duration.ofSeconds(5)) < 0 ? left : Duration.ofSeconds(5));
            if (done == fleet.nodes.size() || System.nanoTime() >= deadline) {
                progress.accept("[" + tag + "]   " + done + " of " + fleet.nodes.size() + " " + what);
                return done;
            }
            progress.accept("[" + tag + "]   " + done + " of " + fleet.nodes.size() + " " + what + " so far");
        }
    }

    /** A target figure that is only a number when every node took part; otherwise no value and why. */
    private BenchFigure complete(String name, int done, double[] latencies, double value, double target, String detail,
            int replicas) {
        if (done == settings.nodes()) {
            return new BenchFigure(name, value, target, true, detail);
        }
        String why = replicas > 1
                ? " (C2 did not get the command to every node within the timeout, through the replicas holding their links)"
                : " (C2 did not keep up within the timeout)";
        return new BenchFigure(name, Double.NaN, target, true, "NOT MEASURED: only " + done + " of " + settings.nodes()
                + " nodes within the timeout" + why + "; " + detail);
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double max(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String first(List<String> items) {
        return items.isEmpty() ? "none" : items.get(0) + (items.size() > 1 ? " (and " + (items.size() - 1) + " more)" : "");
    }
}
