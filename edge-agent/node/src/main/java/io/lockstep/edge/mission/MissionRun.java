package io.lockstep.edge.mission;

import io.lockstep.edge.swarm.SwarmCoordinator;
import io.lockstep.platform.geometry.Polygon;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.DeadmanWatchdog;
import io.lockstep.platform.safety.SupervisorDecision;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.Telemetry;
import io.lockstep.runtime.AbortSignal;
import io.lockstep.runtime.AgentSnapshot;
import io.lockstep.runtime.AgentState;
import io.lockstep.runtime.InferenceService;
import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.MissionAbortedException;
import io.lockstep.runtime.LogEntry;
import io.lockstep.runtime.MissionRuntime;
import io.lockstep.runtime.PeerMessage;
import io.lockstep.runtime.SensorFrame;
import io.lockstep.runtime.TickInputs;
import io.lockstep.runtime.TickResult;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One mission on this node, on its own thread: load it (or resume it from its journal), then tick
 * it at its fixed period until every agent has finished, one faults the mission, or it is aborted.
 *
 * <p>Each tick: read the vehicle's sensors into a sensor frame, feed it with the host events raised
 * since the last tick into the runtime (which journals them), pass the agents' velocity request
 * through the safety supervisor to the vehicle, advance the vehicle by one period, kick the
 * dead-man's switch and report what changed. While the link-loss policy (HOLD, RETURN_TO_BASE) or a
 * debug pause is in effect the agents are not ticked; the vehicle holds or returns under the
 * supervisor, and the loop still kicks the dead-man's switch.
 */
public final class MissionRun {

    private static final Logger LOG = Logger.getLogger(MissionRun.class);
    /** Agents' own log lines go to this category, at the agent's level. */
    private static final Logger AGENT_LOG = Logger.getLogger("io.lockstep.agent");
    private static final Logger.Level[] AGENT_LEVELS = {Logger.Level.DEBUG, Logger.Level.INFO, Logger.Level.WARN,
        Logger.Level.ERROR};
    /** Progress-only status updates at most this often; state changes are reported at once. */
    private static final long PROGRESS_REPORT_MILLIS = 5_000;

    private final MissionPlan plan;
    private final NodeServices services;
    private final MissionLoader loader;
    private final MissionStore store;
    private final Span span;
    private final Consumer<MissionRun> onEnd;
    private final boolean resume;
    private final Thread thread;
    private final Polygon fence;

    private volatile NodeMissionState state;
    private volatile String detail = "";
    private volatile long tick = -1;
    private volatile String fingerprint = "";
    private volatile List<AgentSnapshot> agents = List.of();
    private volatile long inferenceCalls;
    private volatile long overruns;
    private volatile boolean paused;
    /** Set by the loop once it actually holds for a pause, so "paused" in the view means no tick runs. */
    private volatile boolean holdingForPause;
    private volatile LinkLossPolicy policyInEffect = LinkLossPolicy.CONTINUE;
    /** Whether the supervisor's return to base was started by this mission's link-loss policy. */
    private boolean returnStartedByPolicy;
    private final AtomicInteger stepsRequested = new AtomicInteger();

    private volatile boolean stopRequested;
    private volatile NodeMissionState stopState;
    private volatile String stopDetail = "";
    /** Fired by a stop: ends the runtime's init or tick in progress (it interrupts only the agent thread). */
    private final AbortSignal abortSignal = new AbortSignal();

    /** The node's share of a cell mission; created when the loop starts (its clock starts then). */
    private volatile SwarmCoordinator swarm;
    private volatile io.lockstep.edge.swarm.RightOfWayCoordinator rightOfWay;
    private boolean overriddenLastTick;
    private final AgentLogForwarder logForwarder = new AgentLogForwarder();
    private final ManualOverride manual;
    private volatile SensorFrame lastFrame;
    private long lastProgressReport;
    private int lastReportedProgress = -1;
    private volatile io.lockstep.edge.tracing.NodeTracing tracing;

