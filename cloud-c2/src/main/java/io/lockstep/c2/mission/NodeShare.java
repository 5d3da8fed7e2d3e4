package io.lockstep.c2.mission;

import java.util.List;

/** The part of a mission's area one node was assigned. */
public record NodeShare(String nodeId, int shareIndex, int shareCount, List<GeoPoint> assignedArea) {
}
