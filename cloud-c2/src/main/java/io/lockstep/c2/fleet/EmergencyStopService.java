package io.lockstep.c2.fleet;

import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EmergencyStop;
import io.lockstep.c2.replica.RedisLocks;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latches or clears a node's emergency stop. Every e-stop command is numbered and its request recorded
 * under one per-node lock shared by all C2 replicas (in Redis), so the registry's "requested" state is
 * always that of the command with the
 * highest command seq, which is the last one the node applies. What the node's latch really is comes
 * only from its acknowledgements ({@link #acknowledged}).
 */
@ApplicationScoped
public class EmergencyStopService {

    private final NodeRegistry registry;
    private final NodeCommands commands;
    private final Clock clock;
    private final RedisLocks locks;

    public EmergencyStopService(NodeRegistry registry, NodeCommands commands, Clock clock, RedisLocks locks) {
        this.registry = registry;
        this.commands = commands;
        this.clock = clock;
        this.locks = locks;
    }

    /** @return the command sequence number of the EmergencyStop command */
    public long set(String nodeId, boolean engaged, String reason) {
        if (!registry.exists(nodeId)) {
            throw new UnknownNodeException(nodeId);
        }
        try (RedisLocks.Held held = locks.hold(RedisLocks.node(nodeId))) {
            return request(nodeId, engaged, reason == null ? "" : reason);
        }
    }

    /**
     * Latches every registered node's e-stop as one fleet-wide stop: each node that receives it also stops its
     * peers over the mesh, so nodes whose link to C2 is down stop too (docs/hazards.md). The whole fleet's
     * commands are numbered, recorded and stored in a few pipelined round trips, pushed at once to the links
     * this replica holds and announced to the other replicas in one notice.
     *
     * @return the ids of the nodes the command was queued for
     */
    public List<String> engageFleet(String reason) {
        String why = reason == null ? "" : reason;
        return toFleet(EmergencyStop.newBuilder().setEngaged(true).setReason(why).setFleetWide(true), true, why);
    }

    /** Releases every registered node's e-stop (a commander's decision; peers can never release one). */
    public List<String> releaseFleet() {
        String why = "fleet-wide stop released from C2";
        return toFleet(EmergencyStop.newBuilder().setEngaged(false).setReason(why), false, why);
    }

    private List<String> toFleet(EmergencyStop.Builder stop, boolean engaged, String reason) {
        List<String> nodes = registry.ids();
        Map<String, C2ToEdge.Builder> perNode = new LinkedHashMap<>();
        nodes.forEach(nodeId -> perNode.put(nodeId, C2ToEdge.newBuilder().setEmergencyStop(stop.clone())));
        commands.sendAll(perNode, seqs -> registry.requestEmergencyStops(seqs, engaged, reason, clock.instant()));
        return nodes;
    }

    /**
     * Called when a node said Hello. E-stop commands up to {@code lastAppliedCommandSeq} were applied by
     * the node (their acks may never come: C2 forgets them), and a requested latch is sent again in case
     * the node restarted and forgot it.
     */
    public void nodeConnected(String nodeId, long lastAppliedCommandSeq) {
        try (RedisLocks.Held held = locks.hold(RedisLocks.node(nodeId))) {
            EmergencyStopState state = registry.emergencyStop(nodeId);
            if (state.requestedCommandSeq() > 0 && state.requestedCommandSeq() <= lastAppliedCommandSeq) {
                registry.confirmEmergencyStop(nodeId, state.requestedCommandSeq(), state.requestedEngaged(),
                        state.requestedReason(), clock.instant());
            }
            if (state.requestedEngaged()) {
                // Re-asserted on every connect in case the node restarted and forgot it; one still pending from
                // an earlier connect was just re-sent, so it is not stored again (no copy per reconnect).
                String reason = state.requestedReason();
                commands.sendUnlessPending(nodeId,
                        C2ToEdge.newBuilder().setEmergencyStop(EmergencyStop.newBuilder().setEngaged(true).setReason(reason)),
                        seq -> registry.requestEmergencyStop(nodeId, seq, true, reason, clock.instant()));
            }
        }
    }

    /** Records the node's answer to an e-stop command it acknowledged. */
    public void acknowledged(String nodeId, C2ToEdge command, CommandAck ack) {
        if (!command.hasEmergencyStop()) {
            return;
        }
        EmergencyStop stop = command.getEmergencyStop();
        if (ack.getApplied()) {
            registry.confirmEmergencyStop(nodeId, command.getCommandSeq(), stop.getEngaged(), stop.getReason(),
                    clock.instant());
        } else {
            registry.refuseEmergencyStop(nodeId, command.getCommandSeq(), ack.getError());
        }
    }

    private long request(String nodeId, boolean engaged, String reason) {
        return commands.send(nodeId,
                C2ToEdge.newBuilder().setEmergencyStop(EmergencyStop.newBuilder().setEngaged(engaged).setReason(reason)),
                seq -> registry.requestEmergencyStop(nodeId, seq, engaged, reason, clock.instant()));
    }
}