    MissionRun(MissionPlan plan, NodeServices services, MissionLoader loader, MissionStore store, Span span,
            boolean resume, Consumer<MissionRun> onEnd) {
        this.plan = plan;
        this.services = services;
        this.loader = loader;
        this.store = store;
        this.span = span;
        this.resume = resume;
        this.onEnd = onEnd;
        this.state = NodeMissionState.ACCEPTED;
        this.fence = toPolygon(plan.geofence());
        this.manual = new ManualOverride(services.clockMillis());
        this.thread = new Thread(this::run, "mission-" + plan.missionId());
        this.thread.setDaemon(true);
        this.tracing = new io.lockstep.edge.tracing.NodeTracing(services.tracer(), 0);
    }

    private static Polygon toPolygon(double[] pairs) {
        List<Vec2> vertices = new ArrayList<>(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) {
            vertices.add(new Vec2(pairs[i], pairs[i + 1]));
        }
        return new Polygon(vertices);
    }

    void start() {
        thread.start();
    }

    /** Node spans around the core: sampled ticks, inference, status sent (set before {@link #start()}). */
    void trace(io.lockstep.edge.tracing.NodeTracing tracing) {
        this.tracing = java.util.Objects.requireNonNull(tracing, "tracing");
    }

    public String missionId() {
        return plan.missionId();
    }

    public MissionPlan plan() {
        return plan;
    }

    public MissionView view() {
        return new MissionView(plan.missionId(), state, detail, tick, fingerprint,
                store.journalPath(plan.missionId()).toString(), agents, inferenceCalls, holdingForPause,
                policyInEffect.name(), overruns, plan.tickPeriodMs(),
                Optional.ofNullable(swarm).map(SwarmCoordinator::view));
    }

    /** Ends the mission as ABORTED (from C2 or a commander). */
    public void abort(String reason) {
        requestStop(NodeMissionState.ABORTED, reason);
    }

    /** Stops the thread without ending the mission: it is resumed from its journal at the next start. */
    public void shutdown() {
        requestStop(null, "node shutting down");
        join();
    }

    private void requestStop(NodeMissionState terminal, String why) {
        stopState = terminal;
        stopDetail = why;
        // No interrupt of this thread: it would close the journal's and the outbox's file channels under
        // it (NIO's ClosedByInterruptException). The loop notices within one tick period; a tick in progress
        // is ended by aborting the runtime, which interrupts only the agent thread.
        stopRequested = true;
        abortSignal.abort();
    }

    public void join() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean alive() {
        return thread.isAlive();
    }

    /** Debug port: stop ticking the agents (the vehicle holds) until {@link #unpause}. */
    public void pause() {
        paused = true;
    }

    public void unpause() {
        paused = false;
    }

    /** Debug port: while paused, run exactly one more tick. */
    public void step() {
        stepsRequested.incrementAndGet();
    }

    /**
     * Debug port: drive at {@code (vx, vy)} instead of the agents for {@code durationMs}, then hand back to
     * them. Journaled as a {@code manual_override} host event at the next tick (and {@code manual_override_end}
     * when it ends); the safety supervisor still applies.
     *
     * @throws IllegalArgumentException for a non-finite velocity or a duration out of range
     */
    public ManualOverride.Active override(double vx, double vy, long durationMs) {
        ManualOverride.Active active = manual.set(vx, vy, durationMs);
        services.hostInputs().hostEvent("manual_override", String.format(java.util.Locale.ROOT,
                "vx=%s vy=%s duration_ms=%d", vx, vy, durationMs).getBytes(StandardCharsets.UTF_8));
        LOG.infof("mission %s: manual override vx=%s vy=%s for %d ms", plan.missionId(), vx, vy, durationMs);
        return active;
    }

    /** Debug port: end a manual override now; whether one was in effect. */
    public boolean cancelOverride() {
        boolean was = manual.cancel();
        if (was) {
            services.hostInputs().hostEvent("manual_override_end", "cancelled".getBytes(StandardCharsets.UTF_8));
        }
        return was;
    }

