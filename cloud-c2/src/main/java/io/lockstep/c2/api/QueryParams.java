package io.lockstep.c2.api;

import io.lockstep.c2.mission.FieldError;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks query parameters of the read endpoints: only known names (a typo is never ignored), each at most
 * once unless it may repeat, instants in ISO-8601, limits in range. Every failure is collected and answered
 * as one {@code 400 invalid-query} problem listing each parameter.
 */
final class QueryParams {

    private final MultivaluedMap<String, String> params;
    private final List<FieldError> errors = new ArrayList<>();

    QueryParams(MultivaluedMap<String, String> params, Set<String> allowed, Set<String> repeatable) {
        this.params = params;
        for (String name : new TreeSet<>(params.keySet())) {
            if (!allowed.contains(name)) {
                errors.add(new FieldError(name, "unknown query parameter; known: " + String.join(", ", new TreeSet<>(allowed))));
            } else if (!repeatable.contains(name) && params.get(name).size() > 1) {
                errors.add(new FieldError(name, "may be given once"));
            }
        }
    }

    String single(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a repeatable parameter; each value may also be a comma-separated list. */
    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (String value : params.getOrDefault(name, List.of())) {
            for (String part : value.split(",", -1)) {
                if (part.isBlank()) {
                    errors.add(new FieldError(name, "has an empty value"));
                } else {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    Instant instant(String name) {
        String value = single(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant such as 2030-01-01T12:00:00Z, was "
                    + LogText.quote(value)));
            return null;
        }
    }

    /** @return the value, {@code absent} when not given */
    int integer(String name, int min, int max, int absent) {
        String value = single(name);
        if (value == null) {
            return absent;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, "must be an integer between " + min + " and " + max + ", was "
                + LogText.quote(value)));
        return absent;
    }

    void error(String name, String message) {
        errors.add(new FieldError(name, message));
    }

    /** Ends the request with a 400 problem when any parameter was wrong. */
    void check() {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(Status.BAD_REQUEST, "invalid-query", "The query has invalid parameters",
                    String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()))
                    .withErrors(errors));
        }
    }

    static ProblemException invalidCursor(String why) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, "invalid-cursor", "Invalid cursor", why));
    }
}
