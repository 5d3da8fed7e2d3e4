package io.lockstep.c2.mission;

import io.lockstep.proto.v1.CapabilityGrant;
import io.lockstep.proto.v1.ExecutionLimits;
import io.lockstep.proto.v1.LatLon;
import io.lockstep.proto.v1.Mission;
import io.lockstep.proto.v1.ModelRef;
import io.lockstep.proto.v1.Parameter;
import io.lockstep.proto.v1.Polygon;
import java.util.List;

/** Turns a validated mission into its wire form, lockstep.v1.Mission. */
public final class MissionProtoMapper {

    private MissionProtoMapper() {
    }

    public static Mission toProto(String id, MissionSpec spec) {
        Mission.Builder mission = Mission.newBuilder()
                .setId(id)
                .setName(spec.name())
                .setType(io.lockstep.proto.v1.MissionType.valueOf(spec.type().name()))
                .setPriority(spec.priority())
                .setArea(polygon(spec.area()))
                .setDeadlineUnixMs(spec.deadline() == null ? 0 : spec.deadline().toEpochMilli())
                .setLinkLossPolicy(io.lockstep.proto.v1.LinkLossPolicy.valueOf(
                        (spec.linkLossPolicy() == null ? LinkLossPolicy.CONTINUE : spec.linkLossPolicy()).name()))
                .setLinkLossTimeoutMs(spec.linkLossTimeoutMs() == null ? 0 : spec.linkLossTimeoutMs().intValue())
                .setCarryingPayload(Boolean.TRUE.equals(spec.carryingPayload()));
        if (spec.frameOrigin() != null) {
            mission.setFrameOrigin(latLon(spec.frameOrigin()));
        }
        if (spec.limits() != null) {
            mission.setLimits(limits(spec.limits()));
        }
        for (ModelSpec model : spec.models()) {
            mission.addModels(ModelRef.newBuilder().setName(model.name()).setSha256(model.sha256()));
        }
        for (AgentSpec agent : spec.agents()) {
            mission.addAgents(agent(agent));
        }
        return mission.build();
    }

    public static Polygon polygon(List<GeoPoint> vertices) {
        Polygon.Builder polygon = Polygon.newBuilder();
        vertices.forEach(vertex -> polygon.addVertices(latLon(vertex)));
        return polygon.build();
    }

    private static LatLon latLon(GeoPoint point) {
        return LatLon.newBuilder().setLat(point.lat()).setLon(point.lon()).build();
    }

    private static ExecutionLimits limits(LimitsSpec limits) {
        return ExecutionLimits.newBuilder()
                .setTickPeriodMs(orZero(limits.tickPeriodMs()).intValue())
                .setFuelPerTick(orZero(limits.fuelPerTick()))
                .setMaxMemoryPages(orZero(limits.maxMemoryPages()).intValue())
                .setMaxTicks(orZero(limits.maxTicks()))
                .build();
    }

    private static io.lockstep.proto.v1.AgentSpec agent(AgentSpec agent) {
        io.lockstep.proto.v1.AgentSpec.Builder wire = io.lockstep.proto.v1.AgentSpec.newBuilder()
                .setName(agent.name())
                .setModuleSha256(agent.module())
                .setCapabilities(CapabilityGrant.newBuilder()
                        .addAllHostFunctions(agent.capabilities().hostFunctions())
                        .addAllEmitTopics(agent.capabilities().emitTopics())
                        .addAllSubscribeTopics(agent.capabilities().subscribeTopics())
                        .addAllModels(agent.capabilities().models()));
        agent.parameters().forEach((key, value) -> wire.addParameters(Parameter.newBuilder().setKey(key).setValue(value)));
        return wire.build();
    }

    private static Long orZero(Long value) {
        return value == null ? 0L : value;
    }
}
