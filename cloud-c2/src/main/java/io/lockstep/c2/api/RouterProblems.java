package io.lockstep.c2.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

/**
 * Requests that fail in Vert.x before they reach a REST resource (a path that cannot be decoded, say) are
 * answered with a problem+json body too, instead of a bare status line.
 */
@ApplicationScoped
public class RouterProblems {

    private static final int[] STATUSES = {400, 404, 405, 413, 414, 431};

    private final ObjectMapper mapper;

    public RouterProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        for (int status : STATUSES) {
            router.errorHandler(status, context -> answer(context, status));
        }
    }

    private void answer(RoutingContext context, int status) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type == null ? "HTTP " + status : type.getReasonPhrase();
        String slug = reason.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        Problem problem = new Problem("urn:lockstep:problem:" + slug, reason, status,
                status == 400 ? "the request could not be read (malformed path, header or body framing)"
                        : "the request failed with HTTP " + status, null, java.util.List.of());
        try {
            context.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(status).end();
        }
    }
}
