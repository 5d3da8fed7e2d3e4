package io.lockstep.c2.mission;

import io.lockstep.c2.mission.area.Polygons;
import io.lockstep.c2.module.ModelStore;
import io.lockstep.c2.module.ModuleStore;
import io.lockstep.c2.module.Sha256;
import io.lockstep.runtime.AgentModules;
import io.lockstep.runtime.FuelCeiling;
import io.lockstep.runtime.RuntimeLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a mission before it is stored: field ranges, the area's geometry, that every referenced module
 * and model exists, and that the node's loader would accept each agent's module with the agent's grant
 * under the mission's limits ({@link AgentModuleCheck}).
 */
@ApplicationScoped
public class MissionValidator {

    public static final int MAX_VERTICES = 1000;
    public static final int MAX_AGENTS = 64;
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    /** The node's local frame works up to this latitude (io.lockstep.edge.mission.LocalFrame). */
    static final double MAX_ABS_LATITUDE = 89.0;
    /** Wider than this in longitude, a polygon can only be meant across the antimeridian. */
    private static final double MAX_LONGITUDE_SPAN = 180.0;
    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_TOPIC_LENGTH = 256;
    private static final Pattern AGENT_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Init keys the node provides itself, ahead of the mission's parameters (agent ABI v1). */
    private static final Set<String> RESERVED_PARAMETERS = Set.of("agent", "mission", "node", "share_index", "share_count");

    private final ModuleStore modules;
    private final ModelStore models;
    private final Clock clock;

    public MissionValidator(ModuleStore modules, ModelStore models, Clock clock) {
        this.modules = modules;
        this.models = models;
        this.clock = clock;
    }

