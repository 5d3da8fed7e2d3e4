package io.lockstep.edge.debug;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns a JAX-RS error without a body (a {@code BadRequestException("...")}, a {@code NotFoundException},
 * the framework's 404/405/415) into problem+json with the exception's message as {@code detail}, keeping
 * the original status and headers ({@code Allow}, {@code Retry-After}). An error that already carries a
 * body is answered as it is.
 */
public class DebugProblemMapper {

    @ServerExceptionMapper
    public Response toProblem(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        Response.StatusType status = original.getStatusInfo();
        String slug = status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Response.ResponseBuilder answer = Response.status(status.getStatusCode()).type(DebugProblem.MEDIA_TYPE)
                .entity(DebugProblem.of(status, slug, e.getMessage() == null ? status.getReasonPhrase() : e.getMessage()));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer.build();
    }
}
