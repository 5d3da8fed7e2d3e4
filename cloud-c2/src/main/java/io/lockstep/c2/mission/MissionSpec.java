package io.lockstep.c2.mission;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A mission as the commander describes it (the REST body of POST /missions; mirrors lockstep.v1.Mission).
 * {@code carryingPayload}: the vehicles carry a payload and go first where paths cross (absent: false).
 */
@Schema(example = "{\"name\": \"survey north field\", \"type\": \"SURVEY\", \"priority\": 5, \"area\": [{\"lat\": 47.00, \"lon\": 8.00}, {\"lat\": 47.00, \"lon\": 8.02}, {\"lat\": 47.02, \"lon\": 8.02}, {\"lat\": 47.02, \"lon\": 8.00}], \"agents\": [{\"name\": \"surveyor\", \"module\": \"3f7a9c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a\", \"parameters\": {\"altitude\": \"40\"}, \"capabilities\": {\"hostFunctions\": [\"sensor_read\", \"act_velocity\"], \"emitTopics\": [\"swarm/**\"]}}], \"limits\": {\"tickPeriodMs\": 20, \"fuelPerTick\": 1000000, \"maxMemoryPages\": 16, \"maxTicks\": 30000}, \"linkLossPolicy\": \"HOLD\", \"linkLossTimeoutMs\": 5000, \"approval\": {\"required\": 2}}")
public record MissionSpec(String name, MissionType type, Integer priority, List<GeoPoint> area, GeoPoint frameOrigin,
        List<AgentSpec> agents, List<ModelSpec> models, Instant deadline, LimitsSpec limits,
        LinkLossPolicy linkLossPolicy, Long linkLossTimeoutMs, ApprovalSpec approval, MissionRequirements requirements,
        Boolean carryingPayload) {

    public MissionSpec {
        models = models == null ? List.of() : models;
    }
}
