package io.lockstep.mesh.smallrye;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The smallest Quarkus messaging application: one incoming and one outgoing Zenoh channel. */
@ApplicationScoped
public class TelemetryApp {
    private final List<String> received = new CopyOnWriteArrayList<>();

    @Inject
    @Channel("commands")
    Emitter<String> commands;

    @Incoming("telemetry")
    public void onTelemetry(String value) {
        received.add(value);
    }

    // Accessors, not fields: callers hold a client proxy, whose own fields are not the bean's.
    public List<String> received() {
        return received;
    }

    public void sendCommand(String command) {
        commands.send(command);
    }
}
