package io.lockstep.c2.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lockstep.c2.mission.FieldError;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} (an extension member) lists field-level problems when a
 * request body has several.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:lockstep:problem:";

    public static Problem of(Response.StatusType status, String slug, String title, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status.getStatusCode(), detail, null, List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
