package io.lockstep.c2.stream;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/v1/stream} (WebSocket): the dashboard's live data plane, for browsers and any other client.
 * The HTTP upgrade needs the viewer role, with the same bearer tokens as the REST API (browsers pass the token
 * in {@code Sec-WebSocket-Protocol}, see docs/dashboard.md). Frames are JSON text: a snapshot first, then
 * deltas, heartbeats and answers to the client's own messages.
 */
@WebSocket(path = "/api/v1/stream")
@RolesAllowed("viewer")
public class LiveStreamEndpoint {
    private static final Logger LOG = Logger.getLogger(LiveStreamEndpoint.class);

    @Inject
    StreamHub hub;

    @Inject
    SecurityIdentity identity;

    @OnOpen
    void open(WebSocketConnection connection) {
        hub.join(connection, identity.isAnonymous() ? "" : identity.getPrincipal().getName());
    }

    @OnTextMessage
    void message(WebSocketConnection connection, String text) {
        hub.fromClient(connection, text);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        hub.leave(connection);
    }

    @OnError
    void error(WebSocketConnection connection, Throwable failure) {
        // An oversized frame, a broken connection: only this client is affected.
        LOG.debugf("stream client %s failed: %s", connection.id(), failure.toString());
        hub.leave(connection);
    }
}
