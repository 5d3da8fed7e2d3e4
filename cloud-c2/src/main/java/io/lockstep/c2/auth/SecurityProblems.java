package io.lockstep.c2.auth;

import io.lockstep.c2.api.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Authentication and authorization failures as problem+json. C2 authenticates lazily
 * ({@code quarkus.http.auth.proactive=false}), so a bad token fails inside the REST layer and reaches
 * these mappers instead of getting Vert.x's bare 401.
 */
public class SecurityProblems {

    static final String CHALLENGE = "Bearer realm=\"lockstep-c2\"";

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated("a bearer token is required: log in with POST /api/v1/auth/login", uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated("the bearer token is not valid (expired, tampered with, wrong algorithm or issuer,"
                + " or signed by another key): log in again", uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(Status.FORBIDDEN, "forbidden", "Role too small",
                "this request needs a higher role than the token's (roles: viewer < operator < commander < admin)")
                .at(uri.getPath()).toResponse();
    }

    static Response unauthenticated(String detail, UriInfo uri) {
        Response response = Problem.of(Status.UNAUTHORIZED, "unauthenticated", "Authentication required", detail)
                .at(uri.getPath()).toResponse();
        response.getHeaders().putSingle("WWW-Authenticate", CHALLENGE);
        return response;
    }
}
