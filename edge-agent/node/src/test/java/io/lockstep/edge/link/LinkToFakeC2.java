package io.lockstep.edge.link;

import io.lockstep.edge.testing.FakeC2;
import io.lockstep.edge.testing.FakeC2PerTest;
import io.lockstep.proto.v1.Heartbeat;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Per test: a {@link FakeC2}, and node-1's link to it once the test starts one; after the test (and its own
 * {@code @AfterEach} methods) the link, its outbox and spool are closed, then C2. Register it on a field:
 * {@code @RegisterExtension final LinkToFakeC2 fixture = new LinkToFakeC2();}.
 */
final class LinkToFakeC2 extends FakeC2PerTest {
    private C2Link link;

    @Override
    protected void closeClients() {
        TestLinks.close(link);
        link = null;
    }

    /** To this C2 over plain TCP: heartbeats every {@code heartbeatMillis}, 5 s handshake, backoff 20..200 ms. */
    LinkSettings settings(long heartbeatMillis) {
        return new LinkSettings("127.0.0.1", c2().port(), Optional.empty(), heartbeatMillis, 5_000, 20, 200);
    }

    /**
     * Builds node-1's link ({@link TestLinks#link}) and starts it. It is the link closed after the test: a test that
     * starts another (a restarted node) closes the previous one itself.
     */
    C2Link start(LinkSettings settings, Path dir, int spoolMaxEntries, Supplier<Heartbeat> heartbeat,
            LinkListener listener) {
        link = TestLinks.link(settings, dir, spoolMaxEntries, heartbeat, listener);
        link.start();
        return link;
    }
}
