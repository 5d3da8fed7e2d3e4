/** One node's coordination state fed by raw peer messages; bad input is counted and dropped. */
package io.lockstep.swarm.peer;