    /** The manual override in effect, if any. */
    public Optional<ManualOverride.Active> manualOverride() {
        return manual.current();
    }

    /** The sensor frame the agents saw at the last tick, if one ran. */
    public Optional<SensorFrame> lastFrame() {
        return Optional.ofNullable(lastFrame);
    }

    /** A manual velocity when one is in effect; journals its end when it has just timed out. */
    private Optional<Vec2> manualVelocity() {
        if (manual.expireIfDue()) {
            services.hostInputs().hostEvent("manual_override_end", "timeout".getBytes(StandardCharsets.UTF_8));
            LOG.infof("mission %s: manual override timed out; the agents drive again", plan.missionId());
        }
        return manual.current().map(a -> new Vec2(a.vx(), a.vy()));
    }

    /** An agent's log lines: into the node log at their level, the debug ring and (bounded) towards C2. */
    private void publishLogs(TickResult result) {
        for (LogEntry entry : result.logs()) {
            AgentLogRing.Line line = services.agentLogs().add(plan.missionId(), result.tick(), entry);
            logForwarder.add(line);
            Logger.Level level = entry.level() >= 0 && entry.level() < AGENT_LEVELS.length
                    ? AGENT_LEVELS[entry.level()] : Logger.Level.INFO;
            AGENT_LOG.logf(level, "mission %s agent %s tick %d: %s", plan.missionId(), line.agent(), line.tick(),
                    line.message());
        }
    }

