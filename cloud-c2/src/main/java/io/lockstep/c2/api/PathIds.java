package io.lockstep.c2.api;

import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/** Checks node and mission ids that arrive in REST paths and bodies against {@link Ids}. */
final class PathIds {

    private PathIds() {
    }

    /** @return {@code id}, when it is a valid {@code what} ("node id", "mission id"); else a 400 problem */
    static String check(String what, String id) {
        Ids.problem(what, id).ifPresent(problem -> {
            throw new ProblemException(Problem.of(Status.BAD_REQUEST, "invalid-id", "Invalid id", problem));
        });
        return id;
    }

    static void checkAll(String what, List<String> ids) {
        if (ids != null) {
            ids.forEach(id -> check(what, id));
        }
    }

    /** A reason from the REST API: at most {@link TextLimits#MAX_REASON_CHARS} characters, else a 400. */
    static String reason(String reason) {
        if (!TextLimits.fits(reason, TextLimits.MAX_REASON_CHARS)) {
            throw new ProblemException(Problem.of(Status.BAD_REQUEST, "reason-too-long", "Reason too long",
                    "reason may be at most " + TextLimits.MAX_REASON_CHARS + " characters, got " + reason.length()));
        }
        return reason;
    }
}
