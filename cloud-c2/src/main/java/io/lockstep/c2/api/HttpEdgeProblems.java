package io.lockstep.c2.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem+json for what Vert.x and Quarkus refuse before any JAX-RS code runs:
 * <ul>
 * <li>a request URI that cannot be decoded (a bad percent-escape such as {@code %zz}) or another routing
 * failure with status 400 (Quarkus and Vert.x answered them with an empty 400);</li>
 * <li>a declared {@code Content-Length} over {@code quarkus.http.limits.max-body-size} (Quarkus' own check
 * answered an empty 413): checked here first, one route earlier, with the same limit, closing the
 * connection as Quarkus does so the body is never read.</li>
 * </ul>
 * Request lines over {@code quarkus.http.limits.max-initial-line-length} and headers over
 * {@code max-header-size} are refused by Vert.x's HTTP decoder through its invalid-request handler, which
 * Quarkus offers no way to replace; docs/c2.md says so.
 */
@ApplicationScoped
public class HttpEdgeProblems {

    /** Quarkus' max-body-size check runs at route order -2; this one runs just before it. */
    static final int BODY_CHECK_ORDER = -3;

    private final long maxBodyBytes;

    public HttpEdgeProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(BODY_CHECK_ORDER).handler(this::checkDeclaredLength);
        // A handler that cannot decode the URI (Quarkus' static resources, behind which the dashboard is
        // served, for %zz) fails the route with 400 and no exception; Quarkus' last failure handler then
        // answers an empty 400. This failure handler comes before it.
        router.route().failureHandler(context -> {
            if (context.statusCode() == 400) {
                badRequest(context);
            } else {
                context.next();
            }
        });
        // ...and the router's own answer to a 400 no failure handler took.
        router.errorHandler(400, this::badRequest);
    }

    private void badRequest(RoutingContext context) {
        Throwable failure = context.failure();
        String why = failure == null || failure.getMessage() == null ? "" : ": " + LogText.quote(failure.getMessage());
        send(context, 400, "bad-request", "Bad request",
                "the request URI or headers cannot be parsed (is every %-escape in the URI two hex digits?)" + why,
                false);
    }

    private void checkDeclaredLength(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                send(context, 400, "invalid-content-length", "Invalid Content-Length",
                        "Content-Length " + LogText.quote(declared) + " is not a number", true);
                return;
            }
            if (length > maxBodyBytes) {
                send(context, 413, "body-too-large", "Request body too large", "a request body may be at most "
                        + maxBodyBytes + " bytes (quarkus.http.limits.max-body-size), Content-Length is " + length, true);
                return;
            }
        }
        context.next();
    }

    private static void send(RoutingContext context, int status, String slug, String title, String detail, boolean close) {
        if (context.response().ended()) {
            return;
        }
        JsonObject problem = new JsonObject().put("type", "urn:lockstep:problem:" + slug).put("title", title)
                .put("status", status).put("detail", detail);
        var response = context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(done -> context.request().connection().close());
        }
        response.end(problem.encode());
    }
}