    private void run() {
        MissionRuntime runtime = null;
        InferenceService inference = null;
        DeadmanWatchdog watchdog = null;
        try (Scope ignored = span.makeCurrent()) {
            MissionLoader.Loaded loaded;
            if (resume) {
                transition(NodeMissionState.LOADING, "resuming from journal");
                loaded = loader.resume(plan);
            } else {
                transition(NodeMissionState.ACCEPTED, "fetching modules");
                loaded = loader.load(plan, this::stopRequested,
                        () -> transition(NodeMissionState.LOADING, "verifying and instantiating modules"),
                        abortSignal);
            }
            runtime = loaded.runtime();
            abortSignal.onAbort(runtime::abort); // resumed runtimes are attached here (at once if stopped)
            inference = loaded.inference();
            tick = loaded.lastTick();
            // After a resume from a snapshot there is no init result, but the fingerprint is known.
            fingerprint = runtime.lastFingerprint();
            runtime.initResult().ifPresent(init -> {
                agents = init.agents();
                publishLogs(init);
            });
            if (stopRequested) {
                return;
            }
            if (!agents.isEmpty() && agents.stream().allMatch(a -> a.state() != AgentState.RUNNING)) {
                finishAfterLastAgent(agents);
                return;
            }
            transition(NodeMissionState.RUNNING, resume ? "resumed from journal after tick " + tick : "");
            services.hostInputs().drain();
            services.mesh().join(plan.missionId());
            if (plan.cells().isPresent()) {
                swarm = new SwarmCoordinator(plan.missionId(), plan.cells().get(), services.nodeId(), services.swarm(), services.swarmSettleMillis(), services.clockMillis());
                swarm.start();
            }
            rightOfWay = io.lockstep.edge.swarm.RightOfWaySetup.forMission(plan, services);
            services.supervisor().setGeofence(fence);
            watchdog = new DeadmanWatchdog(services.supervisor(), Duration.ofMillis(plan.tickPeriodMs()),
                    services.deadmanMissedPeriods()).start();
            loop(runtime, watchdog);
        } catch (MissionLoader.LoadFailure e) {
            if (!(stopRequested && stopState == null)) {
                finish(e.state(), e.getMessage());
            } // else a shutdown interrupted the load: the mission stays open and is loaded again at the next start
        } catch (MissionAbortedException e) {
            // A stop ended the tick in progress; the finally block finishes the mission as requested. The
            // journal is valid up to the last complete tick (resume re-runs the interrupted one).
            LOG.infof("mission %s: %s", plan.missionId(), e.getMessage());
        } catch (JournalException e) {
            LOG.errorf(e, "mission %s: journal failure", plan.missionId());
            finish(NodeMissionState.FAILED, "journal failure: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "mission %s failed", plan.missionId());
            finish(NodeMissionState.FAILED, "node error: " + e);
        } finally {
            if (watchdog != null) {
                watchdog.disarm();
                watchdog.close();
            }
            if (stopRequested && stopState != null && !MissionStates.isTerminal(state)) {
                finish(stopState, stopDetail);
            } else if (!MissionStates.isTerminal(state)) {
                // Shutdown: nobody ticks any more, so the vehicle must not keep its last setpoint.
                services.vehicle().stop();
            }
            // A return begun for this mission must not override the agents of the next one.
            endPolicyReturn();
            services.mesh().leave(plan.missionId());
            if (swarm != null) {
                swarm.stop();
            }
            if (rightOfWay != null) {
                rightOfWay.stop();
            }
            closeQuietly(runtime);
            if (inference instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
            span.end();
            onEnd.accept(this);
        }
    }

    private boolean stopRequested() {
        return stopRequested;
    }

    private void loop(MissionRuntime runtime, DeadmanWatchdog watchdog) {
        FixedRatePacer pacer = new FixedRatePacer(plan.tickPeriodMs() * 1_000_000L, System::nanoTime);
        double dt = plan.tickPeriodMs() / 1000.0;
        long telemetryEvery = Math.max(1, Math.round(1000.0 / (services.telemetryHz() * plan.tickPeriodMs())));
        LinkLossMonitor linkLoss = new LinkLossMonitor(plan.linkLossPolicy(), plan.linkLossTimeoutMs(),
                services.clockMillis());
        while (pacer.awaitNextSlot(this::stopRequested)) {
            overruns = pacer.overruns();
            boolean linkUp = services.reporter().linkUp();
            LinkLossPolicy policy = linkLoss.evaluate(linkUp);
            if (policy != policyInEffect) {
                onPolicyChange(policy);
            }
            if (policy != LinkLossPolicy.CONTINUE) {
                holdOrReturn(dt, watchdog);
                continue;
            }
            if (paused && stepsRequested.get() == 0) {
                holdingForPause = true;
                holdOrReturn(dt, watchdog);
                continue;
            }
            holdingForPause = false;
            if (paused) {
                stepsRequested.decrementAndGet();
            }
            long started = System.nanoTime();
            tickOnce(runtime, watchdog, dt, linkUp, telemetryEvery);
            services.ticks().observer().ticked(plan.missionId(), System.nanoTime() - started, agents);
            if (plan.maxTicks() > 0 && tick >= plan.maxTicks() && !MissionStates.isTerminal(state)) {
                finish(NodeMissionState.COMPLETED, "reached max_ticks " + plan.maxTicks());
            }
            if (plan.deadlineUnixMs() > 0 && services.clockMillis().getAsLong() > plan.deadlineUnixMs()
                    && !MissionStates.isTerminal(state)) {
                finish(NodeMissionState.FAILED, "deadline passed before every agent finished");
            }
            if (MissionStates.isTerminal(state)) {
                return;
            }
        }
    }

    private void onPolicyChange(LinkLossPolicy policy) {
        policyInEffect = policy;
        services.hostInputs().hostEvent("link_loss_policy", policy.name().getBytes(StandardCharsets.UTF_8));
        String why = "link to C2 down for over " + plan.linkLossTimeoutMs() + " ms";
        if (policy == LinkLossPolicy.CONTINUE) {
            endPolicyReturn();
            transition(NodeMissionState.RUNNING, "link to C2 restored");
        } else {
            if (policy == LinkLossPolicy.RETURN_TO_BASE) {
                // The supervisor's own return (geofence lifted, obstacle reflex on); one already under way,
                // e.g. for a low battery, is left alone and not cancelled when the link is back.
                returnStartedByPolicy = services.supervisor().beginReturnToBase(why);
            }
            transition(NodeMissionState.HOLDING, why + ": " + policy.name());
        }
    }

    /** Hands control back to the agents if this mission's link-loss policy sent the vehicle home. */
    private void endPolicyReturn() {
        if (returnStartedByPolicy) {
            returnStartedByPolicy = false;
            services.supervisor().cancelReturnToBase();
        }
    }

    /** No agent tick: ask for standstill; while returning to base the supervisor steers home instead. */
    private void holdOrReturn(double dt, DeadmanWatchdog watchdog) {
        VehicleReadings readings = services.vehicle().readSensors();
        SupervisorDecision decision = services.supervisor().apply(Math.max(0, tick),
                manualVelocity().orElse(Vec2.ZERO), readings, dt);
        overriddenLastTick |= decision.overridden();
        services.vehicle().advance(dt);
        watchdog.kick(Math.max(0, tick));
    }

    private void tickOnce(MissionRuntime runtime, DeadmanWatchdog watchdog, double dt, boolean linkUp,
            long telemetryEvery) {
        VehicleReadings readings = services.vehicle().readSensors();
        int flags = (services.supervisor().isEmergencyStopLatched() ? SensorFrame.FLAG_ESTOP_LATCHED : 0)
                | (linkUp ? SensorFrame.FLAG_LINK_UP : 0)
                | (overriddenLastTick ? SensorFrame.FLAG_SUPERVISOR_INTERVENED : 0);
        SensorFrame frame = new SensorFrame(tick + 1, readings.position().x(), readings.position().y(),
                readings.velocity().x(), readings.velocity().y(), readings.batteryFraction(), flags,
                readings.ranges());
        TickInputs.Builder inputs = TickInputs.builder().sensorFrame(frame.encode());
        int commands = 0;
        int hostEvents = 0;
        for (HostInputs.Pending p : services.hostInputs().drain()) {
            if (p.command()) {
                inputs.command(p.kind(), p.data());
                commands++;
            } else {
                inputs.hostEvent(p.kind(), p.data());
                hostEvents++;
            }
        }
        services.mesh().beforeTick(plan.missionId(), plan.tickPeriodMs(), inputs::hostEvent);
        List<PeerMessage> fromPeers = services.mesh().drain(plan.missionId());
        fromPeers.forEach(inputs::peerMessage);
        lastFrame = frame;
        SwarmCoordinator cells = swarm;
        if (cells != null) {
            cells.beforeTick(inputs);
        }
        if (rightOfWay != null) {
            rightOfWay.beforeTick(inputs, readings, tick + 1);
        }
        Span tickSpan = tracing.beginTick(span, tick + 1);
        TickResult result;
        try {
            result = runtime.tick(inputs.build());
        } finally {
            tracing.endTick(tickSpan);
        }
        publishLogs(result);
        boolean swarmChanged = cells != null && cells.afterTick(result.emitted());
        if (!result.emitted().isEmpty()) {
            services.mesh().publish(plan.missionId(), result.emitted());
        }
        Vec2 requested = manualVelocity().orElseGet(() ->
                result.velocityCommand().map(v -> new Vec2(v.vx(), v.vy())).orElse(Vec2.ZERO));
        SupervisorDecision decision = services.supervisor().apply(result.tick(), requested, readings, dt);
        overriddenLastTick = decision.overridden();
        services.vehicle().advance(dt);
        watchdog.kick(result.tick());

        // The ring first: whoever sees the new tick number can also find its record.
        services.ticks().add(new TickRecord(result.tick(), frame.xM(), frame.yM(), frame.batteryFraction(), flags,
                fromPeers.size(), commands, hostEvents, requested.x(), requested.y(), decision.velocity().x(),
                decision.velocity().y(), decision.overridden(), result.emitted().size(), result.inferenceCalls(),
                result.fingerprint()));
        fingerprint = result.fingerprint();
        inferenceCalls += result.inferenceCalls();
        List<AgentSnapshot> previous = agents;
        agents = result.agents();
        tick = result.tick();
        if (result.tick() % telemetryEvery == 0) {
            sendTelemetry(result.tick(), readings);
        }
        // The last samples of a mission carry the log lines still waiting (at most MAX_PENDING of them).
        while (result.allFinished() && !logForwarder.isEmpty()) {
            sendTelemetry(result.tick(), readings);
        }
        if (result.allFinished()) {
            finishAfterLastAgent(result.agents());
        } else if (swarmChanged || agentStatesChanged(previous, agents)) {
            report();
        } else {
            reportProgressNowAndThen();
        }
    }

    private void sendTelemetry(long tickNumber, VehicleReadings readings) {
        AgentLogForwarder.Batch logs = logForwarder.next();
        services.reporter().telemetry(Telemetry.newBuilder().setMissionId(plan.missionId())
                .setTick(tickNumber).setXM(readings.position().x()).setYM(readings.position().y())
                .setVxMps(readings.velocity().x()).setVyMps(readings.velocity().y())
                .setBatteryFraction(readings.batteryFraction()).addAllLogs(logs.lines())
                .setLogsDropped(logs.dropped()).build());
    }

    private void finishAfterLastAgent(List<AgentSnapshot> last) {
        List<String> faults = last.stream().filter(a -> a.state() == AgentState.FAULTED)
                .map(a -> a.name() + ": " + a.fault()).toList();
        if (faults.isEmpty()) {
            finish(NodeMissionState.COMPLETED, "every agent finished");
        } else {
            finish(NodeMissionState.FAILED, "agent fault: " + String.join("; ", faults));
        }
    }

    private static boolean agentStatesChanged(List<AgentSnapshot> before, List<AgentSnapshot> after) {
        if (before.size() != after.size()) {
            return true;
        }
        for (int i = 0; i < before.size(); i++) {
            AgentSnapshot a = before.get(i);
            AgentSnapshot b = after.get(i);
            if (a.state() != b.state() || !Objects.equals(a.fault(), b.fault())) {
                return true;
            }
        }
        return false;
    }

    private void reportProgressNowAndThen() {
        long now = services.clockMillis().getAsLong();
        if (now - lastProgressReport < PROGRESS_REPORT_MILLIS) {
            return;
        }
        int progress = agents.stream().mapToInt(AgentSnapshot::progressPermille).sum();
        if (progress != lastReportedProgress) {
            lastReportedProgress = progress;
            report();
        }
    }

    private void transition(NodeMissionState next, String why) {
        state = next;
        detail = why;
        span.addEvent("state " + next.name(), Attributes.builder().put("detail", why).put("tick", tick).build());
        LOG.infof("mission %s: %s%s", plan.missionId(), next, why.isEmpty() ? "" : " (" + why + ")");
        report();
    }

    private void finish(NodeMissionState terminal, String why) {
        if (MissionStates.isTerminal(state)) {
            return;
        }
        store.saveOutcome(terminal, why);
        // Stop first, report second: whoever sees the terminal state may rely on the vehicle being stopped.
        services.vehicle().stop();
        services.supervisor().setGeofence(null);
        if (terminal != NodeMissionState.COMPLETED) {
            span.setStatus(StatusCode.ERROR, terminal.name() + ": " + why);
        }
        transition(terminal, why);
    }

    private void report() {
        lastProgressReport = services.clockMillis().getAsLong();
        try {
            io.lockstep.proto.v1.StatusUpdate update = StatusMessages.of(view(), services.supervisor().counts());
            tracing.statusSent(span, update, () -> services.reporter().status(update));
        } catch (RuntimeException e) {
            // The mission goes on: the vehicle's safety does not depend on reaching C2.
            LOG.errorf(e, "mission %s: could not queue a status update", plan.missionId());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warnf("closing %s failed: %s", c.getClass().getSimpleName(), e.toString());
        }
    }
}
