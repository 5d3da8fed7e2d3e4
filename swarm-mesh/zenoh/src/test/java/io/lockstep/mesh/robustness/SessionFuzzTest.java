package io.lockstep.mesh.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.message.transport.Fragment;
import io.lockstep.mesh.message.transport.TransportCodec;
import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.RawPeer;
import io.lockstep.mesh.testing.TestSessions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile peers send mutated zenoh-pico frames and oversized fragment streams to a live session: only their own
 * session is closed (with a reason), user callbacks never see an exception, and other peers keep working.
 */
class SessionFuzzTest {
    @RegisterExtension
    final TestSessions sessions = new TestSessions();

    @Test
    void mutatedFramesCloseOnlyTheOffendingSession() throws Exception {
        Session target = sessions.listener();
        Session friend = sessions.connectedTo(target);
        List<Sample> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger callbackFailures = new AtomicInteger();
        target.declareSubscriber("**", s -> {
            try {
                delivered.add(s);
            } catch (RuntimeException e) {
                callbackFailures.incrementAndGet();
            }
        });
        Await.until(() -> friend.declarePublisher("friend/x", PutOptions.DEFAULT).hasMatchingSubscribers(), "subscriber");
        String endpoint = target.listenEndpoints().get(0);
        List<byte[]> mutations = FrameMutations.of(42, 3);
        int closedWithReason = 0;
        for (int i = 0; i < mutations.size(); i += 25) {
            try (RawPeer hostile = RawPeer.connect(endpoint, 10_000)) {
                try {
                    for (int j = i; j < Math.min(i + 25, mutations.size()); j++) {
                        hostile.sendRaw(mutations.get(j));
                    }
                    hostile.sendRaw(new byte[] {(byte) 0xFF}); // an unknown transport message id always ends it
                } catch (java.io.IOException e) {
                    // the session may hang up while we are still writing garbage: that is the expected outcome
                }
                Close close = hostile.awaitClose();
                assertNotNull(close, "the session answered garbage with CLOSE");
                assertEquals(Close.INVALID, close.reason());
                closedWithReason++;
            }
        }
        assertTrue(closedWithReason > 10);
        assertEquals(0, callbackFailures.get());
        delivered.clear();
        friend.put("friend/x", "still here");
        Await.until(() -> delivered.stream().anyMatch(s -> s.payloadAsString().equals("still here")),
                "the well-behaved peer is unaffected");
        assertFalse(target.isClosed());
        // The session sends CLOSE before it drops the peer, so the last hostile peer may still be leaving here.
        Await.until(() -> target.peers().size() == 1, "only the friend remains");
        assertEquals(friend.zid(), target.peers().get(0).zid());
    }

    @Test
    void oversizedReassemblyClosesTheSessionWithoutExhaustingMemory() throws Exception {
        Session target = sessions.open(Config.peer().listen("tcp/127.0.0.1:0").maxMessageSize(64 * 1024));
        try (RawPeer hostile = RawPeer.connect(target.listenEndpoints().get(0), 10_000)) {
            byte[] piece = new byte[2000];
            Close close = null;
            for (int sn = 0; sn < 1000 && close == null; sn++) {
                try {
                    hostile.sendRaw(TransportCodec.encode(new Fragment(true, true, sn, sn == 0, false, piece)));
                } catch (java.io.IOException e) {
                    break; // the session already hung up
                }
                if (sn == 40) {
                    close = hostile.awaitClose();
                }
            }
            assertNotNull(close, "CLOSE sent once the fragments exceeded the limit");
            assertEquals(Close.INVALID, close.reason());
        }
        Await.until(() -> target.peers().isEmpty(), "hostile session removed");
        assertFalse(target.isClosed());
    }
}
