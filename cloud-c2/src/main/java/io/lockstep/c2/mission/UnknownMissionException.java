package io.lockstep.c2.mission;

/** No mission has this id (any more). */
public class UnknownMissionException extends RuntimeException {

    public UnknownMissionException(String missionId) {
        super("no mission with id '" + missionId + "'");
    }

    public UnknownMissionException(String missionId, String message) {
        super(message);
    }
}
