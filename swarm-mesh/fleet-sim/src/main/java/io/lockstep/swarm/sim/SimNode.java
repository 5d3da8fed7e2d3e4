package io.lockstep.swarm.sim;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.runtime.AgentDefinition;
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
        if (runAgent) {
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
        if (runtime == null) {
            return;
        }
        TickResult result = runtime.tick(TickInputs.builder().sensorFrame(readings.toSensorFrame(tick, 0).encode())
                .build());
        fingerprint = result.fingerprint();
        runtimeTicks++;
    }

    void command(Vec2 velocity) {
        vehicle.commandVelocity(velocity);
    }

    void close() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }
}
