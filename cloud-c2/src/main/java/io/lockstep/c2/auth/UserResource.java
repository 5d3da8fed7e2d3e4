package io.lockstep.c2.auth;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.lockstep.c2.api.Problem;
import io.lockstep.c2.api.ProblemException;
import io.lockstep.c2.mission.FieldError;
import io.lockstep.c2.mission.ValidationException;
import io.lockstep.c2.security.Role;
import io.lockstep.c2.security.users.UsersFile;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The users file over REST, for admins: list, add or change, remove (each change is audited). */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {
    private static final int MIN_PASSWORD_CHARS = 8;
    private static final int MAX_PASSWORD_CHARS = 1024;

    private final UserDirectory users;

    public UserResource(UserDirectory users) {
        this.users = users;
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "List users and their roles (never their password hashes)")
    public List<UserView> list() {
        return users.file().read().stream().map(u -> new UserView(u.name(), u.role())).toList();
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user or change a user's role and password")
    @APIResponse(responseCode = "201", description = "The user, added", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "200", description = "The user, changed", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    public Response put(@PathParam("name") String name, UserChange change) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !UsersFile.NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "1 to 64 of A-Z a-z 0-9 _ . @ -, starting with a letter or digit"));
        }
        Role role = change == null ? null : Role.parse(change.role()).orElse(null);
        if (role == null) {
            errors.add(new FieldError("role", "one of " + Role.names()));
        }
        String password = change == null ? null : change.password();
        if (password == null || password.length() < MIN_PASSWORD_CHARS || password.length() > MAX_PASSWORD_CHARS) {
            errors.add(new FieldError("password", MIN_PASSWORD_CHARS + " to " + MAX_PASSWORD_CHARS + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        boolean added = users.file().put(name, role, password.toCharArray());
        return Response.status(added ? Status.CREATED : Status.OK).entity(new UserView(name, role.wireName())).build();
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed("admin")
    @Operation(summary = "Remove a user (tokens already issued stay valid until they expire)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response delete(@PathParam("name") String name) {
        if (name == null || !UsersFile.NAME.matcher(name).matches() || !users.file().remove(name)) {
            throw new ProblemException(Problem.of(Status.NOT_FOUND, "unknown-user", "Unknown user",
                    "there is no user of that name"));
        }
        return Response.noContent().build();
    }

    @Schema(example = "{\"name\": \"alice\", \"role\": \"commander\"}")
    public record UserView(String name, String role) {
    }

    @Schema(example = "{\"role\": \"operator\", \"password\": \"correct horse battery staple\"}")
    public record UserChange(String role, String password) {
    }
}
