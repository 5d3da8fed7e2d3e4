package io.lockstep.c2.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.lockstep.c2.fleet.UnknownNodeException;
import io.lockstep.c2.mission.MissionConflictException;
import io.lockstep.c2.mission.UnknownMissionException;
import io.lockstep.c2.mission.ValidationException;
import io.lockstep.c2.module.InvalidModuleException;
import io.lockstep.c2.redis.RedisUnavailable;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure of a REST request into an application/problem+json response (RFC 9457). */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Problem problem = e.problem().at(uri.getPath());
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response validation(ValidationException e, UriInfo uri) {
        return Problem.of(Status.BAD_REQUEST, "invalid-request", "The request has invalid fields", e.getMessage())
                .withErrors(e.errors()).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidModule(InvalidModuleException e, UriInfo uri) {
        return Problem.of(Status.BAD_REQUEST, "invalid-module", "Not a valid agent module", e.getMessage())
                .at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unknownMission(UnknownMissionException e, UriInfo uri) {
        return Problem.of(Status.NOT_FOUND, "unknown-mission", "Unknown mission", e.getMessage())
                .at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unknownNode(UnknownNodeException e, UriInfo uri) {
        return Problem.of(Status.NOT_FOUND, "unknown-node", "Unknown node", e.getMessage())
                .at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response capabilityMismatch(io.lockstep.c2.mission.CapabilityMismatchException e, UriInfo uri) {
        return Problem.of(Status.CONFLICT, "capability-mismatch", "The chosen nodes cannot run this mission",
                e.getMessage()).withErrors(e.missing()).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(MissionConflictException e, UriInfo uri) {
        return Problem.of(Status.CONFLICT, "mission-state-conflict", "The mission's state does not allow this",
                e.getMessage()).at(uri.getPath()).toResponse();
    }

    /** Takes precedence over Quarkus' built-in mapper for this type, which answers in plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        Problem problem;
        if (e instanceof UnrecognizedPropertyException unknown) {
            problem = Problem.of(Status.BAD_REQUEST, "unknown-field", "Unknown field",
                    "unknown field '" + unknown.getPropertyName() + "' at " + path(unknown)
                            + "; known fields: " + unknown.getKnownPropertyIds());
        } else if (e instanceof InvalidFormatException invalid) {
            String accepted = invalid.getTargetType() != null && invalid.getTargetType().isEnum()
                    ? "; accepted values: " + Arrays.stream(invalid.getTargetType().getEnumConstants())
                            .map(Object::toString).collect(Collectors.joining(", "))
                    : "";
            problem = Problem.of(Status.BAD_REQUEST, "invalid-field", "Invalid field value",
                    "invalid value " + invalid.getValue() + " at " + path(invalid) + accepted);
        } else if (e instanceof JsonParseException parse) {
            problem = Problem.of(Status.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "the body is not valid JSON: " + parse.getOriginalMessage()
                            + (parse.getLocation() == null ? "" : " at line " + parse.getLocation().getLineNr()
                                    + ", column " + parse.getLocation().getColumnNr()));
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            problem = Problem.of(Status.BAD_REQUEST, "invalid-field", "Invalid field value",
                    "cannot read " + path(mismatch) + ": expected " + jsonKind(mismatch.getTargetType()));
        } else if (e instanceof JsonMappingException mapping) {
            problem = Problem.of(Status.BAD_REQUEST, "invalid-field", "Invalid field value",
                    "cannot read " + path(mapping) + ": " + withoutJavaNames(mapping.getOriginalMessage()));
        } else {
            problem = Problem.of(Status.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    withoutJavaNames(e.getOriginalMessage()));
        }
        return problem.at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // The JSON body reader wraps Jackson's exception; report what Jackson found, not just "400".
        if (e.getCause() instanceof JsonProcessingException jsonProblem) {
            return json(jsonProblem, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String slug = status.getReasonPhrase().toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                ? describe(status.getStatusCode(), uri) : e.getMessage();
        Response response = Problem.of(status, slug.isEmpty() ? "http-" + status.getStatusCode() : slug,
                status.getReasonPhrase(), detail).at(uri.getPath()).toResponse();
        if (status.getStatusCode() == 405) {
            // RFC 9110: a 405 must say which methods the resource does allow.
            AllowedMethods.forPath(uri.getPath()).ifPresent(allow -> response.getHeaders().putSingle("Allow", allow));
        }
        return response;
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (RedisUnavailable.isCause(e)) {
            LOG.warnf("Request %s shed: Redis is busy or unreachable (%s)", uri.getPath(), e.toString());
            Problem problem = Problem.of(Status.SERVICE_UNAVAILABLE, "overloaded", "C2 is overloaded",
                    "C2's store is busy or unreachable; retry after " + RedisUnavailable.RETRY_AFTER_SECONDS + " s")
                    .at(uri.getPath());
            return Response.status(Status.SERVICE_UNAVAILABLE).type(Problem.MEDIA_TYPE).entity(problem)
                    .header("Retry-After", RedisUnavailable.RETRY_AFTER_SECONDS).build();
        }
        LOG.errorf(e, "Request %s failed", uri.getPath());
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "C2 could not complete the request; see the C2 log")
                .at(uri.getPath()).toResponse();
    }

    /** What JSON a Java target type reads, in the words of the API rather than of its classes. */
    private static String jsonKind(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a JSON string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
            return "a JSON number";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    /** Jackson names Java types in its messages (`io.lockstep.c2.mission.MissionSpec`); C2's answers do not. */
    static String withoutJavaNames(String message) {
        if (message == null) {
            return "";
        }
        return message.replaceAll("`?\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*`?", "a value")
                .replaceAll("`?\\b[A-Z][A-Za-z0-9_]*(?:Exception|Error)\\b`?", "an error")
                .replaceAll("\\s*\\(through reference chain:[^)]*\\)", "");
    }

    private static String describe(int status, UriInfo uri) {
        return switch (status) {
            case 404 -> "no resource at " + uri.getPath();
            case 405 -> "this method is not allowed on " + uri.getPath();
            case 406 -> "cannot produce the requested media type";
            case 413 -> "the request body is too large";
            case 415 -> "unsupported Content-Type for " + uri.getPath();
            default -> "the request failed with HTTP " + status;
        };
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "the top level" : path.startsWith(".") ? path.substring(1) : path;
    }
}
