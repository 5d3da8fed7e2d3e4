package io.lockstep.edge.mission;

import io.lockstep.edge.mesh.MeshSettings;
import io.lockstep.edge.swarm.SwarmChannel;
import io.lockstep.platform.safety.EstopSource;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.vehicle.Vehicle;
import io.lockstep.runtime.ExecutionMode;
import io.opentelemetry.api.trace.Tracer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The node-wide things every mission run uses: the vehicle and its supervisor, where to report,
 * and the tunables that do not come from the mission.
 *
 * @param vehicle the vehicle (simulated or real)
 * @param supervisor the always-on safety supervisor in front of it
 * @param estopClear clears the e-stop for a source (and forgets its persisted latch); false when the
 *        source may not clear it
 * @param reporter status and telemetry sink
 * @param mesh the swarm mesh ({@link PeerMesh#NONE} when disabled)
 * @param inference builds a mission's inference service from its models
 * @param hostInputs inputs raised between ticks, fed into the next one
 * @param ticks ring of recent ticks for the debug port
 * @param agentLogs ring of recent agent log lines for the debug port
 * @param tracer OpenTelemetry tracer for mission spans
 * @param nodeId this node's id
 * @param executionMode how the runtime executes Wasm
 * @param runtimeWorkers threads that run a mission's agents within each tick
 * @param defaultTickPeriodMs tick period of missions that set none
 * @param telemetryHz telemetry rate towards C2
 * @param deadmanMissedPeriods tick periods without a tick before the dead-man's switch trips
 * @param blobTimeoutMillis how long to wait for a module or model from C2
 * @param clockMillis wall clock (deadline, link-loss timeout)
 * @param swarm membership and coverage exchange of cell missions ({@link SwarmChannel#NONE} without a mesh)
 * @param swarmSettleMillis how long a lost peer or a disagreeing digest must persist before the node acts
 */
public record NodeServices(
        Vehicle vehicle,
        SafetySupervisor supervisor,
        Predicate<EstopSource> estopClear,
        MissionReporter reporter,
        PeerMesh mesh,
        InferenceFactory inference,
        HostInputs hostInputs,
        TickRing ticks,
        AgentLogRing agentLogs,
        Tracer tracer,
        String nodeId,
        ExecutionMode executionMode,
        int runtimeWorkers,
        int defaultTickPeriodMs,
        double telemetryHz,
        int deadmanMissedPeriods,
        long blobTimeoutMillis,
        LongSupplier clockMillis,
        SwarmChannel swarm,
        long swarmSettleMillis) {

    public NodeServices(Vehicle vehicle, SafetySupervisor supervisor, Predicate<EstopSource> estopClear,
            MissionReporter reporter, PeerMesh mesh, InferenceFactory inference, HostInputs hostInputs, TickRing ticks,
            AgentLogRing agentLogs, Tracer tracer, String nodeId, ExecutionMode executionMode, int runtimeWorkers,
            int defaultTickPeriodMs, double telemetryHz, int deadmanMissedPeriods, long blobTimeoutMillis,
            LongSupplier clockMillis) {
        this(vehicle, supervisor, estopClear, reporter, mesh, inference, hostInputs, ticks, agentLogs, tracer, nodeId,
                executionMode, runtimeWorkers, defaultTickPeriodMs, telemetryHz, deadmanMissedPeriods, blobTimeoutMillis,
                clockMillis,
                SwarmChannel.NONE, MeshSettings.DEFAULT_SETTLE_MILLIS);
    }
}
