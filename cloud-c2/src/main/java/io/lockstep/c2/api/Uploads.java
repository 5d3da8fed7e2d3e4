package io.lockstep.c2.api;

import io.lockstep.c2.module.Sha256;
import jakarta.ws.rs.core.Response.Status;

/** Checks shared by the upload endpoints. */
final class Uploads {

    private Uploads() {
    }

    static void checkSize(byte[] body, long maxBytes, String what) {
        if (body == null || body.length == 0) {
            throw new ProblemException(Problem.of(Status.BAD_REQUEST, "empty-body", "Empty body",
                    "the request body must contain the " + what + " bytes"));
        }
        if (body.length > maxBytes) {
            throw new ProblemException(Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                    "Request body too large", "a " + what + " may be at most " + maxBytes + " bytes, got " + body.length));
        }
    }

    static void checkDigest(String sha256) {
        if (!Sha256.isDigest(sha256)) {
            throw new ProblemException(Problem.of(Status.BAD_REQUEST, "invalid-digest", "Invalid digest",
                    LogText.quote(sha256) + " is not a lower-case hex SHA-256 digest (64 characters 0-9 a-f)"));
        }
    }
}
