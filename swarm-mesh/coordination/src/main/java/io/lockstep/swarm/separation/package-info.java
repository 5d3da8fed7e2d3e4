/**
 * The separation guard between vehicles: from the positions and velocities peers announce in their right-of-way
 * intents, extrapolated over the announcement's age, no command may bring a vehicle within the safety distance of
 * a peer; of two vehicles that block each other, the one lower in the right-of-way order steps aside. Plain Java,
 * time passed in as ages, so a node and the fleet simulator run the same code (docs/right-of-way.md, "Separation
 * guard").
 */
package io.lockstep.swarm.separation;
