package io.lockstep.c2.mission;

/** One problem with one field of a request, e.g. {@code area[2].lat}. */
public record FieldError(String field, String message) {
}
