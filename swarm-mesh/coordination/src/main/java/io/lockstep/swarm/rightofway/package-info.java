/**
 * Right of way between vehicles: intents announced on {@code lockstep/swarm/negotiation/<node>}, zone claims
 * held under leases, a fixed priority order, a wait-for graph whose cycles are broken deterministically, and
 * wait timeouts that raise alerts. No open-ended negotiation: every node computes the same answer from the
 * same intents (docs/right-of-way.md).
 */
package io.lockstep.swarm.rightofway;
