package io.lockstep.edge.command;

/** The node will not apply a command; the message goes back to C2 in the CommandAck. */
public final class CommandRefusedException extends Exception {

    public CommandRefusedException(String message) {
        super(message);
    }
}
