package io.lockstep.c2.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem+json for what the HTTP layer would otherwise refuse with an empty answer:
 * <ul>
 * <li>a request URI that is not a valid URI (a bad percent-escape such as {@code %zz}, a bare {@code |}):
 * {@code 400 invalid-uri}, before any other route, which would fail on it while matching paths or reading
 * the URI. Quarkus makes the same check (the same rule, {@link URI}'s parser) in its root handler, ahead of
 * every route, with an empty 400; the system property {@value #QUARKUS_URI_CHECK_SWITCH} turns that off, and
 * {@code C2Main} sets it before Quarkus starts. Started any other way (a {@code @QuarkusTest} without the property), Quarkus' own check stays on:
 * an invalid URI is refused either way.</li>
 * <li>a declared {@code Content-Length} over {@code quarkus.http.limits.max-body-size}, which Quarkus' own
 * route (order -2) answers with an empty 413: {@code 413 body-too-large}, checked one route earlier with the
 * same limit, closing the connection as Quarkus does so the body is never read. A Content-Length that is not
 * a number is a 400 problem.</li>
 * </ul>
 *
 * <p>Not reachable from here (docs/c2.md): request lines Netty cannot parse (over
 * {@code max-initial-line-length}, a space inside the URI) and oversized headers (Netty's decoder marks the
 * request failed and Vert.x hands it to the server's invalid-request handler, never to the router; Quarkus
 * creates the server without setting that handler and Vert.x copies it into each connection when the server
 * starts listening; quarkusio/quarkus#55082), and a request target that is not a path ({@code GET *}), which
 * Vert.x Web fails with an empty 404 while creating the routing context, before any route.
 */
@ApplicationScoped
public class HttpEdgeProblems {

    static final String QUARKUS_URI_CHECK_SWITCH = "vertx.disableURIValidation";

    /** Before every route, Quarkus' own included. */
    static final int URI_CHECK_ORDER = Integer.MIN_VALUE;

    /** Quarkus' max-body-size check runs at route order -2; this one runs just before it. */
    static final int BODY_CHECK_ORDER = -3;

    private final long maxBodyBytes;

    public HttpEdgeProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.maxBodyBytes = maxBody.asLongValue();
    }

    /** Called before Quarkus starts: Quarkus reads the switch once, when it builds its root handler. */
    public static void takeOverUriCheckFromQuarkus() {
        System.setProperty(QUARKUS_URI_CHECK_SWITCH, "true");
    }

    void install(@Observes Router router) {
        router.route().order(URI_CHECK_ORDER).handler(HttpEdgeProblems::checkUri);
        router.route().order(BODY_CHECK_ORDER).handler(this::checkDeclaredLength);
    }

    private static void checkUri(RoutingContext context) {
        String uri = context.request().uri();
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            send(context, 400, "invalid-uri", "Invalid request URI", "the request URI " + LogText.quote(uri)
                    + " is not a valid URI: " + e.getReason() + " at index " + e.getIndex(), false);
            return;
        }
        context.next();
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
