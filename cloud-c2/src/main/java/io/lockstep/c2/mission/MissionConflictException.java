package io.lockstep.c2.mission;

/** The mission's current state does not allow the requested action (e.g. dispatching it twice). */
public class MissionConflictException extends RuntimeException {

    public MissionConflictException(String message) {
        super(message);
    }
}
