package io.lockstep.c2.mission;

/** No mission has this id. */
public class UnknownMissionException extends RuntimeException {

    public UnknownMissionException(String missionId) {
        super("no mission with id '" + missionId + "'");
    }
}
