package io.lockstep.platform.sim;

/** A world file that cannot be used; the message names the offending JSON path and the rule it breaks. */
public class InvalidWorldException extends Exception {

    public InvalidWorldException(String message) {
        super(message);
    }

    public InvalidWorldException(String message, Throwable cause) {
        super(message, cause);
    }
}
