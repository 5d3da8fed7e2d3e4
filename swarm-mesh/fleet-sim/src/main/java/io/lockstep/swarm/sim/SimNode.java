package io.lockstep.swarm.sim;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.safety.SupervisorDecision;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.AgentSnapshot;
import io.lockstep.runtime.AgentState;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.MissionRuntime;
import io.lockstep.runtime.Parameter;
import io.lockstep.runtime.SensorFrame;
import io.lockstep.runtime.TickInputs;
import io.lockstep.runtime.TickResult;
import io.lockstep.swarm.allocation.Member;
import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.cells.CellsEvent;
import io.lockstep.swarm.peer.SwarmPeer;
import java.util.List;

/**
 * One simulated node: its vehicle, its deterministic runtime running a real agent on the vehicle's
 * sensor frames, and its {@link SwarmPeer}. A crash loses the runtime and all coordination state; a
 * restart comes back with a new incarnation and an empty completed set that catch-up refills.
 */
final class SimNode {

    /** The agent every simulated node runs: the smallest real one, cheap enough for hundreds of runs. */
    static final String AGENT = "hello";

    final int index;
    final String id;
    final int capability;
    final SimulatedVehicle vehicle;
    private final CellPlan plan;
    private final long settleWindow;
    private final ExecutionMode mode;
    private final int maxTicks;
    private final boolean runAgent;
    private static byte[] agentBytes;
    /** The mission's agents instead of hello (null: hello), and what they report across the run. */
    private final MissionAgents missionAgents;
    private final int nodes;
    final SafetySupervisor supervisor;
    final java.util.Map<String, Long> fuelByAgent = new java.util.TreeMap<>();
    final java.util.List<String> faults = new java.util.ArrayList<>();
    final java.util.List<java.nio.file.Path> journals = new java.util.ArrayList<>();
    private final java.util.Set<String> ended = new java.util.HashSet<>();
    private final java.util.Set<String> faulted = new java.util.HashSet<>();
    private boolean agentsFinished;
    private long lastTick;

    SwarmPeer peer;
    MissionRuntime runtime;
    long incarnation;
    boolean up;
    boolean deadForGood;
    long workFrom;
    String fingerprint = "";
    long runtimeTicks;
    int cellsCompleted;
    int crashes;
    final boolean[] sees;
    final long[] lastConnected;

    SimNode(int index, int nodes, int capability, SimulatedVehicle vehicle, CellPlan plan, long settleWindow,
            ExecutionMode mode, int maxTicks, boolean runAgent) {
        this(index, nodes, capability, vehicle, plan, settleWindow, mode, maxTicks, runAgent, null, null);
    }

    SimNode(int index, int nodes, int capability, SimulatedVehicle vehicle, CellPlan plan, long settleWindow,
            ExecutionMode mode, int maxTicks, boolean runAgent, MissionAgents missionAgents, Vec2 base) {
        this.missionAgents = missionAgents;
        this.nodes = nodes;
        this.supervisor = missionAgents == null ? null : new SafetySupervisor(vehicle, SafetyConfig.defaults(), base);
        this.index = index;
        this.id = "node-" + (index + 1);
        this.capability = capability;
        this.vehicle = vehicle;
        this.plan = plan;
        this.settleWindow = settleWindow;
        this.mode = mode;
        this.maxTicks = maxTicks;
        this.runAgent = runAgent;
        this.sees = new boolean[nodes];
        this.lastConnected = new long[nodes];
    }

    private static synchronized byte[] agent() {
        if (agentBytes == null) {
            agentBytes = ExampleAgents.bytes(AGENT);
        }
        return agentBytes;
    }

    void start(long tick, long catchUpTicks) {
        incarnation++;
        up = true;
        peer = new SwarmPeer(new Member(id, capability), incarnation, plan, settleWindow);
        workFrom = tick + catchUpTicks;
        java.util.Arrays.fill(sees, false);
        java.util.Arrays.fill(lastConnected, Long.MIN_VALUE / 2);
        agentsFinished = false;
        finishedAtTick = -1;
        lastCellsEvent = null;
        overriddenLastTick = false;
        ended.clear();
        faulted.clear();
        if (missionAgents != null) {
            MissionRuntime.Builder builder = MissionRuntime.builder().missionId(plan.missionId()).nodeId(id)
                    .share(index, nodes).limits(missionAgents.limits()).executionMode(mode)
                    .inference(missionAgents.inference().get()).assignedArea(assignedArea);
            missionAgents.agents().forEach(builder::agent);
            if (missionAgents.journalDir().isPresent()) {
                java.nio.file.Path journal = missionAgents.journalDir().get().resolve(id + "-" + incarnation + ".journal");
                try {
                    java.nio.file.Files.createDirectories(journal.getParent());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot create " + journal.getParent(), e);
                }
                builder.journal(journal);
                journals.add(journal);
            }
            runtime = builder.build();
        } else if (runAgent) {
            runtime = MissionRuntime.builder().missionId(plan.missionId()).nodeId(id)
                    .agent(new AgentDefinition(AGENT, agent(), List.of(new Parameter("ticks",
                            String.valueOf(maxTicks + 1))), CapabilityGrant.none()))
                    .executionMode(mode).build();
        }
    }

