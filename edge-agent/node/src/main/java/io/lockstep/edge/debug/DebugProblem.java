package io.lockstep.edge.debug;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail as the debug port answers every client error: {@code type} is
 * {@code urn:lockstep:problem:<slug>}, {@code detail} says what was wrong in words.
 */
public record DebugProblem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static DebugProblem of(Response.StatusType status, String slug, String detail) {
        return new DebugProblem("urn:lockstep:problem:" + slug, status.getReasonPhrase(), status.getStatusCode(), detail);
    }

    /** An exception that ends the request with this problem. */
    WebApplicationException exception() {
        return new WebApplicationException(detail, Response.status(status).type(MEDIA_TYPE).entity(this).build());
    }
}
