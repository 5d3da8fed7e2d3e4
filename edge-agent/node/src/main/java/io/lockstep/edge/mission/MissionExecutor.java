package io.lockstep.edge.mission;

import io.lockstep.edge.command.CommandHandler;
import io.lockstep.edge.command.CommandRefusedException;
import io.lockstep.platform.safety.EstopSource;
import io.lockstep.proto.v1.AbortMission;
import io.lockstep.proto.v1.AssignMission;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CancelMissionRequest;
import io.lockstep.proto.v1.EmergencyStop;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.runtime.MemoryBudget;
import io.lockstep.edge.tracing.NodeTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs the node's missions, one at a time: applies C2's mission commands (assign, abort,
 * emergency stop), resumes an interrupted mission at start-up, and serves the debug port's view
 * and controls.
 *
 * <p>A new assignment for the mission already running is a no-op (C2 re-sent it); a different
 * mission supersedes the running one, which ends ABORTED. The assignment is persisted before it is
 * acknowledged, so after a crash the node knows what it was doing.
 */
public final class MissionExecutor implements CommandHandler, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MissionExecutor.class);

    private final NodeServices services;
    private final MissionStore store;
    private final MissionLoader loader;
    private final int snapshotEvery;
    private volatile MissionRun current;
    /** The last mission's final view, kept for status after it ended or after a restart. */
    private volatile MissionView lastEnded;
    private final long memoryBudgetBytes;
    private final AssignmentSignatureCheck signatures;
    /** The node's spans (link, mission, sampled ticks); the node sets its configured sampling rate. */
    private volatile NodeTracing tracing;
    /** Stops every peer over the mesh, then latches this node, for a fleet-wide e-stop from C2 (without a mesh: latches). */
    private volatile FleetStop fleetStop = (reason, latch) -> latch.run();

    /**
     * How a fleet-wide e-stop from C2 is carried out: put on the mesh and this node latched, in that order
     * ({@code ZenohPeerMesh.stopPeersThenLatch}, so a peer's relay arriving before the latch is not relayed back).
     */
    @FunctionalInterface
    public interface FleetStop {
        void stopPeersThenLatch(String reason, Runnable latch);
    }

    public void setFleetStop(FleetStop fleetStop) {
        this.fleetStop = java.util.Objects.requireNonNull(fleetStop, "fleetStop");
    }

    public MissionExecutor(NodeServices services, MissionStore store, MissionLoader loader, int snapshotEvery) {
        this(services, store, loader, snapshotEvery, MemoryBudget.nodeDefaultBytes());
    }

    /** @param memoryBudgetBytes the node's agent-memory budget, which every admitted mission fits */
    public MissionExecutor(NodeServices services, MissionStore store, MissionLoader loader, int snapshotEvery,
            long memoryBudgetBytes) {
        this(services, store, loader, snapshotEvery, memoryBudgetBytes, AssignmentSignatureCheck.unpinned());
    }

    /** @param signatures checks C2's signature on every assignment before it is applied */
    public MissionExecutor(NodeServices services, MissionStore store, MissionLoader loader, int snapshotEvery,
            long memoryBudgetBytes, AssignmentSignatureCheck signatures) {
        this.signatures = signatures;
        this.services = services;
        this.store = store;
        this.loader = loader;
        this.snapshotEvery = snapshotEvery;
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.tracing = new NodeTracing(services.tracer(), NodeTracing.DEFAULT_TICK_SAMPLE_EVERY);
    }

    /** The node's tracing (its tick sampling rate from lockstep.node.tracing.tick-sample-every). */
    public void setTracing(NodeTracing tracing) {
        this.tracing = java.util.Objects.requireNonNull(tracing, "tracing");
    }

    @Override
    public void apply(C2ToEdge command) throws CommandRefusedException {
        switch (command.getBodyCase()) {
            case ASSIGN -> assign(verified(command.getAssign()));
            case ABORT -> abort(command.getAbort());
            case EMERGENCY_STOP -> emergencyStop(command.getEmergencyStop());
            case CANCEL_MISSION -> cancel(command.getCancelMission());
            default -> throw new CommandRefusedException("unsupported command " + command.getBodyCase());
        }
    }

    /** The assignment C2 signed, or a REJECTED status and a refusal saying why it is not trusted. */
    private MissionAssignment verified(AssignMission assign) throws CommandRefusedException {
        try {
            return signatures.verify(assign);
        } catch (InvalidAssignmentException e) {
            LOG.warnf("assignment of mission %s rejected: %s", assign.getAssignment().getMission().getId(), e.getMessage());
            rejectWithStatus(assign.getAssignment(), e.getMessage());
            throw new CommandRefusedException("assignment rejected: " + e.getMessage());
        }
    }

    /** Starts (or, for the mission already running, keeps) an assigned mission. */
    public synchronized void assign(MissionAssignment assignment) throws CommandRefusedException {
        Span received = tracing.assignmentReceived(assignment, services.nodeId());
        try {
            assign(assignment, received);
        } catch (CommandRefusedException | RuntimeException e) {
            received.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            received.end();
        }
    }

    private void assign(MissionAssignment assignment, Span received) throws CommandRefusedException {
        receipt(assignment, received);
        MissionPlan plan;
        try {
            plan = MissionPlan.of(assignment, services.nodeId(), defaultTickPeriod(), snapshotEvery,
                    memoryBudgetBytes);
        } catch (InvalidAssignmentException e) {
            rejectWithStatus(assignment, e.getMessage());
            throw new CommandRefusedException("assignment rejected: " + e.getMessage());
        }
        if (current != null && current.alive()) {
            if (current.missionId().equals(plan.missionId())) {
                LOG.infof("mission %s is already running; assignment ignored", plan.missionId());
                return;
            }
            MissionRun superseded = current;
            superseded.abort("superseded by mission " + plan.missionId());
            superseded.join();
        }
        store.saveAssignment(assignment);
        services.ticks().clear();
        start(plan, false, Context.root().with(received));
    }

    /**
     * The machine receipt (RECEIVED) of a new assignment, reported before anything is checked or fetched.
     * Not for the mission already running (C2 re-sent it): C2 would read an earlier stage as a restart.
     */
    private void receipt(MissionAssignment assignment, Span received) {
        String id = assignment.getMission().getId();
        if (current != null && current.alive() && current.missionId().equals(id)) {
            return;
        }
        MissionView view = new MissionView(id, NodeMissionState.RECEIVED, "assignment received", -1, "", "",
                List.of(), 0, false, "CONTINUE", 0, 0);
        io.lockstep.proto.v1.StatusUpdate update = StatusMessages.of(view, services.supervisor().counts());
        tracing.statusSent(received, update, () -> services.reporter().status(update));
    }

    /**
     * C2's cancel request: the running mission stops (ABORTED) unless {@link CancelRule} refuses, in which
     * case the refusal's reason goes back to C2 in the command's ack.
     */
    private synchronized void cancel(CancelMissionRequest request) throws CommandRefusedException {
        String id = request.getMissionId();
        MissionRun run = current;
        if (run == null || !run.missionId().equals(id)) {
            if (lastEnded != null && lastEnded.missionId().equals(id)) {
                throw new CommandRefusedException("mission " + id + " already ended as " + lastEnded.state()
                        + " on this node");
            }
            throw new CommandRefusedException("mission " + id + " is not running on this node");
        }
        Optional<String> refusal = CancelRule.refusal(run.view());
        if (refusal.isPresent()) {
            throw new CommandRefusedException(refusal.get());
        }
        run.abort(request.getReason().isEmpty() ? "cancelled by C2" : "cancelled by C2: " + request.getReason());
        run.join();
    }

    private int defaultTickPeriod() {
        return services.defaultTickPeriodMs();
    }

    private void rejectWithStatus(MissionAssignment assignment, String why) {
        String id = assignment.getMission().getId();
        MissionView rejected = new MissionView(id, NodeMissionState.REJECTED, why, -1, "", "", List.of(), 0, false,
                "CONTINUE", 0, 0);
        services.reporter().status(StatusMessages.of(rejected, services.supervisor().counts()));
    }

    /** @param parent the assignment's receive span, or (resuming after a restart) the commander's context */
    private void start(MissionPlan plan, boolean resume, Context parent) {
        Span span = tracing.mission(parent, plan.assignment(), services.nodeId(), resume);
        MissionRun run = new MissionRun(plan, services, loader, store, span, resume, this::ended);
        run.trace(tracing);
        current = run;
        run.start();
    }

    /** Called on the mission's own thread as it ends; not synchronized, as abort() joins that thread. */
    private void ended(MissionRun run) {
        if (current == run) {
            lastEnded = run.view();
        }
        // The runtime, and with it the journal, is closed by now; a shutdown mid-mission is no ending.
        if (MissionStates.isTerminal(run.view().state())) {
            onFinished.accept(run.view().missionId());
        }
    }

    private volatile java.util.function.Consumer<String> onFinished = missionId -> { };

    /** Called with the mission id when a mission reaches a terminal state and its journal is closed. */
    public void onMissionFinished(java.util.function.Consumer<String> listener) {
        this.onFinished = java.util.Objects.requireNonNull(listener, "listener");
    }

    private synchronized void abort(AbortMission abort) throws CommandRefusedException {
        if (current == null || !current.missionId().equals(abort.getMissionId())) {
            if (lastEnded != null && lastEnded.missionId().equals(abort.getMissionId())) {
                return; // already over: nothing to abort, and not an error for C2
            }
            throw new CommandRefusedException("mission " + abort.getMissionId() + " is not running on this node");
        }
        current.abort(abort.getReason().isEmpty() ? "aborted by C2" : "aborted by C2: " + abort.getReason());
        current.join();
    }

    private void emergencyStop(EmergencyStop stop) throws CommandRefusedException {
        if (stop.getEngaged()) {
            Runnable latch = () -> services.supervisor().engageEmergencyStop(EstopSource.C2, stop.getReason());
            if (stop.getFleetWide()) {
                fleetStop.stopPeersThenLatch(stop.getReason(), latch); // peers first: they do not wait for our fsync
            } else {
                latch.run();
            }
        } else if (!services.estopClear().test(EstopSource.C2)) {
            throw new CommandRefusedException("C2 may not clear this e-stop");
        }
    }

    /** Resumes the mission that was running when the node stopped (crash or shutdown), if any. */
    public synchronized void recover() {
        Optional<MissionAssignment> stored = store.assignment();
        if (stored.isEmpty()) {
            return;
        }
        MissionAssignment assignment = stored.get();
        Optional<MissionStore.Outcome> outcome = store.outcome();
        if (outcome.isPresent()) {
            lastEnded = new MissionView(assignment.getMission().getId(), outcome.get().state(), outcome.get().detail(),
                    -1, "", store.journalPath(assignment.getMission().getId()).toString(), List.of(), 0, false,
                    "CONTINUE", 0, 0);
            return;
        }
        MissionPlan plan;
        try {
            plan = MissionPlan.of(assignment, services.nodeId(), defaultTickPeriod(), snapshotEvery,
                    memoryBudgetBytes);
        } catch (InvalidAssignmentException e) {
            LOG.errorf("stored assignment can no longer be run: %s", e.getMessage());
            store.saveOutcome(NodeMissionState.FAILED, e.getMessage());
            return;
        }
        boolean hasJournal = Files.exists(store.journalPath(plan.missionId()));
        LOG.infof("recovering mission %s (%s)", plan.missionId(), hasJournal ? "from its journal" : "reloading");
        start(plan, hasJournal, NodeTracing.commanderContext(assignment));
    }

    /** The current mission's view, or the last one's after it ended; empty when none ever ran. */
    public Optional<MissionView> view() {
        MissionRun current = this.current;
        if (current != null) {
            return Optional.of(current.view());
        }
        return Optional.ofNullable(lastEnded);
    }

    public Optional<MissionRun> running() {
        MissionRun current = this.current;
        return current != null && current.alive() ? Optional.of(current) : Optional.empty();
    }

    /** Debug port: feed an operator test input into the next tick (journaled as a command). */
    public void inject(String kind, byte[] data) {
        services.hostInputs().command(kind, data);
    }

    @Override
    public void close() {
        MissionRun run = current;
        if (run != null && run.alive()) {
            run.shutdown();
        }
    }
}
