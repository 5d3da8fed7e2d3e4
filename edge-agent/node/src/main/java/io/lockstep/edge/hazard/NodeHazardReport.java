package io.lockstep.edge.hazard;

import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.NodeHazard;
import io.lockstep.swarm.hazard.Hazard;
import java.util.Comparator;
import java.util.List;

/**
 * The node's live hazard set for C2, carried by each heartbeat (latest wins, so nothing queues while the
 * link is down): newest first, so when the link's bound (OutboundBounds) cuts the list the hazards left out
 * are the oldest.
 */
public final class NodeHazardReport {

    private NodeHazardReport() {
    }

    public static Heartbeat.Builder addTo(Heartbeat.Builder heartbeat, List<Hazard> known) {
        heartbeat.setHazardsReported(true);
        known.stream()
                .sorted(Comparator.comparingLong(Hazard::issuedAtMs).reversed()
                        .thenComparing(Hazard::sender).thenComparingInt(Hazard::hazardId))
                .forEach(h -> heartbeat.addHazards(of(h)));
        return heartbeat;
    }

    static NodeHazard of(Hazard h) {
        return NodeHazard.newBuilder().setSender(h.sender()).setMissionId(h.missionId()).setHazardId(h.hazardId())
                .setKind(h.kind().name()).setXMm(h.xMm()).setYMm(h.yMm()).setRadiusMm(h.radiusMm())
                .setIssuedAtMs(h.issuedAtMs()).setTtlMs(h.ttlMs()).build();
    }
}
