package io.lockstep.c2.mission;

import java.time.Instant;
import java.util.List;

/**
 * A mission as the commander describes it (the REST body of POST /missions; mirrors lockstep.v1.Mission).
 * {@code carryingPayload}: the vehicles carry a payload and go first where paths cross (absent: false).
 */
public record MissionSpec(String name, MissionType type, Integer priority, List<GeoPoint> area, GeoPoint frameOrigin,
        List<AgentSpec> agents, List<ModelSpec> models, Instant deadline, LimitsSpec limits,
        LinkLossPolicy linkLossPolicy, Long linkLossTimeoutMs, ApprovalSpec approval, MissionRequirements requirements,
        Boolean carryingPayload) {

    public MissionSpec {
        models = models == null ? List.of() : models;
    }
}
