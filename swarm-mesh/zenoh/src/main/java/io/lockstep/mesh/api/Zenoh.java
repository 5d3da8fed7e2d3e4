package io.lockstep.mesh.api;

import java.io.IOException;

/** Entry point: {@code Session s = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:7447"));}. */
public final class Zenoh {
    private Zenoh() {
    }

    public static Session open(Config config) throws IOException {
        return Session.open(config);
    }
}
