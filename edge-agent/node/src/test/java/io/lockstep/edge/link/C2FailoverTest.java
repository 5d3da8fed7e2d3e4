package io.lockstep.edge.link;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.testing.FakeC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.StatusUpdate;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node given several C2 replicas (lockstep.node.c2.targets) moves to the next one when its link is lost. */
class C2FailoverTest {

    @TempDir
    Path dir;

    private FakeC2 first;
    private FakeC2 second;
    private C2Link link;

    @AfterEach
    void stop() throws Exception {
        TestLinks.close(link);
        for (FakeC2 c2 : new FakeC2[] {first, second}) {
            if (c2 != null) {
                c2.close();
            }
        }
    }

    private C2Link newLink(List<C2Address> targets) {
        LinkSettings settings = new LinkSettings(targets.get(0).host(), targets.get(0).port(), Optional.empty(), 200,
                5_000, 20, 200, LinkSettings.DEFAULT_RESEND_AFTER_MILLIS).withTargets(targets);
        C2Link l = TestLinks.link(settings, dir, 1000, () -> Heartbeat.newBuilder().setMissionId("m").build(),
                TestLinks.QUIET);
        l.start();
        return l;
    }

    @Test
    void aLostLinkMovesToTheNextReplicaAndTheOutboxFollows() throws Exception {
        first = new FakeC2();
        second = new FakeC2();
        link = newLink(List.of(new C2Address("127.0.0.1", first.port()), new C2Address("127.0.0.1", second.port())));
        await("link up on the first replica", () -> link.state() == LinkState.CONNECTED && first.hellos() == 1);
        link.sendStatus(StatusUpdate.newBuilder().setMissionId("m").setDetail("a").build());
        await("a stored by the first", () -> first.lastStoredSeq() == 1);
        await("a acknowledged", () -> link.outbox().pendingCount() == 0);

        // The first replica dies for good (it refuses every new stream): the node links to the second.
        first.cut();
        link.sendStatus(StatusUpdate.newBuilder().setMissionId("m").setDetail("b").build());
        await("link up on the second replica", () -> second.hellos() >= 1 && link.state() == LinkState.CONNECTED);
        // a was acknowledged by the first replica, so the node does not send it again; b, queued while the
        // link was down, goes to the second.
        await("b stored by the second", () -> second.lastStoredSeq() == 2);
        assertEquals(List.of("b"), second.stored().stream().map(m -> m.getStatus().getDetail()).toList());
        await("b acknowledged", () -> link.outbox().pendingCount() == 0);
        assertEquals(1, first.hellos(), "no reconnect to the dead replica once the second answered");
    }

    @Test
    void aTargetThatRefusesConnectionsIsSkipped() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        second = new FakeC2();
        link = newLink(List.of(new C2Address("127.0.0.1", closedPort), new C2Address("127.0.0.1", second.port())));
        await("link up on the second target", () -> link.state() == LinkState.CONNECTED && second.hellos() == 1);
        assertTrue(link.sessionsEstablished() >= 1);
    }

    @Test
    void targetListsAreParsedWithClearErrors() {
        assertEquals(List.of(new C2Address("c2-a", 9000), new C2Address("::1", 9001)),
                C2Address.parseList(" c2-a:9000, [::1]:9001 ,"));
        assertEquals("[::1]:9001", new C2Address("::1", 9001).toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> C2Address.parseList("c2-a"))
                .getMessage().contains("host:port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> C2Address.parseList("c2-a:http"))
                .getMessage().contains("number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> C2Address.parseList("c2-a:70000"))
                .getMessage().contains("1..65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> C2Address.parseList(" , "))
                .getMessage().contains("at least one"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> C2Address.parseList("::1:9000"))
                .getMessage().contains("brackets"));
    }
}
