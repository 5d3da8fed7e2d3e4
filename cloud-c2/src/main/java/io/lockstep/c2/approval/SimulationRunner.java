package io.lockstep.c2.approval;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.swarm.sim.MissionAgents;
import io.lockstep.swarm.sim.MissionSimulation;
import io.lockstep.swarm.sim.SimMission;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs simulations asynchronously on a bounded pool ({@code lockstep.c2.approval.simulation-workers} threads,
 * {@code simulation-queue} waiting), one at a time per mission. The record in Redis follows the run
 * (QUEUED, RUNNING with progress, SUCCEEDED or FAILED with the outcome); the journals go to
 * {@code <data-dir>/simulations/<mission digest>/<simulation id>/}.
 */
@ApplicationScoped
public class SimulationRunner {

    private static final Logger LOG = Logger.getLogger(SimulationRunner.class);

    private final SimulationStore store;
    private final SimulationRequestMapper mapper;
    private final Clock clock;
    private final Path dataDir;
    private final ThreadPoolExecutor pool;
    /** Mission id → simulation id of the one queued or running in this process. */
    private final Map<String, String> inFlight = new ConcurrentHashMap<>();

    public SimulationRunner(SimulationStore store, SimulationRequestMapper mapper, Clock clock, C2Config config) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
        this.dataDir = config.files().resolve("simulations");
        int workers = Math.max(1, config.approval().simulationWorkers());
        this.pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.approval().simulationQueue())), r -> {
                    Thread t = new Thread(r, "mission-simulation");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Queues a simulation of the mission's current bytes on {@code nodes} simulated nodes. */
    public SimulationRecord submit(MissionRecord mission, int nodes, String user) {
        String digest = MissionDigest.of(mission);
        SimulationRecord queued = new SimulationRecord(UUID.randomUUID().toString(), mission.id(), digest,
                SimulationState.QUEUED, nodes, user, clock.instant(), null, null, 0, null, null);
        if (inFlight.putIfAbsent(mission.id(), queued.id()) != null) {
            throw ApprovalProblem.conflict("simulation-in-progress", "A simulation of this mission is in progress",
                    "mission " + mission.id() + " is being simulated (simulation " + inFlight.get(mission.id())
                            + "); wait for it to finish");
        }
        try {
            store.save(queued);
            pool.execute(() -> run(mission, queued));
        } catch (RejectedExecutionException e) {
            inFlight.remove(mission.id(), queued.id());
            store.save(queued.failed(clock.instant(), "C2 is busy simulating other missions; try again later"));
            throw new ApprovalProblem(503, "overloaded", "C2 is busy",
                    "every simulation worker is busy and the queue is full; try again later");
        } catch (RuntimeException e) {
            inFlight.remove(mission.id(), queued.id());
            throw e;
        }
        return queued;
    }

    /** Where the simulation's journals are written: {@code <data-dir>/simulations/<digest>/<id>}. */
    public Path journalDir(SimulationRecord record) {
        return dataDir.resolve(record.missionDigest()).resolve(record.id());
    }

    /** Whether this process is running (or has queued) the simulation; a stored one that is not was cut short. */
    public boolean inFlight(SimulationRecord record) {
        return record.id().equals(inFlight.get(record.missionId()));
    }

    public Set<String> missionsInFlight() {
        return Set.copyOf(inFlight.keySet());
    }

    private void run(MissionRecord mission, SimulationRecord queued) {
        SimulationRecord running = queued.running(clock.instant());
        try {
            store.save(running);
            SimMission sim = mapper.mission(mission);
            Path journals = journalDir(queued);
            MissionAgents agents = mapper.agents(mission, journals);
            long maxTicks = sim.maxTicks();
            int[] lastPermille = {0};
            SimulationRecord[] current = {running};
            MissionSimulation.Result result = MissionSimulation.run(sim, queued.nodes(), seed(queued.missionDigest()),
                    agents, tick -> {
                        int permille = (int) Math.min(999, (tick + 1) * 1000 / maxTicks);
                        if (permille >= lastPermille[0] + 20) {
                            lastPermille[0] = permille;
                            current[0] = current[0].progress(permille);
                            store.save(current[0]);
                        }
                    });
            SimulationOutcome outcome = new SimulationOutcome(result.ticks(),
                    Math.round(result.predictedSeconds() * 1000), result.cellsTotal(), result.cellsCovered(),
                    result.coveragePercent(), result.interventions(), result.fuelByAgent(), result.faults(),
                    result.problems(), journals.toString(), result.journals(), result.reportDigest(),
                    result.tickPeriodMs(), result.cellsRequired(), paths(result), cells(result));
            store.save(current[0].finished(clock.instant(), outcome, result.succeeded()));
            LOG.infof("simulation %s of mission %s: %s, %d/%d cells in %d ticks", queued.id(), mission.id(),
                    result.succeeded() ? "succeeded" : "failed", result.cellsCovered(), result.cellsTotal(), result.ticks());
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf(e, "simulation %s of mission %s failed", queued.id(), mission.id());
            store.save(running.failed(clock.instant(), "the simulator could not run the mission: " + e.getMessage()));
        } finally {
            inFlight.remove(mission.id(), queued.id());
        }
    }

    private static Map<String, java.util.List<PredictedPoint>> paths(MissionSimulation.Result result) {
        Map<String, java.util.List<PredictedPoint>> paths = new java.util.TreeMap<>();
        result.paths().forEach((node, points) -> paths.put(node,
                points.stream().map(p -> new PredictedPoint(p.tick(), p.x(), p.y())).toList()));
        return paths;
    }

    private static java.util.List<PredictedCell> cells(MissionSimulation.Result result) {
        return result.cellCoverage().stream().map(c -> new PredictedCell(c.cell(), c.tick(), c.node())).toList();
    }

    /** The simulator's seed comes from the mission digest: the same mission bytes simulate the same way. */
    static long seed(String digest) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(digest.substring(0, 16))).getLong();
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
