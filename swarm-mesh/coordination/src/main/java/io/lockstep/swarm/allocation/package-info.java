/** The deterministic allocation function: weighted rendezvous hashing over the membership view. */
package io.lockstep.swarm.allocation;
