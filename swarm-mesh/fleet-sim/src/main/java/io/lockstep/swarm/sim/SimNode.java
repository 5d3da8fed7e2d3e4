package io.lockstep.swarm.sim;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.AgentSnapshot;
import io.lockstep.runtime.AgentState;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.MissionRuntime;
import io.lockstep.runtime.Parameter;
import io.lockstep.runtime.TickInputs;
import io.lockstep.runtime.TickResult;
import io.lockstep.swarm.allocation.Member;
import io.lockstep.swarm.cells.CellPlan;
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

    /** Runs the agent on this tick's sensor frame; its fingerprint joins the report. */
    void runAgent(long tick, VehicleReadings readings) {
        lastTick = tick;
        if (runtime == null || agentsFinished) {
            return;
        }
        TickResult result = runtime.tick(TickInputs.builder().sensorFrame(readings.toSensorFrame(tick, 0).encode())
                .build());
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

    /** Commands the vehicle, through the safety supervisor when the node runs a mission's agents. */
    void command(Vec2 velocity) {
        if (supervisor != null) {
            // The supervisor stops a vehicle heading into an obstacle, and the cell worker flies straight: a
            // stopped vehicle detours at right angles for DETOUR_SECONDS (left, then right the next time, so
            // it cannot oscillate in one place) and then heads for its cell again.
            Vec2 request = velocity;
            if (detourTicks > 0 && velocity.length() > 0) {
                request = detourLeft ? new Vec2(-velocity.y(), velocity.x()) : new Vec2(velocity.y(), -velocity.x());
                detourTicks--;
            }
            io.lockstep.platform.safety.SupervisorDecision decision = supervisor.apply(lastTick, request,
                    vehicle.readSensors(), tickSeconds);
            boolean stopped = request.length() > 0 && decision.velocity().length() < 0.05 * request.length();
            if (stopped) {
                detourLeft = !detourLeft;
                detourTicks = (int) Math.ceil(DETOUR_SECONDS / tickSeconds);
            }
        } else {
            vehicle.commandVelocity(velocity);
        }
    }

    /** The whole mission area in local metres (x, y pairs): a cell mission's agents get all of it, as on a node. */
    double[] assignedArea = new double[0];

    /** Consecutive ticks the supervisor stopped this vehicle (0: moving freely). */
    private static final double DETOUR_SECONDS = 1.0;
    private int detourTicks;
    private boolean detourLeft;

    /** Tick length the supervisor reasons with. */
    double tickSeconds = 0.02;

    void close() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }
}
