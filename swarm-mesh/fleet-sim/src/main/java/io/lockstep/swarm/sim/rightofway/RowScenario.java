package io.lockstep.swarm.sim.rightofway;

/** The right-of-way scenarios of the fleet simulator. */
public enum RowScenario {
    /** Two nodes head-on through a corridor one vehicle wide. */
    HEAD_ON_CORRIDOR,
    /** Four nodes crossing an intersection from the four directions. */
    FOUR_WAY_CROSSING,
    /** Two nodes crossing; the one that has the intersection dies holding its claim before it enters. */
    DEAD_CLAIM,
    /** Four nodes crossing while the mesh is split in two for a while. */
    PARTITION_CROSSING
}
