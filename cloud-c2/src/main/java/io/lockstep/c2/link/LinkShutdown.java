package io.lockstep.c2.link;

import io.grpc.Status;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** On shutdown, tells every connected node to reconnect rather than leaving its stream to time out. */
@ApplicationScoped
public class LinkShutdown {

    private final LinkSessions sessions;

    public LinkShutdown(LinkSessions sessions) {
        this.sessions = sessions;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        sessions.closeAll(Status.UNAVAILABLE.withDescription("C2 is shutting down; reconnect"));
    }
}
