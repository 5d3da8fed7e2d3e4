/** Agreement digests and divergence detection with an injected notion of time. */
package io.lockstep.swarm.agreement;
