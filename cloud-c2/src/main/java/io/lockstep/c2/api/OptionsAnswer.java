package io.lockstep.c2.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Answers OPTIONS with the methods the path really allows (see {@link AllowedMethods}). */
public class OptionsAnswer {

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> options(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
            return Optional.empty();
        }
        return AllowedMethods.forPath(request.getUriInfo().getPath())
                .map(allow -> Response.ok().header("Allow", allow).build());
    }
}
