package io.lockstep.edge.debug;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The debug port refuses a request URI that is not a valid URI (a bad percent-escape such as {@code %zz}, a
 * bare {@code |}) with a {@code 400 invalid-uri} problem, before any other route, which would fail on it
 * while matching paths or reading the URI.
 *
 * <p>Quarkus makes the same check (the same rule, {@link URI}'s parser) in its root handler, ahead of every
 * route, with an empty 400. The system property {@value #QUARKUS_SWITCH} turns that off; {@code NodeMain}
 * sets it before Quarkus starts. Started any other way, Quarkus' own check stays on: the URI is refused
 * either way.
 */
@ApplicationScoped
public class DebugUriCheck {

    static final String QUARKUS_SWITCH = "vertx.disableURIValidation";

    /** Called before Quarkus starts: Quarkus reads the switch once, when it builds its root handler. */
    public static void takeOverFromQuarkus() {
        System.setProperty(QUARKUS_SWITCH, "true");
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(DebugUriCheck::check);
    }

    private static void check(RoutingContext context) {
        String uri = context.request().uri();
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            send(context, DebugProblem.of(Response.Status.BAD_REQUEST, "invalid-uri", "the request URI "
                    + LogFollowStream.quote(uri) + " is not a valid URI: " + e.getReason() + " at index " + e.getIndex()));
            return;
        }
        context.next();
    }

    private static void send(RoutingContext context, DebugProblem problem) {
        context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, DebugProblem.MEDIA_TYPE)
                .end(JsonObject.mapFrom(problem).encode());
    }
}
