package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.agents.ExampleAgents;
import io.lockstep.cli.fleet.C2Api;
import io.lockstep.cli.fleet.EdgeNodeProcess;
import io.lockstep.cli.fleet.Fleet;
import io.lockstep.cli.fleet.FleetSpec;
import io.lockstep.cli.fleet.LockstepHome;
import io.lockstep.platform.model.HazardModel;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One run of the demo, from an empty output directory to summary.json. */
final class DemoRun {
    private final LockstepHome home;
    private final Path out;
    private final int nodeCount;
    private final Duration timeout;
    private final boolean killOne;
    private final PrintStream console;
    private boolean keepRunning;

    /** Leaves the fleet up after the mission until Ctrl-C (the dashboard stays usable). */
    DemoRun keepRunning(boolean keep) {
        this.keepRunning = keep;
        return this;
    }

    DemoRun(LockstepHome home, Path out, int nodeCount, Duration timeout, boolean killOne, PrintStream console) {
        this.home = home;
        this.out = out;
        this.nodeCount = nodeCount;
        this.timeout = timeout;
        this.killOne = killOne;
        this.console = console;
    }

    /** Runs the demo; true when the mission completed on every node and every journal replayed. */
    boolean execute() {
        prepareOutDir();
        console.println("Lockstep demo: " + nodeCount + " edge nodes, output in " + out);
        console.println("[1/5] starting the fleet");
        long started = System.nanoTime();
        Fleet fleet = Fleet.start(home, new FleetSpec(out, nodeCount, home.demoWorld(), true), console);
        DemoDashboard.announce(fleet.c2(), console);
        Thread cleanup = new Thread(fleet::close, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Dispatched dispatched = createAndDispatch(fleet.c2().api(), fleet.nodeIds());
            String missionId = dispatched.missionId();
            RightOfWayWatch crossing = RightOfWayWatch.start(fleet.nodes());
            long missionStart = System.nanoTime();
            console.println("[4/5] mission " + missionId + " running"
                    + (killOne ? "; one node will be killed with SIGKILL about halfway" : ""));
            // The second node is killed: neither the first nor the last, so no edge of the fleet is special.
            EdgeNodeProcess victim = killOne ? fleet.nodes().get(1) : null;
            MidMissionKill kill = MidMissionKill.of(victim, console, missionStart);
            JsonNode finalView = new ProgressWatcher(fleet.c2().api(), console)
                    .awaitEnd(missionId, timeout, kill::onProgress);
            crossing.close();
            long durationMs = Duration.ofNanos(System.nanoTime() - missionStart).toMillis();
            console.println("[5/5] collecting results and verifying journals");
            List<NodeResult> results = new ArrayList<>();
            for (EdgeNodeProcess node : fleet.nodes()) {
                boolean killed = kill.event().filter(e -> e.node().equals(node.id())).isPresent();
                results.add(killed ? NodeResult.killed(node, finalView) : NodeResult.collect(node, finalView));
            }
            DemoSummary summary = new DemoSummary(missionId, MissionStates.overall(finalView), durationMs,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), results, SwarmOutcome.of(finalView),
                    kill.event(), java.util.Optional.of(dispatched.simulation()));
            SummaryJson summaryJson = new SummaryJson(out.resolve("summary.json"));
            summaryJson.add(summary::addTo);
            DemoHazards hazards = DemoHazards.collect(fleet.nodes(), kill.event().map(e -> java.util.Set.of(e.node()))
                    .orElse(java.util.Set.of()));
            summaryJson.add(hazards::addTo);
            summary.print(console);
            summaryJson.add(root -> crossing.addTo(root, results, console));
            hazards.print(console);
            DemoJournals journals = DemoJournals.check(fleet.c2().api(), missionId, results, console);
            summaryJson.add(journals::addTo);
            DemoAudit audit = DemoAudit.check(fleet.c2().api(), console);
            summaryJson.add(audit::addTo);
            // The verdict comes last: the mission, the journals at home and the audit trail all count.
            DemoVerdict verdict = DemoVerdict.of(summary.problems(), journals.problems(), audit.problems());
            summaryJson.add(verdict::addTo);
            verdict.print(console, out.resolve("logs"));
            if (keepRunning) {
                DemoDashboard.keepRunning(fleet.c2().httpPort(), console);
            }
            return verdict.succeeded();
        } finally {
            console.println("shutting down the fleet");
            fleet.close();
            removeHook(cleanup);
        }
    }

    /** The dispatched mission and the simulation it was approved on. */
    private record Dispatched(String missionId, DemoSimulation simulation) {
    }

    private Dispatched createAndDispatch(C2Api c2, List<String> nodeIds) {
        console.println("[2/5] uploading the agents and the hazard model");
        String survey = c2.uploadModule(ExampleAgents.bytes("survey"));
        String scout = c2.uploadModule(ExampleAgents.bytes("hazard-scout"));
        String model = c2.uploadModel(HazardModel.bytes());
        console.println("  survey       " + survey);
        console.println("  hazard-scout " + scout);
        console.println("  hazard.onnx  " + model);
        console.println("[3/5] creating the mission and dispatching it to " + String.join(", ", nodeIds));
        String missionId = c2.createMission(DemoMission.json(DemoMission.WIDTH_M, DemoMission.HEIGHT_M, survey, scout, model));
        DemoSimulation simulation = DemoApproval.simulateAndApprove(c2, missionId, nodeIds.size(), console);
        c2.dispatch(missionId, nodeIds);
        return new Dispatched(missionId, simulation);
    }

    private void prepareOutDir() {
        try {
            if (Files.exists(out.resolve("summary.json"))) {
                Files.delete(out.resolve("summary.json"));
            }
            Files.createDirectories(out);
            // Each run starts from empty state so that journals and Redis data belong to this run only.
            for (String dir : List.of("nodes", "redis", "logs", "pki", "c2")) {
                PathTrees.deleteRecursively(out.resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + out, e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }
}
