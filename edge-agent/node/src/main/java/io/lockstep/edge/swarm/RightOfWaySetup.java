package io.lockstep.edge.swarm;

import io.lockstep.edge.mission.LocalFrame;
import io.lockstep.edge.mission.MissionPlan;
import io.lockstep.edge.mission.NodeServices;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.proto.v1.Mission;
import io.lockstep.swarm.rightofway.RightOfWayConfig;
import java.util.function.LongSupplier;

/** Whether and how a mission run takes part in right of way: whenever the node is on a mesh. */
public final class RightOfWaySetup {

    private RightOfWaySetup() {
    }

    /** The coordinator for a mission run, or null without a mesh (nobody to give way to). */
    public static RightOfWayCoordinator forMission(MissionPlan plan, NodeServices services) {
        if (services.swarm() == SwarmChannel.NONE) {
            return null;
        }
        return forMission(plan.assignment().getMission(), services.nodeId(), services.swarm(), services.supervisor(),
                plan.frame(), plan.tickPeriodMs(), services.clockMillis());
    }

    /**
     * The mission's part of the intent: its priority and whether its vehicles carry a payload
     * ({@code carrying_payload}, set by the commander in C2's mission JSON as {@code carryingPayload}).
     */
    static RightOfWayCoordinator forMission(Mission mission, String nodeId, SwarmChannel swarm,
            SafetySupervisor supervisor, LocalFrame frame, long tickPeriodMs, LongSupplier clockMillis) {
        return new RightOfWayCoordinator(nodeId, swarm, supervisor, frame, mission.getPriority(),
                mission.getCarryingPayload(), RightOfWayConfig.defaults(), tickPeriodMs, clockMillis);
    }
}
