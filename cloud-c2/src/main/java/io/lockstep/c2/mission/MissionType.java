package io.lockstep.c2.mission;

/** What a mission is for; mirrors lockstep.v1.MissionType without its UNSPECIFIED value. */
public enum MissionType {
    SURVEY,
    PATROL,
    DELIVER
}