    public void validate(MissionSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        checkName(spec.name(), errors);
        if (spec.type() == null) {
            errors.add(new FieldError("type", "is required (SURVEY, PATROL or DELIVER)"));
        }
        if (spec.priority() == null) {
            errors.add(new FieldError("priority", "is required (1..10)"));
        } else if (spec.priority() < 1 || spec.priority() > 10) {
            errors.add(new FieldError("priority", "must be between 1 and 10, was " + spec.priority()));
        }
        checkArea(spec.area(), errors);
        if (spec.frameOrigin() != null) {
            int before = errors.size();
            checkPoint("frameOrigin", spec.frameOrigin(), errors);
            if (errors.size() == before) {
                checkNotPolar("frameOrigin", spec.frameOrigin(), errors);
            }
        }
        Set<String> modelNames = checkModels(spec.models(), errors);
        checkLimits(spec.limits(), errors);
        checkAgents(spec.agents(), modelNames, AgentModuleCheck.runtimeLimits(spec.limits()), errors);
        if (spec.deadline() != null && !spec.deadline().isAfter(clock.instant())) {
            errors.add(new FieldError("deadline", "is in the past: " + spec.deadline()));
        }
        if (spec.linkLossTimeoutMs() != null && (spec.linkLossTimeoutMs() < 0 || spec.linkLossTimeoutMs() > UINT32_MAX)) {
            errors.add(new FieldError("linkLossTimeoutMs", "must be between 0 and " + UINT32_MAX));
        }
        if (spec.approval() != null && (spec.approval().required() == null || spec.approval().required() < 1
                || spec.approval().required() > ApprovalSpec.MAX_REQUIRED)) {
            errors.add(new FieldError("approval.required", "must be between 1 and " + ApprovalSpec.MAX_REQUIRED
                    + " (different commanders), was " + (spec.approval() == null ? null : spec.approval().required())));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
    }

    private static void checkArea(List<GeoPoint> area, List<FieldError> errors) {
        if (area == null) {
            errors.add(new FieldError("area", "is required: a polygon of at least 3 {lat, lon} vertices"));
            return;
        }
        if (area.size() < 3 || area.size() > MAX_VERTICES) {
            errors.add(new FieldError("area", "must have between 3 and " + MAX_VERTICES + " vertices, has " + area.size()));
            return;
        }
        int before = errors.size();
        for (int i = 0; i < area.size(); i++) {
            checkPoint("area[" + i + "]", area.get(i), errors);
        }
        if (errors.size() > before) {
            return;
        }
        for (int i = 0; i < area.size(); i++) {
            checkNotPolar("area[" + i + "]", area.get(i), errors);
        }
        double west = area.stream().mapToDouble(GeoPoint::lon).min().orElse(0);
        double east = area.stream().mapToDouble(GeoPoint::lon).max().orElse(0);
        if (east - west > MAX_LONGITUDE_SPAN) {
            errors.add(new FieldError("area", "spans " + (east - west) + " degrees of longitude: an area crossing"
                    + " the antimeridian (180th meridian) is not supported by C2's area split; split it into one"
                    + " mission on each side"));
            return;
        }
        if (errors.size() > before) {
            return;
        }
        if (Polygons.selfIntersects(area)) {
            errors.add(new FieldError("area", "is not a simple polygon: two of its edges cross or touch"));
        } else if (Polygons.area(area) == 0) {
            errors.add(new FieldError("area", "has no surface: its vertices are collinear"));
        }
    }

    /** The node's local frame (an equirectangular projection) is meaningless this close to a pole. */
    private static void checkNotPolar(String field, GeoPoint point, List<FieldError> errors) {
        if (Math.abs(point.lat()) > MAX_ABS_LATITUDE) {
            errors.add(new FieldError(field + ".lat", "is " + point.lat() + ", too close to a pole: missions must"
                    + " stay within latitude -" + MAX_ABS_LATITUDE + ".." + MAX_ABS_LATITUDE));
        }
    }

    private static void checkPoint(String field, GeoPoint point, List<FieldError> errors) {
        if (point == null) {
            errors.add(new FieldError(field, "is required"));
            return;
        }
        if (point.lat() == null || !Double.isFinite(point.lat()) || point.lat() < -90 || point.lat() > 90) {
            errors.add(new FieldError(field + ".lat", "must be a number between -90 and 90, was " + point.lat()));
        }
        if (point.lon() == null || !Double.isFinite(point.lon()) || point.lon() < -180 || point.lon() > 180) {
            errors.add(new FieldError(field + ".lon", "must be a number between -180 and 180, was " + point.lon()));
        }
    }

    private Set<String> checkModels(List<ModelSpec> specs, List<FieldError> errors) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            String field = "models[" + i + "]";
            ModelSpec model = specs.get(i);
            if (model == null) {
                errors.add(new FieldError(field, "is required"));
                continue;
            }
            if (model.name() == null || model.name().isBlank()) {
                errors.add(new FieldError(field + ".name", "is required"));
            } else if (!names.add(model.name())) {
                errors.add(new FieldError(field + ".name", "duplicate model name '" + model.name() + "'"));
            }
            if (model.sha256() == null) {
                errors.add(new FieldError(field + ".sha256", "is required: the model's lower-case hex SHA-256"));
            } else if (!Sha256.isDigest(model.sha256())) {
                errors.add(new FieldError(field + ".sha256", "is not a lower-case hex SHA-256 digest"));
            } else if (models.find(model.sha256()).isEmpty()) {
                errors.add(new FieldError(field + ".sha256", "unknown model " + model.sha256()
                        + ": upload it first with POST /api/v1/models"));
            }
        }
        return names;
    }

    private static void checkLimits(LimitsSpec limits, List<FieldError> errors) {
        if (limits == null) {
            return;
        }
        // The node refuses periods over FuelCeiling.MAX_TICK_PERIOD_MS and fuel over the ceiling of its period.
        checkRange("limits.tickPeriodMs", limits.tickPeriodMs(), FuelCeiling.MAX_TICK_PERIOD_MS, errors);
        checkRange("limits.fuelPerTick", limits.fuelPerTick(), RuntimeLimits.MAX_FUEL_PER_TICK, errors);
        Long period = limits.tickPeriodMs();
        Long fuel = limits.fuelPerTick();
        if (fuel != null && fuel > 0 && fuel <= RuntimeLimits.MAX_FUEL_PER_TICK
                && (period == null || (period >= 0 && period <= FuelCeiling.MAX_TICK_PERIOD_MS))) {
            long effective = period == null || period == 0 ? FuelCeiling.DEFAULT_TICK_PERIOD_MS : period;
            FuelCeiling.problem(fuel, effective).ifPresent(why -> errors.add(new FieldError("limits.fuelPerTick",
                    why + (period == null || period == 0 ? " (the node default period); set limits.tickPeriodMs"
                            + " or lower limits.fuelPerTick" : ""))));
        }
        checkRange("limits.maxMemoryPages", limits.maxMemoryPages(), RuntimeLimits.WASM_MAX_MEMORY_PAGES, errors);
        checkRange("limits.maxTicks", limits.maxTicks(), Long.MAX_VALUE, errors);
    }

    private static void checkRange(String field, Long value, long max, List<FieldError> errors) {
        if (value != null && (value < 0 || value > max)) {
            errors.add(new FieldError(field, "must be between 0 and " + max + " (0: node default), was " + value));
        }
    }

    private void checkAgents(List<AgentSpec> agents, Set<String> modelNames, RuntimeLimits limits,
            List<FieldError> errors) {
        if (agents == null || agents.isEmpty()) {
            errors.add(new FieldError("agents", "at least one agent is required"));
            return;
        }
        if (agents.size() > MAX_AGENTS) {
            errors.add(new FieldError("agents", "at most " + MAX_AGENTS + " agents, has " + agents.size()));
            return;
        }
        Set<String> names = new HashSet<>();
        // Agents often share a module: fetch each module's bytes once per mission.
        Map<String, Optional<byte[]>> moduleBytes = new HashMap<>();
        for (int i = 0; i < agents.size(); i++) {
            String field = "agents[" + i + "]";
            AgentSpec agent = agents.get(i);
            if (agent == null) {
                errors.add(new FieldError(field, "is required"));
                continue;
            }
            if (agent.name() == null || !AGENT_NAME.matcher(agent.name()).matches()) {
                errors.add(new FieldError(field + ".name", "is required: 1 to 64 of A-Z a-z 0-9 _ . -"));
            } else if (!names.add(agent.name())) {
                errors.add(new FieldError(field + ".name", "duplicate agent name '" + agent.name() + "'"));
            }
            checkParameters(field, agent.parameters(), errors);
            checkGrant(field + ".capabilities", agent.capabilities(), modelNames, errors);
            findModule(field + ".module", agent.module(), moduleBytes, errors)
                    .flatMap(module -> AgentModuleCheck.check(field, module, agent.capabilities(), limits))
                    .ifPresent(errors::add);
        }
    }

    private static void checkParameters(String field, Map<String, String> parameters, List<FieldError> errors) {
        parameters.forEach((key, value) -> {
            String where = field + ".parameters." + key;
            if (key.isEmpty() || key.contains("=") || key.contains("\n")) {
                errors.add(new FieldError(where, "keys must be non-empty and contain neither '=' nor a newline"));
            } else if (RESERVED_PARAMETERS.contains(key)) {
                errors.add(new FieldError(where, "is provided by the node itself and cannot be set"));
            }
            if (value == null) {
                errors.add(new FieldError(where, "needs a value"));
            } else if (value.contains("\n")) {
                errors.add(new FieldError(where, "values must not contain a newline"));
            }
        });
    }

    private static void checkGrant(String field, CapabilityGrantSpec grant, Set<String> modelNames,
            List<FieldError> errors) {
        for (String function : grant.hostFunctions()) {
            if (function == null || !AgentModules.hostFunctions().contains(function)) {
                errors.add(new FieldError(field + ".hostFunctions", "unknown host function '" + function
                        + "'; ABI v1 has " + AgentModules.hostFunctions()));
            }
        }
        checkTopics(field + ".emitTopics", grant.emitTopics(), errors);
        checkTopics(field + ".subscribeTopics", grant.subscribeTopics(), errors);
        for (String model : grant.models()) {
            if (model == null || !modelNames.contains(model)) {
                errors.add(new FieldError(field + ".models", "'" + model + "' is not one of the mission's models"));
            }
        }
    }

    private static void checkTopics(String field, List<String> topics, List<FieldError> errors) {
        for (String topic : topics) {
            if (topic == null || topic.isBlank() || topic.length() > MAX_TOPIC_LENGTH) {
                errors.add(new FieldError(field, "topic patterns must be 1 to " + MAX_TOPIC_LENGTH + " characters"));
            }
        }
    }

    /** The module's bytes, when the digest is well formed and the module was uploaded. */
    private Optional<byte[]> findModule(String field, String sha256, Map<String, Optional<byte[]>> fetched,
            List<FieldError> errors) {
        if (sha256 == null || sha256.isBlank()) {
            errors.add(new FieldError(field, "is required: the SHA-256 of an uploaded module"));
            return Optional.empty();
        }
        if (!Sha256.isDigest(sha256)) {
            errors.add(new FieldError(field, "is not a lower-case hex SHA-256 digest"));
            return Optional.empty();
        }
        Optional<byte[]> module = fetched.computeIfAbsent(sha256,
                sha -> modules.find(sha).flatMap(stored -> modules.bytes(sha)));
        if (module.isEmpty()) {
            errors.add(new FieldError(field, "unknown module " + sha256 + ": upload it first with POST /api/v1/modules"));
        }
        return module;
    }
}
