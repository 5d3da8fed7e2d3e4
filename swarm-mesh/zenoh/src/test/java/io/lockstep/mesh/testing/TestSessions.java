package io.lockstep.mesh.testing;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens loopback sessions for a test and closes them all after it (after the test's own {@code @AfterEach}
 * methods). Register it on a field: {@code @RegisterExtension final TestSessions sessions = new TestSessions();}.
 */
public final class TestSessions implements AfterEachCallback, AutoCloseable {
    private final List<Session> opened = new ArrayList<>();

    public Session listener() throws IOException {
        return open(Config.peer().listen("tcp/127.0.0.1:0"));
    }

    public Session connectedTo(Session listener) throws IOException {
        Session s = open(Config.peer().connect(listener.listenEndpoints().get(0)).reconnectBackoff(50, 400));
        Await.until(() -> !s.peers().isEmpty() && !listener.peers().isEmpty(), "session established");
        return s;
    }

    public Session open(Config config) throws IOException {
        Session s = Zenoh.open(config);
        opened.add(s);
        return s;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        opened.forEach(Session::close);
    }
}
