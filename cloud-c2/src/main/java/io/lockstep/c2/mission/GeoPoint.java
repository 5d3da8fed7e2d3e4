package io.lockstep.c2.mission;

/** A WGS84 position in decimal degrees. Boxed so a missing coordinate is reported, not read as 0. */
public record GeoPoint(Double lat, Double lon) {
}
