package io.lockstep.mesh.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import org.junit.jupiter.api.Test;

/**
 * A peer restarted on its old port must be able to listen again as soon as the previous session's close() has
 * returned. The JDK releases a listen socket only once the thread blocked in accept() has left it, which used to
 * make such an immediate re-listen fail now and then with "Address already in use".
 */
class ListenPortReleaseTest {
    private static final int RESTARTS = 100;

    @Test
    void closedSessionFreesItsListenPortBeforeCloseReturns() throws Exception {
        Session first = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0"));
        String endpoint = first.listenEndpoints().get(0);
        Session current = first;
        try {
            for (int i = 0; i < RESTARTS; i++) {
                current.close();
                current = Zenoh.open(Config.peer().listen(endpoint));
                assertEquals(endpoint, current.listenEndpoints().get(0));
            }
        } finally {
            current.close();
        }
    }
}
