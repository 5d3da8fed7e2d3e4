package io.lockstep.c2.auth;

import io.lockstep.c2.api.Problem;
import io.lockstep.c2.api.ProblemException;
import io.lockstep.c2.audit.AuditContext;
import io.lockstep.c2.mission.FieldError;
import io.lockstep.c2.mission.ValidationException;
import io.lockstep.c2.security.Role;
import io.lockstep.c2.security.users.UsersFile;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Exchanges a user's name and password (the users file) for a signed bearer token. Open: it is how a
 * token is got. Every attempt, right or wrong, is in the audit trail (action {@code login}).
 */
@Path("/api/v1/auth/login")
@Tag(name = "auth")
public class LoginResource {
    private static final int MAX_PASSWORD_CHARS = 1024;

    private final UserDirectory users;
    private final TokenIssuer issuer;
    private final TokenVerification verification;
    private final LoginThrottle throttle;

    public LoginResource(UserDirectory users, TokenIssuer issuer, TokenVerification verification, LoginThrottle throttle) {
        this.users = users;
        this.issuer = issuer;
        this.verification = verification;
        this.throttle = throttle;
    }

    @POST
    @PermitAll
    @SecurityRequirements
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with a name and password; answers a bearer token and its expiry")
    public LoginAnswer login(LoginRequest request, @Context ContainerRequestContext context,
            @Context io.vertx.core.http.HttpServerRequest http) {
        String name = request == null ? null : request.name();
        AuditContext.set(context, name != null && UsersFile.NAME.matcher(name).matches() ? name : "anonymous", "login");
        check(request);
        if (verification.external()) {
            throw new ProblemException(Problem.of(Status.NOT_FOUND, "login-disabled", "Login is disabled",
                    "C2 accepts tokens of its OpenID Connect provider; log in there"));
        }
        String address = http == null || http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        Optional<java.time.Duration> wait = throttle.begin(request.name(), address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ProblemException(Problem.of(Status.TOO_MANY_REQUESTS, "login-throttled", "Too many failed logins",
                    "too many failed logins for this user or from this address; try again in " + seconds + " s"),
                    java.util.Map.of("Retry-After", Long.toString(seconds)));
        }
        Optional<Role> role;
        try {
            role = users.authenticate(request.name(), request.password().toCharArray());
        } catch (RuntimeException | Error e) {
            throttle.abandoned(request.name(), address);
            throw e;
        }
        if (role.isEmpty()) {
            throttle.failed(request.name(), address);
            throw new ProblemException(Problem.of(Status.UNAUTHORIZED, "invalid-credentials", "Login failed",
                    "unknown user or wrong password"));
        }
        throttle.succeeded(request.name(), address);
        TokenIssuer.IssuedToken token = issuer.issue(request.name(), role.get());
        return new LoginAnswer(token.token(), "Bearer", token.expiresAt(), token.user(), role.get().wireName(),
                role.get().andBelow());
    }

    private static void check(LoginRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            errors.add(new FieldError("body", "a JSON object {\"name\", \"password\"} is required"));
        } else {
            if (request.name() == null || !UsersFile.NAME.matcher(request.name()).matches()) {
                errors.add(new FieldError("name", "a user name (1 to 64 of A-Z a-z 0-9 _ . @ -) is required"));
            }
            if (request.password() == null || request.password().isEmpty()) {
                errors.add(new FieldError("password", "is required"));
            } else if (request.password().length() > MAX_PASSWORD_CHARS) {
                errors.add(new FieldError("password", "may be at most " + MAX_PASSWORD_CHARS + " characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
