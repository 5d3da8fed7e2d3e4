package io.lockstep.c2.api;

import io.lockstep.c2.config.C2Config;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Chooses the body limit of each request (modules and models have their own, every JSON body the smaller
 * API limit) and refuses a body whose declared Content-Length is over it before it is read; a body without
 * a Content-Length (chunked) is counted against the same limit by {@link BodyLimit} as it is read. Also
 * refuses over-long URIs with a problem (Vert.x itself only refuses request lines over
 * quarkus.http.limits.max-initial-line-length, with a bare 414).
 */
public class RequestSizeFilter {

    /** Longest request URI (path and query) answered; every id in a path is at most 128 characters. */
    static final int MAX_URI_CHARS = 2048;

    private final C2Config config;

    public RequestSizeFilter(C2Config config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limitBodySize(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        int uriLength = request.getUriInfo().getRequestUri().getRawPath().length()
                + Optional.ofNullable(request.getUriInfo().getRequestUri().getRawQuery()).map(String::length).orElse(0);
        if (uriLength > MAX_URI_CHARS) {
            return Optional.of(Problem.of(Status.REQUEST_URI_TOO_LONG, "uri-too-long", "URI Too Long",
                    "the request URI may be at most " + MAX_URI_CHARS + " characters, got " + uriLength).toResponse());
        }
        long limit = path.startsWith("/api/v1/modules") ? config.modules().maxBytes()
                : path.startsWith("/api/v1/models") ? config.models().maxBytes()
                : path.startsWith("/api/v1/auth/") ? config.auth().maxLoginBytes()
                : config.api().maxJsonBytes();
        request.setProperty(BodyLimit.LIMIT_PROPERTY, limit);
        request.setProperty(BodyLimit.PATH_PROPERTY, path);
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return Optional.empty();
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return Optional.of(Problem.of(Status.BAD_REQUEST, "invalid-content-length", "Invalid Content-Length",
                    "Content-Length " + LogText.quote(declared) + " is not a number").toResponse());
        }
        if (length > limit) {
            return Optional.of(Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large", "Request body too large",
                    "the body of " + path + " may be at most " + limit + " bytes, Content-Length is " + length)
                    .at(path).toResponse());
        }
        return Optional.empty();
    }
}
