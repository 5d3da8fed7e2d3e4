package io.lockstep.edge.debug;

import jakarta.ws.rs.core.Response.Status;

/**
 * Query parameters of the debug port, parsed here from the raw strings: bound to {@code long} or
 * {@code boolean} by JAX-RS, a value like {@code from=abc} was answered 404, and {@code follow=yes} read
 * as false. A bad value is a {@code 400 invalid-query} problem naming the parameter and its range.
 */
final class DebugQuery {

    private DebugQuery() {
    }

    /** @return the value, {@code absent} when the parameter is not given */
    static long integer(String name, String value, long absent, long min, long max) {
        if (value == null) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(name + " must be an integer from " + min + " to " + max + ", was " + LogFollowStream.quote(value));
    }

    /** @return {@code true} or {@code false} as given (any case), {@code absent} when not given */
    static boolean flag(String name, String value, boolean absent) {
        if (value == null) {
            return absent;
        }
        if (value.strip().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.strip().equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(name + " must be true or false, was " + LogFollowStream.quote(value));
    }

    static RuntimeException invalid(String detail) {
        return DebugProblem.of(Status.BAD_REQUEST, "invalid-query", detail).exception();
    }
}