    void crash() {
        up = false;
        peer = null;
        crashes++;
        vehicle.stop();
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    /** Runs the built-in agent on this tick's sensor frame; its fingerprint joins the report. */
    void runAgent(long tick, VehicleReadings readings) {
        lastTick = tick;
        if (runtime == null || agentsFinished) {
            return;
        }
        account(runtime.tick(TickInputs.builder().sensorFrame(readings.toSensorFrame(tick, 0).encode()).build()));
    }

    private void account(TickResult result) {
        fingerprint = result.fingerprint();
        runtimeTicks++;
        if (missionAgents != null) {
            for (AgentSnapshot agent : result.agents()) {
                // a finished agent's snapshot repeats its last tick's fuel: count it once, on the tick it ended
                if (agent.state() == AgentState.RUNNING || ended.add(agent.name())) {
                    fuelByAgent.merge(agent.name(), agent.fuelUsed(), Long::sum);
                }
                if (agent.state() == AgentState.FAULTED && faulted.add(agent.name())) {
                    faults.add(id + "/" + agent.name() + ": " + agent.fault() + " at tick " + result.tick());
                }
            }
            agentsFinished = result.allFinished();
        }
    }

    /** Commands the vehicle directly (the built-in fleet runs, which have no supervisor). */
    void command(Vec2 velocity) {
        vehicle.commandVelocity(velocity);
    }

    /**
     * Mission mode, one node tick as the edge node's MissionRun runs it: the sensor frame (link up, and
     * whether the supervisor intervened on the last tick) and the {@code swarm.cells} event when it changed go
     * into the runtime; the agents' velocity request goes through the safety supervisor to the vehicle. Once
     * every agent has finished the node stops its vehicle, as a node ends its mission. Returns the tick's
     * result, or null when the agents had already finished.
     */
    TickResult missionTick(long tick, VehicleReadings readings, byte[] cellsEvent) {
        lastTick = tick;
        if (runtime == null || agentsFinished) {
            vehicle.stop();
            return null;
        }
        int flags = SensorFrame.FLAG_LINK_UP | (overriddenLastTick ? SensorFrame.FLAG_SUPERVISOR_INTERVENED : 0)
                | (supervisor.isEmergencyStopLatched() ? SensorFrame.FLAG_ESTOP_LATCHED : 0);
        TickInputs.Builder inputs = TickInputs.builder().sensorFrame(readings.toSensorFrame(tick + 1, flags).encode());
        if (cellsEvent != null) {
            inputs.hostEvent(CellsEvent.KIND, cellsEvent);
        }
        TickResult result = runtime.tick(inputs.build());
        account(result);
        Vec2 requested = result.velocityCommand().map(v -> new Vec2(v.vx(), v.vy())).orElse(Vec2.ZERO);
        SupervisorDecision decision = supervisor.apply(result.tick(), requested, readings, tickSeconds);
        overriddenLastTick = decision.overridden();
        obstacleStopAt = decision.interventions().stream()
                .anyMatch(i -> i.kind() == InterventionKind.OBSTACLE_STOP)
                ? readings.position() : null;
        if (agentsFinished) {
            finishedAtTick = tick;
            vehicle.stop();
        }
        return result;
    }

    /** Where the obstacle reflex started stopping the vehicle on the last tick (null: it did not). */
    Vec2 obstacleStopAt;

    /** The supervisor changed the agents' request on the last tick (the next sensor frame's flag). */
    private boolean overriddenLastTick;
    /** Simulated tick on which this node's agents had all finished (-1: not yet). */
    long finishedAtTick = -1;
    /** The last {@code swarm.cells} event handed to the agents (a new one goes in only when it changes). */
    byte[] lastCellsEvent;

    boolean agentsFinished() {
        return agentsFinished;
    }

    /** The whole mission area in local metres (x, y pairs): a cell mission's agents get all of it, as on a node. */
    double[] assignedArea = new double[0];

    /** Tick length the supervisor reasons with. */
    double tickSeconds = 0.02;

    void close() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }
}
