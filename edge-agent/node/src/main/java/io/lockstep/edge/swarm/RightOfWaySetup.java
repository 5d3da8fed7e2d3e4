package io.lockstep.edge.swarm;

import io.lockstep.edge.mission.MissionPlan;
import io.lockstep.edge.mission.NodeServices;
import io.lockstep.swarm.rightofway.RightOfWayConfig;

/** Whether and how a mission run takes part in right of way: whenever the node is on a mesh. */
public final class RightOfWaySetup {

    private RightOfWaySetup() {
    }

    /** The coordinator for a mission run, or null without a mesh (nobody to give way to). */
    public static RightOfWayCoordinator forMission(MissionPlan plan, NodeServices services) {
        if (services.swarm() == SwarmChannel.NONE) {
            return null;
        }
        return new RightOfWayCoordinator(services.nodeId(), services.swarm(), services.supervisor(), plan.frame(),
                plan.assignment().getMission().getPriority(), false, RightOfWayConfig.defaults(),
                services.clockMillis());
    }
}
