/**
 * Leaderless coordination of a swarm working one mission. Plain Java, JDK only. The contract:
 * <ul>
 *   <li>{@link io.lockstep.swarm.cells}: C2 turns the mission area (lat/lon in integer 1e-7 degrees)
 *       into an ordered, versioned {@link io.lockstep.swarm.cells.CellPlan} with
 *       {@link io.lockstep.swarm.cells.GridDecomposition#plan}; integer arithmetic only, so the plan's
 *       bytes ({@link io.lockstep.swarm.codec.CellPlanCodec}) are the same everywhere.</li>
 *   <li>{@link io.lockstep.swarm.allocation}: every node runs
 *       {@link io.lockstep.swarm.allocation.Allocator#allocate} on (plan, membership view, completed set,
 *       claims) and gets the same owner for every cell: weighted rendezvous hashing, byte-for-byte
 *       specified in {@link io.lockstep.swarm.allocation.RendezvousHash}.</li>
 *   <li>{@link io.lockstep.swarm.coverage}: completed cells form a grow-only
 *       {@link io.lockstep.swarm.coverage.CoverageSet}; merge is a union.</li>
 *   <li>{@link io.lockstep.swarm.agreement}: nodes exchange
 *       {@link io.lockstep.swarm.agreement.AgreementDigest}s; a
 *       {@link io.lockstep.swarm.agreement.DivergenceDetector} raises an alert when a peer's beliefs have
 *       not matched for longer than the settle window.</li>
 *   <li>{@link io.lockstep.swarm.codec}: the versioned, size-capped wire formats; decoders throw only
 *       {@link io.lockstep.swarm.codec.MalformedMessageException}.</li>
 *   <li>{@link io.lockstep.swarm.peer.SwarmPeer}: all of the above for one node, fed raw peer bytes;
 *       bad input is counted and dropped, never thrown.</li>
 *   <li>{@link io.lockstep.swarm.keys.SwarmKeys}: the Zenoh key expressions.</li>
 * </ul>
 * See docs/swarm.md.
 */
package io.lockstep.swarm;
