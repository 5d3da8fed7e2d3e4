package io.lockstep.c2.plan;

import io.lockstep.c2.approval.ApprovalStatus;
import io.lockstep.c2.approval.DispatchGate;
import io.lockstep.c2.approval.PredictedPoint;
import io.lockstep.c2.approval.SimulationRecord;
import io.lockstep.c2.approval.SimulationState;
import io.lockstep.c2.approval.SimulationStore;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionStore;
import io.lockstep.c2.mission.NodeShare;
import io.lockstep.swarm.allocation.NodeIds;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Compares the live telemetry of every dispatched mission with its approved simulation's predicted paths
 * ({@link PlanDeparture}) and reports a node that departs from its plan. The plan of a mission is looked up once,
 * off the link's threads, the first time one of its samples arrives: the succeeded simulation of the mission's
 * current bytes that the dispatch gate counts as approved (none: the mission is not followed). Live nodes are
 * matched to simulated nodes by id, else by position in node-id order (a simulation of N nodes names them
 * node-1..node-N). At most {@value #MAX_MISSIONS} missions are followed at once, the oldest forgotten first.
 */
@ApplicationScoped
public class PlanDriftMonitor {

    private static final Logger LOG = Logger.getLogger(PlanDriftMonitor.class);
    /** Distance from the predicted position beyond which a node is off its plan. */
    public static final double THRESHOLD_M = 25.0;
    /** How long a node must stay off its plan before it is reported (mission time). */
    public static final long SUSTAIN_MS = 3_000;
    static final int MAX_MISSIONS = 256;

    private final SimulationStore simulations;
    private final MissionStore missions;
    private final DispatchGate gate;
    /**
     * Mission id → its plan; Optional.empty(): looked up, nothing approved to follow. Read lock-free on every
     * sample; written only by the loader thread, which forgets the oldest lookups beyond MAX_MISSIONS.
     */
    private final Map<String, Optional<PlanDeparture>> plans = new ConcurrentHashMap<>();
    private final java.util.Queue<String> lookedUp = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Map<String, Boolean> loading = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor loader = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64), r -> {
                Thread t = new Thread(r, "plan-drift-loader");
                t.setDaemon(true);
                return t;
            });

    public PlanDriftMonitor(SimulationStore simulations, MissionStore missions, DispatchGate gate) {
        this.simulations = simulations;
        this.missions = missions;
        this.gate = gate;
        loader.allowCoreThreadTimeOut(true);
    }

    /** One live sample (the link's thread: never blocks); a departure when the node has just left its plan. */
    public Optional<PlanDeparture.Departure> sample(String nodeId, String missionId, long tick, double xM, double yM) {
        if (missionId == null || missionId.isEmpty()) {
            return Optional.empty();
        }
        Optional<PlanDeparture> plan = plans.get(missionId);
        if (plan == null) {
            requestLoad(missionId);
            return Optional.empty();
        }
        return plan.flatMap(p -> p.sample(nodeId, tick, xM, yM));
    }

    private void requestLoad(String missionId) {
        if (loading.putIfAbsent(missionId, Boolean.TRUE) != null) {
            return;
        }
        try {
            loader.execute(() -> {
                try {
                    remember(missionId, load(missionId));
                } catch (RuntimeException e) {
                    LOG.warnf("plan against reality: cannot load the plan of mission %s: %s", missionId, e.toString());
                    remember(missionId, Optional.empty());
                } finally {
                    loading.remove(missionId);
                }
            });
        } catch (RejectedExecutionException e) {
            loading.remove(missionId); // asked again with the next sample
        }
    }

    private void remember(String missionId, Optional<PlanDeparture> plan) {
        plans.put(missionId, plan);
        lookedUp.add(missionId);
        while (lookedUp.size() > MAX_MISSIONS) {
            String oldest = lookedUp.poll();
            if (oldest != null) {
                plans.remove(oldest);
            }
        }
    }

    /** The approved simulation's plan for the mission's dispatched nodes, if there is one. */
    Optional<PlanDeparture> load(String missionId) {
        Optional<MissionRecord> mission = missions.find(missionId);
        if (mission.isEmpty()) {
            return Optional.empty();
        }
        ApprovalStatus status = gate.status(mission.get());
        if (status.simulationId() == null || status.approvals().isEmpty() || !status.dispatchable()) {
            return Optional.empty();
        }
        Optional<SimulationRecord> simulation = simulations.find(missionId, status.simulationId());
        if (simulation.isEmpty() || simulation.get().state() != SimulationState.SUCCEEDED
                || simulation.get().outcome() == null || simulation.get().outcome().paths().isEmpty()) {
            return Optional.empty();
        }
        int tickPeriodMs = Math.max(1, simulation.get().outcome().tickPeriodMs());
        List<String> live = mission.get().shares().stream().map(NodeShare::nodeId).sorted(NodeIds.ORDER).toList();
        Map<String, List<PredictedPoint>> predicted = simulation.get().outcome().paths();
        List<String> simulated = new ArrayList<>(predicted.keySet());
        simulated.sort(NodeIds.ORDER);
        Map<String, List<PredictedPoint>> byLive = new TreeMap<>();
        Map<String, String> plannedAs = new TreeMap<>();
        for (int i = 0; i < live.size(); i++) {
            String node = live.get(i);
            String as = predicted.containsKey(node) ? node : i < simulated.size() ? simulated.get(i) : null;
            if (as != null) {
                byLive.put(node, predicted.get(as));
                plannedAs.put(node, as);
            }
        }
        LOG.infof("plan against reality: following mission %s against simulation %s (%d nodes)", missionId,
                status.simulationId(), byLive.size());
        return Optional.of(new PlanDeparture(byLive, plannedAs, THRESHOLD_M, Math.max(1, SUSTAIN_MS / tickPeriodMs)));
    }

    /** Whether the mission's plan has been looked up and is followed (an approved simulation with paths). */
    public boolean following(String missionId) {
        Optional<PlanDeparture> plan = plans.get(missionId);
        return plan != null && plan.isPresent();
    }

    /** Forgets a mission's plan (e.g. after it was simulated and approved again). */
    public void forget(String missionId) {
        plans.remove(missionId);
        lookedUp.remove(missionId);
    }

    @PreDestroy
    void stop() {
        loader.shutdownNow();
    }
}
