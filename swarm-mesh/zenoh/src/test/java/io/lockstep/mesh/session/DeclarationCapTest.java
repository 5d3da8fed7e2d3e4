package io.lockstep.mesh.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.message.network.Declaration;
import io.lockstep.mesh.message.network.Declare;
import io.lockstep.mesh.message.network.NetworkMessage;
import io.lockstep.mesh.message.network.Push;
import io.lockstep.mesh.message.network.WireExpr;
import io.lockstep.mesh.message.payload.Put;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.RawPeer;
import io.lockstep.mesh.testing.TestSessions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A peer may hold at most {@link SessionConfig#DEFAULT_MAX_DECLARATIONS_PER_PEER} live declarations (subscribers,
 * queryables, tokens and key-expression ids together) on its transport: one more closes that transport, drops all it
 * declared and is counted; a peer at the cap, and every other peer, carries on.
 */
class DeclarationCapTest {
    private static final int CAP = SessionConfig.DEFAULT_MAX_DECLARATIONS_PER_PEER;

    @RegisterExtension
    final TestSessions sessions = new TestSessions();

    private Session target;
    private Session friend;
    private final List<String> probes = new CopyOnWriteArrayList<>();
    private int declarationsBefore;
    private int tokensBefore;

    /** A session with a well-behaved peer whose token it holds, and a subscriber that sees the probes. */
    @BeforeEach
    void targetWithAFriend() throws IOException {
        target = sessions.listener();
        target.declareSubscriber("probe/**", s -> probes.add(s.payloadAsString()));
        friend = sessions.connectedTo(target);
        friend.liveliness().declareToken("node/friend");
        Await.until(() -> target.core().peerTokensAlive() == 1, "the friend's token held");
        declarationsBefore = target.core().peerDeclarations();
        tokensBefore = target.core().peerTokensAlive();
    }

    @Test
    void aPeerThatDeclaresPastTheCapLosesItsSessionAndEverythingItDeclared() throws Exception {
        try (RawPeer hostile = RawPeer.connect(target.listenEndpoints().get(0), 10_000)) {
            declareUpTo(hostile, CAP);
            probe(hostile, "at the cap");
            assertEquals(declarationsBefore + CAP, target.core().peerDeclarations());
            assertEquals(tokensBefore + CAP / 4, target.core().peerTokensAlive());

            hostile.send(Declare.of(new Declaration.Token(CAP, WireExpr.of("cap/t/one-too-many"))));
            Close close = hostile.awaitClose();
            assertNotNull(close, "the session sent CLOSE before dropping the peer");
            assertEquals(Close.GENERIC, close.reason());
        }
        Await.until(() -> target.peers().size() == 1, "only the friend remains");
        assertEquals(friend.zid(), target.peers().get(0).zid());
        assertEquals(1, target.peersOverDeclarationCap());
        assertEquals(declarationsBefore, target.core().peerDeclarations());
        // The closed transport's tokens are released one by one after it leaves the peer list.
        Await.until(() -> target.core().peerTokensAlive() == tokensBefore, "the peer's tokens released");
        assertEquals(List.of("node/friend"), target.liveliness().getAll("**", Duration.ofSeconds(5)).stream()
                .map(Sample::keyExpr).toList());
        friend.put("probe/friend", "still here");
        Await.until(() -> probes.contains("still here"), "the friend's publication delivered");
        assertFalse(target.isClosed());
    }

    @Test
    void aPeerAtTheCapMayReplaceAndUndeclareAndUseTheRoomItFreed() throws Exception {
        try (RawPeer peer = RawPeer.connect(target.listenEndpoints().get(0), 10_000)) {
            declareUpTo(peer, CAP);
            // Re-declaring an id the peer holds replaces it; undeclaring frees room for one new declaration.
            peer.send(Declare.of(new Declaration.Subscriber(1, WireExpr.of("cap/s/replaced"))),
                    Declare.of(new Declaration.UndeclareToken(3, null)),
                    Declare.of(new Declaration.Token(CAP, WireExpr.of("cap/t/in-the-freed-room"))));
            probe(peer, "still at the cap");
            assertEquals(2, target.peers().size());
            assertEquals(0, target.peersOverDeclarationCap());
            assertEquals(declarationsBefore + CAP, target.core().peerDeclarations());
        }
    }

    /** Declares ids 0 .. count-1, a quarter each of key expressions, subscribers, queryables and tokens. */
    private static void declareUpTo(RawPeer peer, int count) throws IOException {
        List<NetworkMessage> frame = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frame.add(Declare.of(switch (i % 4) {
                case 0 -> new Declaration.KeyExpr(i, WireExpr.of("cap/k/" + i));
                case 1 -> new Declaration.Subscriber(i, WireExpr.of("cap/s/" + i));
                case 2 -> new Declaration.Queryable(i, WireExpr.of("cap/q/" + i), null);
                default -> new Declaration.Token(i, WireExpr.of("cap/t/" + i));
            }));
            if (frame.size() == 64 || i == count - 1) {
                peer.send(frame.toArray(NetworkMessage[]::new));
                frame.clear();
            }
        }
    }

    /** Publishes {@code text} and waits for it: everything the peer sent before has been handled. */
    private void probe(RawPeer peer, String text) throws IOException {
        peer.send(new Push(WireExpr.of("probe/raw"), null, null, null,
                new Put(null, null, null, null, text.getBytes(StandardCharsets.UTF_8))));
        Await.until(() -> probes.contains(text), "probe '" + text + "' delivered");
    }
}
