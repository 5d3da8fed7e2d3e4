package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.lockstep.c2.enrollment.EnrollmentService;
import io.lockstep.pki.EnrolmentRefusedException;
import io.lockstep.pki.Pem;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.security.PublicKey;
import java.time.Duration;

/**
 * Node enrolment: an admin issues a one-time token for a node id; the node redeems it (no account, the token is
 * the credential) for a certificate from the fleet CA over its own public key. See docs/c2.md.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

    /** Longest token lifetime a request may ask for. */
    static final Duration MAX_TTL = Duration.ofDays(30);

    /** Body of POST /enrollment-tokens; {@code ttlSeconds} defaults to lockstep.c2.enrollment.token-ttl. */
    @Schema(example = "{\"nodeId\": \"node-7\", \"ttlSeconds\": 3600}")
    public record TokenRequest(String nodeId, Long ttlSeconds) {
    }

    /** Body of POST /enrollments: the node, its token and its public key (base64 DER SubjectPublicKeyInfo, EC). */
    @Schema(example = "{\"nodeId\": \"node-7\", \"token\": \"3q2-7wXbT0m1c9Yp4kL8sQ\", \"publicKey\": \"MCowBQYDK2VwAyEA…(base64 DER SubjectPublicKeyInfo)\"}")
    public record EnrollmentRequest(String nodeId, String token, String publicKey) {
    }

    private final EnrollmentService enrollment;
    private final StrictJsonBody jsonBody;

    public EnrollmentResource(EnrollmentService enrollment, StrictJsonBody jsonBody) {
        this.enrollment = enrollment;
        this.jsonBody = jsonBody;
    }

    @POST
    @Path("/enrollment-tokens")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    @APIResponse(responseCode = "201", description = "A one-time enrolment token for the node", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EnrollmentService.IssuedToken.class)))
    public Response issueToken(@Context HttpHeaders headers, @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = TokenRequest.class))) byte[] body) throws JsonProcessingException {
        requireEnabled();
        TokenRequest request = jsonBody.read(headers, body, TokenRequest.class);
        if (request == null) {
            throw bad("a body with nodeId is required");
        }
        PathIds.check("node id", request.nodeId());
        Duration ttl = enrollment.defaultTtl();
        if (request.ttlSeconds() != null) {
            if (request.ttlSeconds() <= 0 || request.ttlSeconds() > MAX_TTL.toSeconds()) {
                throw bad("ttlSeconds must be between 1 and " + MAX_TTL.toSeconds());
            }
            ttl = Duration.ofSeconds(request.ttlSeconds());
        }
        return Response.status(Status.CREATED).entity(enrollment.issueToken(request.nodeId(), ttl)).build();
    }

    @POST
    @Path("/enrollments")
    @Consumes(MediaType.WILDCARD)
    @PermitAll
    @APIResponse(responseCode = "201", description = "The node's certificate chain and the fleet CA to trust", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EnrollmentService.Enrolled.class)))
    public Response enrol(@Context HttpHeaders headers, @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = EnrollmentRequest.class))) byte[] body) throws JsonProcessingException {
        requireEnabled();
        EnrollmentRequest request = jsonBody.read(headers, body, EnrollmentRequest.class);
        if (request == null || request.token() == null || request.token().isBlank() || request.publicKey() == null) {
            throw bad("nodeId, token and publicKey are required");
        }
        PathIds.check("node id", request.nodeId());
        PublicKey key;
        try {
            key = Pem.publicKey(request.publicKey());
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        try {
            return Response.status(Status.CREATED).entity(enrollment.enrol(request.nodeId(), request.token(), key))
                    .build();
        } catch (EnrolmentRefusedException e) {
            throw new ProblemException(Problem.of(Status.FORBIDDEN, slug(e.reason()), "Enrolment refused",
                    e.getMessage()));
        }
    }

    private static String slug(EnrolmentRefusedException.Reason reason) {
        return switch (reason) {
            case UNKNOWN_TOKEN -> "enrollment-token-unknown";
            case ALREADY_USED -> "enrollment-token-used";
            case EXPIRED -> "enrollment-token-expired";
            case OTHER_NODE -> "enrollment-token-other-node";
        };
    }

    private void requireEnabled() {
        if (!enrollment.enabled()) {
            throw new ProblemException(Problem.of(Status.SERVICE_UNAVAILABLE, "enrollment-not-configured",
                    "Enrolment not configured", "this C2 holds no fleet CA: set lockstep.c2.enrollment.ca-dir"));
        }
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, "invalid-enrollment", "Invalid enrolment request",
                detail));
    }
}
