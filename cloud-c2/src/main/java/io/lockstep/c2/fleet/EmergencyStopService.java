package io.lockstep.c2.fleet;

import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EmergencyStop;
import jakarta.enterprise.context.ApplicationScoped;

/** Latches or clears a node's emergency stop: recorded in the registry and sent as a command. */
@ApplicationScoped
public class EmergencyStopService {

    private final NodeRegistry registry;
    private final NodeCommands commands;

    public EmergencyStopService(NodeRegistry registry, NodeCommands commands) {
        this.registry = registry;
        this.commands = commands;
    }

    /** @return the command sequence number of the EmergencyStop command */
    public long set(String nodeId, boolean engaged, String reason) {
        if (!registry.exists(nodeId)) {
            throw new UnknownNodeException(nodeId);
        }
        String why = reason == null ? "" : reason;
        registry.setEmergencyStop(nodeId, engaged, why);
        return commands.send(nodeId, C2ToEdge.newBuilder()
                .setEmergencyStop(EmergencyStop.newBuilder().setEngaged(engaged).setReason(why)));
    }
}
