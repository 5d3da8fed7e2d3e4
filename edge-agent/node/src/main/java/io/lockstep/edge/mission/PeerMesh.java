package io.lockstep.edge.mission;

import io.lockstep.runtime.EmittedMessage;
import io.lockstep.runtime.PeerMessage;
import java.util.List;
import java.util.function.BiConsumer;

/** The swarm mesh as a mission run sees it: peers' messages in, its agents' messages out. */
public interface PeerMesh {

    /** No mesh: nothing is published, nothing arrives. */
    PeerMesh NONE = new PeerMesh() {
        @Override
        public void join(String missionId) {
        }

        @Override
        public void leave(String missionId) {
        }

        @Override
        public void publish(String missionId, List<EmittedMessage> messages) {
        }

        @Override
        public List<PeerMessage> drain(String missionId) {
            return List.of();
        }
    };

    /** Starts receiving the mission's messages from peers. */
    void join(String missionId);

    void leave(String missionId);

    /** Sends this node's agents' messages of one tick to the peers in the mission. */
    void publish(String missionId, List<EmittedMessage> messages);

    /** Peer messages received since the last call, in arrival order (the runtime orders them canonically). */
    List<PeerMessage> drain(String missionId);

    /**
     * Host events the mesh raises for the mission's next tick (peers' hazards, {@code swarm.hazards}), handed
     * to {@code hostEvent} to be journaled with it. None by default.
     */
    default void beforeTick(String missionId, int tickPeriodMs, BiConsumer<String, byte[]> hostEvent) {
    }
}
