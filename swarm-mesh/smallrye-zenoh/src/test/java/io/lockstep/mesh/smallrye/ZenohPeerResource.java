package io.lockstep.mesh.smallrye;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A plain Zenoh peer listening on loopback; the Quarkus application's channels connect to it. */
public class ZenohPeerResource implements QuarkusTestResourceLifecycleManager {
    static volatile Session peer;

    @Override
    public Map<String, String> start() {
        try {
            peer = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String endpoint = peer.listenEndpoints().get(0);
        return Map.of("mp.messaging.incoming.telemetry.connect", endpoint,
                "mp.messaging.outgoing.commands.connect", endpoint);
    }

    @Override
    public void stop() {
        if (peer != null) {
            peer.close();
        }
    }
}
