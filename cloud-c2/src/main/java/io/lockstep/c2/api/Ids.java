package io.lockstep.c2.api;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one grammar for node and mission ids, checked at every entry point (REST paths and bodies, the
 * link's Hello, status updates, heartbeats, telemetry) before an id reaches a Redis key or a log line:
 * 1 to 128 characters of {@code A-Z a-z 0-9 _ . -}, starting with a letter or digit. Mission ids C2 makes
 * are UUIDs, which fit. No ':' (the Redis key separator), no whitespace, no control characters.
 */
public final class Ids {

    public static final int MAX_LENGTH = 128;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    public static final String GRAMMAR = "1 to " + MAX_LENGTH
            + " of A-Z a-z 0-9 _ . - starting with a letter or digit";

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Why {@code id} is not a valid {@code what} (e.g. "node id"), or empty when it is valid. */
    public static Optional<String> problem(String what, String id) {
        if (isValid(id)) {
            return Optional.empty();
        }
        return Optional.of(what + " must be " + GRAMMAR + ", got " + LogText.quote(id));
    }
}
