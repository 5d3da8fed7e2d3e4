package io.lockstep.edge.command;

import io.lockstep.proto.v1.C2ToEdge;

/** Applies one C2 command. Called once per command_seq, on the dispatcher's single thread, in order. */
@FunctionalInterface
public interface CommandHandler {

    /** @throws CommandRefusedException when the node refuses it (acked with applied = false) */
    void apply(C2ToEdge command) throws CommandRefusedException;
}
