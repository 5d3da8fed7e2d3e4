/** Versioned, size-capped, strictly validated binary wire formats of the swarm. */
package io.lockstep.swarm.codec;
