package io.lockstep.edge.testing;

import io.lockstep.edge.mission.AgentLogRing;
import io.lockstep.edge.mission.BlobCache;
import io.lockstep.edge.mission.BlobFetcher;
import io.lockstep.edge.mission.HostInputs;
import io.lockstep.edge.mission.MissionExecutor;
import io.lockstep.edge.mission.MissionLoader;
import io.lockstep.edge.mission.MissionStore;
import io.lockstep.edge.mission.NodeServices;
import io.lockstep.edge.mission.PeerMesh;
import io.lockstep.edge.mission.TickRing;
import io.lockstep.edge.safety.InterventionReporter;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.InferenceService;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;

/**
 * A mission executor on a simulated vehicle (demo world, base at (-10, -10)) with a recording
 * reporter instead of a C2 link, and modules pre-loaded into the blob cache.
 */
public final class MissionHarness implements AutoCloseable {

    public final RecordingReporter reporter = new RecordingReporter();
    public final StallableVehicle vehicle;
    public final SafetySupervisor supervisor;
    public final TickRing ticks = new TickRing(100_000);
    public final HostInputs hostInputs = new HostInputs();
    public final AgentLogRing agentLogs = new AgentLogRing(1_000);
    public final BlobCache cache;
    public final MissionStore store;
    public final MissionExecutor executor;

    public MissionHarness(Path dataDir, Vec2 start, int deadmanPeriods) {
        this(dataDir, start, deadmanPeriods, OpenTelemetry.noop());
    }

    public MissionHarness(Path dataDir, Vec2 start, int deadmanPeriods, OpenTelemetry otel) {
        vehicle = new StallableVehicle(new SimulatedVehicle(WorldFile.demo(),
                SimulatedVehicleConfig.defaults(1).withPositionNoise(0), start, 1.0));
        SafetyConfig safety = SafetyConfig.defaults();
        Vec2 base = new Vec2(-10, -10);
        supervisor = new SafetySupervisor(vehicle, safety, base);
        cache = new BlobCache(dataDir.resolve("blobs"));
        store = new MissionStore(dataDir);
        NodeServices services = new NodeServices(vehicle, supervisor, supervisor::clearEmergencyStop, reporter, PeerMesh.NONE, models -> InferenceService.NONE, hostInputs, ticks, agentLogs,
                otel.getTracer("test"), "node-1", ExecutionMode.COMPILED, 2, 10, 10.0, deadmanPeriods,
                5_000, System::currentTimeMillis);
        MissionLoader loader = new MissionLoader(new BlobFetcher(cache, (kind, sha, offset, max) -> false), cache, store, services,
                50);
        executor = new MissionExecutor(services, store, loader, 50);
        new InterventionReporter(supervisor, hostInputs, reporter, executor::view, System::currentTimeMillis).install();
    }

    /** Puts a module in the cache, as if C2 had delivered it. */
    public void provide(byte[] wasm) {
        cache.put(BlobCache.sha256Hex(wasm), wasm);
    }

    @Override
    public void close() {
        vehicle.release();
        executor.close();
    }
}
