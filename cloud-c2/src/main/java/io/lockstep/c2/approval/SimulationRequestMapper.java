package io.lockstep.c2.approval;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.mission.AgentModuleCheck;
import io.lockstep.c2.mission.AgentSpec;
import io.lockstep.c2.mission.GeoPoint;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionSpec;
import io.lockstep.c2.mission.ModelSpec;
import io.lockstep.c2.module.ModelStore;
import io.lockstep.c2.module.ModuleStore;
import io.lockstep.platform.inference.InferenceSettings;
import io.lockstep.platform.inference.ModelRegistry;
import io.lockstep.platform.inference.OnnxInferenceService;
import io.lockstep.platform.sim.InvalidWorldException;
import io.lockstep.platform.sim.World;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.InferenceService;
import io.lockstep.runtime.Parameter;
import io.lockstep.swarm.cells.PointE7;
import io.lockstep.swarm.sim.MissionAgents;
import io.lockstep.swarm.sim.SimMission;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns a stored mission into the fleet simulator's input: its area, agents, models, limits and the world. */
@ApplicationScoped
public class SimulationRequestMapper {

    /** The node's default tick period, used when the mission sets none (lockstep.node.tick-period-ms). */
    static final int NODE_DEFAULT_TICK_PERIOD_MS = 20;
    /** The simulator's own bound on a run (SimMission). */
    static final int MAX_SIMULATED_TICKS = 10_000_000;

    private final ModuleStore modules;
    private final ModelStore models;
    private final C2Config config;

    public SimulationRequestMapper(ModuleStore modules, ModelStore models, C2Config config) {
        this.modules = modules;
        this.models = models;
        this.config = config;
    }

    public SimMission mission(MissionRecord mission) {
        MissionSpec spec = mission.spec();
        List<PointE7> area = spec.area().stream().map(SimulationRequestMapper::e7).toList();
        PointE7 origin = spec.frameOrigin() == null ? area.get(0) : e7(spec.frameOrigin());
        int tickPeriod = spec.limits() != null && spec.limits().tickPeriodMs() != null && spec.limits().tickPeriodMs() > 0
                ? spec.limits().tickPeriodMs().intValue() : NODE_DEFAULT_TICK_PERIOD_MS;
        int maxTicks = spec.limits() != null && spec.limits().maxTicks() != null && spec.limits().maxTicks() > 0
                ? (int) Math.min(spec.limits().maxTicks(), MAX_SIMULATED_TICKS) : horizonTicks(config.approval().horizon(), tickPeriod);
        return new SimMission(mission.id(), origin, area, config.swarm().cellSizeM(), tickPeriod,
                config.approval().speedMps(), maxTicks, world());
    }

    /** The horizon in ticks of the mission's period, rounded up (a tick limit, not a time, reaches the simulator). */
    static int horizonTicks(java.time.Duration horizon, int tickPeriodMs) {
        long ticks = (horizon.toMillis() + tickPeriodMs - 1) / tickPeriodMs;
        return (int) Math.max(1, Math.min(ticks, MAX_SIMULATED_TICKS));
    }

    public MissionAgents agents(MissionRecord mission, Path journalDir) {
        MissionSpec spec = mission.spec();
        List<AgentDefinition> agents = new ArrayList<>();
        for (AgentSpec agent : spec.agents()) {
            byte[] wasm = modules.bytes(agent.module()).orElseThrow(() -> new IllegalStateException(
                    "module " + agent.module() + " of agent " + agent.name() + " is no longer stored"));
            List<Parameter> parameters = new ArrayList<>();
            for (Map.Entry<String, String> p : agent.parameters().entrySet()) {
                parameters.add(new Parameter(p.getKey(), p.getValue()));
            }
            var grant = agent.capabilities();
            agents.add(new AgentDefinition(agent.name(), wasm, parameters, new CapabilityGrant(
                    present(grant.hostFunctions()), present(grant.emitTopics()), present(grant.models()),
                    present(grant.subscribeTopics()))));
        }
        boolean ownTickLimit = spec.limits() != null && spec.limits().maxTicks() != null && spec.limits().maxTicks() > 0;
        return new MissionAgents(agents, AgentModuleCheck.runtimeLimits(spec.limits()), inference(spec),
                Optional.of(journalDir), ownTickLimit);
    }

    /** Each simulated node gets its own ONNX session over the mission's models, on the CPU. */
    private Supplier<InferenceService> inference(MissionSpec spec) {
        if (spec.models().isEmpty()) {
            return () -> InferenceService.NONE;
        }
        List<byte[]> bytes = new ArrayList<>();
        for (ModelSpec model : spec.models()) {
            bytes.add(models.bytes(model.sha256()).orElseThrow(() -> new IllegalStateException(
                    "model " + model.sha256() + " (" + model.name() + ") is no longer stored")));
        }
        return () -> {
            ModelRegistry registry = new ModelRegistry();
            for (int i = 0; i < spec.models().size(); i++) {
                registry.addVerified(bytes.get(i), spec.models().get(i).sha256());
                registry.bind(spec.models().get(i).name(), spec.models().get(i).sha256());
            }
            return new OnnxInferenceService(registry, InferenceSettings.cpu());
        };
    }

    private Optional<World> world() {
        if (config.approval().world().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(WorldFile.load(config.approval().world().get()));
        } catch (InvalidWorldException e) {
            throw new IllegalStateException("lockstep.c2.approval.world: " + e.getMessage(), e);
        }
    }

    private static List<String> present(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static PointE7 e7(GeoPoint p) {
        return new PointE7((int) Math.round(p.lat() * 1e7), (int) Math.round(p.lon() * 1e7));
    }
}
