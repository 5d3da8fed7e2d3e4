package io.lockstep.edge.swarm;

import io.lockstep.swarm.rightofway.NegotiationDrops;
import io.lockstep.swarm.rightofway.NegotiationInbox;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The mesh as a cell mission sees it: membership, and coverage and digests exchanged with peers. */
public interface SwarmChannel {

    /** A peer's message as received, before it is checked. */
    record Received(String peer, byte[] data) {
    }

    /** No mesh: nobody else is a member; nothing is sent or received. */
    SwarmChannel NONE = new NoMesh();

    /** A channel without a mesh (a subclass adds what it exchanges, e.g. a test channel's intents). */
    class NoMesh implements SwarmChannel {
        @Override
        public Set<String> liveMemberKeys() {
            return Set.of();
        }

        @Override
        public String memberKey(String nodeId) {
            return nodeId;
        }

        @Override
        public void join(String missionId, Supplier<byte[]> coverageAnswer) {
        }

        @Override
        public void leave(String missionId) {
        }

        @Override
        public void publishCoverage(String missionId, byte[] coverage) {
        }

        @Override
        public void publishDigest(String missionId, byte[] digest) {
        }

        @Override
        public List<Received> drainCoverage(String missionId) {
            return List.of();
        }

        @Override
        public List<Received> drainDigests(String missionId) {
            return List.of();
        }
    }

    /** Member keys of the nodes whose liveliness tokens are visible now. */
    Set<String> liveMemberKeys();

    /** The member key a node's token is declared under. */
    String memberKey(String nodeId);

    /**
     * Starts receiving the mission's coverage and digests, answers peers' coverage queries with
     * {@code coverageAnswer} and asks the peers for theirs (late join, reconnection).
     */
    void join(String missionId, Supplier<byte[]> coverageAnswer);

    void leave(String missionId);

    void publishCoverage(String missionId, byte[] coverage);

    void publishDigest(String missionId, byte[] digest);

    /** Coverage messages (broadcasts and query replies) received since the last call. */
    List<Received> drainCoverage(String missionId);

    List<Received> drainDigests(String missionId);

    /**
     * Puts this node's right-of-way intent on {@code lockstep/swarm/negotiation/<node>} (all missions: vehicles
     * of any mission can meet). Without a mesh nothing is sent.
     */
    default void publishIntent(byte[] intent) {
    }

    /**
     * The newest unchecked intent of every peer heard since the last call, in canonical order (by the key
     * chunk that named the sender); bounded per peer, so a flood costs one slot.
     */
    default List<NegotiationInbox.Raw> drainIntents() {
        return List.of();
    }

    /** Counters of negotiation messages dropped, shared by the inbox and every mission's checks. */
    default NegotiationDrops negotiationDrops() {
        return NO_DROPS;
    }

    NegotiationDrops NO_DROPS = new NegotiationDrops();
}
