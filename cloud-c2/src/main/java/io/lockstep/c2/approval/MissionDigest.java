package io.lockstep.c2.approval;

import io.lockstep.c2.mission.MissionProtoMapper;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.module.Sha256;

/**
 * The identity of a mission's exact content: the lower-case hex SHA-256 of its canonical bytes, the
 * serialized {@code lockstep.v1.Mission} every node receives. A simulation and its approvals hold for these
 * bytes only; any change to the mission (agents, parameters, area, limits, priority …) makes them stale.
 */
public final class MissionDigest {

    private MissionDigest() {
    }

    public static byte[] canonicalBytes(MissionRecord mission) {
        return MissionProtoMapper.toProto(mission.id(), mission.spec()).toByteArray();
    }

    public static String of(MissionRecord mission) {
        return Sha256.of(canonicalBytes(mission));
    }
}
