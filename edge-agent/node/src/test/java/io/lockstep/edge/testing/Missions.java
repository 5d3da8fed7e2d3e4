package io.lockstep.edge.testing;

import io.lockstep.edge.mission.BlobCache;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.CapabilityGrant;
import io.lockstep.proto.v1.ExecutionLimits;
import io.lockstep.proto.v1.LatLon;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.Mission;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.Polygon;

/** Assignments for tests: a square area of {@code sideM} metres at the frame origin (48 N, 11 E). */
public final class Missions {

    public static final double ORIGIN_LAT = 48.0;
    public static final double ORIGIN_LON = 11.0;

    private Missions() {
    }

    public static Polygon square(double sideM) {
        double dLat = sideM / 111_195.08;
        double dLon = dLat / Math.cos(Math.toRadians(ORIGIN_LAT));
        return Polygon.newBuilder()
                .addVertices(ll(ORIGIN_LAT, ORIGIN_LON))
                .addVertices(ll(ORIGIN_LAT, ORIGIN_LON + dLon))
                .addVertices(ll(ORIGIN_LAT + dLat, ORIGIN_LON + dLon))
                .addVertices(ll(ORIGIN_LAT + dLat, ORIGIN_LON))
                .build();
    }

    private static LatLon ll(double lat, double lon) {
        return LatLon.newBuilder().setLat(lat).setLon(lon).build();
    }

    public static AgentSpec agent(String name, byte[] wasm, String... hostFunctions) {
        return AgentSpec.newBuilder().setName(name).setModuleSha256(BlobCache.sha256Hex(wasm))
                .setCapabilities(CapabilityGrant.newBuilder().addAllHostFunctions(java.util.List.of(hostFunctions)))
                .build();
    }

    public static MissionAssignment assignment(String missionId, String nodeId, double sideM, int periodMs,
            LinkLossPolicy policy, int linkLossTimeoutMs, AgentSpec... agents) {
        Mission.Builder m = Mission.newBuilder().setId(missionId).setArea(square(sideM))
                .setFrameOrigin(ll(ORIGIN_LAT, ORIGIN_LON))
                .setLimits(ExecutionLimits.newBuilder().setTickPeriodMs(periodMs))
                .setLinkLossPolicy(policy).setLinkLossTimeoutMs(linkLossTimeoutMs);
        for (AgentSpec a : agents) {
            m.addAgents(a);
        }
        return MissionAssignment.newBuilder().setMission(m).setNodeId(nodeId).setShareIndex(0).setShareCount(1)
                .build();
    }
}
