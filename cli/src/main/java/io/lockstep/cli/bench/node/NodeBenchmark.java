package io.lockstep.cli.bench.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.agents.ExampleAgents;
import io.lockstep.cli.demo.DemoMission;
import io.lockstep.cli.fleet.C2Api;
import io.lockstep.cli.fleet.Fleet;
import io.lockstep.cli.fleet.FleetSpec;
import io.lockstep.cli.fleet.LockstepHome;
import io.lockstep.platform.model.HazardModel;
import io.lockstep.platform.sim.InvalidWorldException;
import io.lockstep.platform.sim.World;
import io.lockstep.platform.sim.WorldFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The whole node benchmark: the supervisor micro-benchmark in this JVM, then a one-node local fleet
 * (Redis, C2, one edge node; plaintext link) on which it times node starts, runs the survey mission while
 * sampling the node's heap, kills the node with SIGKILL mid-mission and times its recovery, and finally checks
 * that the mission completed and the journal replays. A part that cannot be measured is left out of the report
 * with a note; only a fleet that does not start fails the whole run.
 */
final class NodeBenchmark {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The supervisor's trace flies the demo's field, where the geofence and obstacle rules have work to do. */
    private static final double DEMO_FIELD_WIDTH_M = 120;
    private static final double DEMO_FIELD_HEIGHT_M = 60;

    private final LockstepHome home;
    private final Path workDir;
    private final NodeBenchSettings settings;
    private final PrintStream console;
    private final Consumer<String> progress;
    private final List<String> notes = new ArrayList<>();

    NodeBenchmark(LockstepHome home, Path workDir, NodeBenchSettings settings, PrintStream console) {
        this.home = home;
        this.workDir = workDir;
        this.settings = settings;
        this.console = console;
        this.progress = console::println;
    }

    NodeBenchReport run() {
        progress.accept("[1/6] safety supervisor micro-benchmark (in this JVM)");
        World world = demoWorld();
        SupervisorOverhead supervisor = new SupervisorOverheadBenchmark(
                CommandTrace.survey(world, DEMO_FIELD_WIDTH_M, DEMO_FIELD_HEIGHT_M, settings.traceTicks()),
                settings.commandsPerRound(), settings.warmupRounds(), settings.rounds()).run(world, progress);

        progress.accept("[2/6] starting a one-node fleet in " + workDir);
        Fleet fleet = Fleet.start(home, new FleetSpec(workDir, 1, home.demoWorld(), false), console);
        Thread cleanup = new Thread(fleet::close, "bench-node-shutdown");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            NodeProbe probe = new NodeProbe(fleet.nodes().get(0), fleet.c2().api());
            progress.accept("[3/6] start-up to link-ready (" + settings.restarts() + " starts)");
            List<StartupSample> startups = attempt("start-up to link-ready",
                    () -> new StartupBenchmark(probe, START_TIMEOUT).measure(settings.restarts(), progress))
                    .orElse(List.of());

            progress.accept("[4/6] survey mission (" + (int) settings.fieldWidthM() + " m x "
                    + (int) settings.fieldHeightM() + " m field) with heap sampling");
            String missionId = dispatchSurvey(probe);
            awaitRunning(probe, missionId);
            Optional<JdkTools> tools = JdkTools.ofRunningJdk();
            if (tools.isEmpty()) {
                notes.add("heap in use not measured: jstat and jcmd are missing from " + System.getProperty("java.home")
                        + " (a JRE, not a JDK)");
            }
            HeapFigures heap = tools.flatMap(jdk -> attempt("heap in use", () -> new MissionHeapSampling(jdk, probe,
                    probe.node().process().maxHeap()).sample(settings.heapWindow(), settings.heapIntervalMs(), progress)))
                    .orElse(null);

            progress.accept("[5/6] kill -9 in the middle of the mission, restart, recover");
            RecoveryFigures recovery = attempt("recovery after kill -9",
                    () -> new Kill9RecoveryBenchmark(probe, START_TIMEOUT).measure(missionId, progress)).orElse(null);

            MissionOutcome outcome = null;
            if (recovery == null) {
                progress.accept("[6/6] skipped: without a recovered node there is no recovered mission to check");
            } else {
                progress.accept("[6/6] waiting for the mission to end, then replaying the journal");
                outcome = attempt("mission outcome",
                        () -> new MissionCompletion(probe).await(missionId, settings.missionTimeout(), progress))
                        .orElse(null);
            }
            if (outcome != null && !outcome.completed()) {
                notes.add("the mission ended " + outcome.c2State() + " in C2 after the recovery, not COMPLETED");
            }
            if (outcome != null && !outcome.journalReplays()) {
                notes.add("the recovered node's journal does not replay: " + outcome.replayDetail());
            }
            return new NodeBenchReport(settings.quick(), Runtime.getRuntime().availableProcessors(), jvmVersion(),
                    heap, startups, supervisor, recovery, outcome, notes);
        } finally {
            progress.accept("shutting down the fleet (logs in " + workDir.resolve("logs") + ")");
            fleet.close();
            removeHook(cleanup);
        }
    }

    private String dispatchSurvey(NodeProbe probe) {
        C2Api c2 = probe.c2();
        String survey = c2.uploadModule(ExampleAgents.bytes("survey"));
        String scout = c2.uploadModule(ExampleAgents.bytes("hazard-scout"));
        String model = c2.uploadModel(HazardModel.bytes());
        String missionId = c2.createMission(DemoMission.json(settings.fieldWidthM(), settings.fieldHeightM(),
                survey, scout, model));
        c2.simulateAndApprove(missionId, 1, java.time.Duration.ofMinutes(10));
        c2.dispatch(missionId, List.of(probe.node().id()));
        progress.accept("  mission " + missionId + " dispatched to " + probe.node().id());
        return missionId;
    }

    private void awaitRunning(NodeProbe probe, String missionId) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            Optional<JsonNode> status = probe.debugStatus();
            if (status.isPresent() && missionId.equals(status.get().path("missionId").asText())) {
                String state = status.get().path("missionState").asText();
                if (MissionHeapSampling.RUNNING.equals(state) && status.get().path("tick").asLong() >= 0) {
                    return;
                }
                if (List.of("COMPLETED", "FAILED", "ABORTED", "REJECTED").contains(state)) {
                    throw new IllegalStateException("the mission ended " + state + " before it could be measured: "
                            + status.get().path("detail").asText());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the mission did not start running on " + probe.node().id()
                        + " within " + START_TIMEOUT);
            }
            NodeProbe.pause(100);
        }
    }

    /** Runs one measurement; a failure becomes a note and an empty result, so the other figures still count. */
    private <T> Optional<T> attempt(String figure, Supplier<T> measurement) {
        try {
            return Optional.of(measurement.get());
        } catch (RuntimeException e) {
            notes.add(figure + " not measured: " + e.getMessage());
            progress.accept("  " + figure + " not measured: " + e.getMessage());
            return Optional.empty();
        }
    }

    private World demoWorld() {
        try {
            return WorldFile.load(home.demoWorld());
        } catch (InvalidWorldException e) {
            throw new IllegalStateException("the demo world file is invalid: " + e.getMessage(), e);
        }
    }

    static String jvmVersion() {
        return System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }
}
