package io.lockstep.swarm.allocation;

/**
 * A live node of the mission and its capability weight (1..{@value #MAX_CAPABILITY}): a node of
 * capability 2 receives on average twice the cells of a node of capability 1.
 */
public record Member(String nodeId, int capability) {

    public static final int MAX_CAPABILITY = 16;

    public Member {
        NodeIds.require(nodeId);
        if (capability < 1 || capability > MAX_CAPABILITY) {
            throw new IllegalArgumentException("capability must be 1.." + MAX_CAPABILITY + ", got " + capability);
        }
    }

    public static Member of(String nodeId) {
        return new Member(nodeId, 1);
    }
}
