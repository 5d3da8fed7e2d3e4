/** Zenoh key expressions of the swarm. */
package io.lockstep.swarm.keys;
