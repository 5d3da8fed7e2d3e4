package io.lockstep.runtime.journal;

import io.lockstep.runtime.engine.CanonicalInputs;

/**
 * One journaled tick: its inputs and, unless the node stopped while running it, its result.
 *
 * @param result null when the journal ends between the tick's inputs and its result
 */
public record JournaledTick(CanonicalInputs inputs, TickRecord result) {
}
