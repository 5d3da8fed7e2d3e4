/** The grow-only set of completed cells and the message that carries it. */
package io.lockstep.swarm.coverage;
