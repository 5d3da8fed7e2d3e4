package io.lockstep.c2.api;

import io.lockstep.c2.config.C2Config;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body whose declared Content-Length is over the limit for its endpoint before it is read:
 * modules and models have their own limits, every JSON body the smaller API limit.
 */
public class RequestSizeFilter {

    private final C2Config config;

    public RequestSizeFilter(C2Config config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limitBodySize(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return Optional.empty();
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return Optional.of(Problem.of(Status.BAD_REQUEST, "invalid-content-length", "Invalid Content-Length",
                    "Content-Length '" + declared + "' is not a number").toResponse());
        }
        String path = request.getUriInfo().getPath();
        long limit = path.startsWith("/api/v1/modules") ? config.modules().maxBytes()
                : path.startsWith("/api/v1/models") ? config.models().maxBytes()
                : config.api().maxJsonBytes();
        if (length > limit) {
            return Optional.of(Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large", "Request body too large",
                    "the body of " + path + " may be at most " + limit + " bytes, Content-Length is " + length)
                    .at(path).toResponse());
        }
        return Optional.empty();
    }
}
