package io.lockstep.edge.mission;

import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.proto.v1.AgentStatus;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.runtime.AgentSnapshot;
import java.util.Map;

/** Turns a {@link MissionView} into the StatusUpdate C2 receives. */
public final class StatusMessages {

    private StatusMessages() {
    }

    public static StatusUpdate of(MissionView view, Map<InterventionKind, Long> interventions) {
        StatusUpdate.Builder b = StatusUpdate.newBuilder()
                .setMissionId(view.missionId())
                .setState(view.state())
                .setTick(Math.max(0, view.tick()))
                .setDetail(view.detail())
                .setFingerprint(view.fingerprint())
                .setJournalPath(view.journalPath());
        interventions.forEach((kind, count) -> b.putInterventions(kind.name(), count));
        view.swarm().ifPresent(swarm -> b.setSwarm(swarm.toProto()));
        for (AgentSnapshot a : view.agents()) {
            b.addAgents(AgentStatus.newBuilder()
                    .setName(a.name())
                    .setState(a.state().name())
                    .setFuelUsed(a.fuelUsed())
                    .setFault(a.fault() == null ? "" : a.fault())
                    .setProgressPermille(Math.max(0, Math.min(1000, a.progressPermille()))));
        }
        return b.build();
    }
}
