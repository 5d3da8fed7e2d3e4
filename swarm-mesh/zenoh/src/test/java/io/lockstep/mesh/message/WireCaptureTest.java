package io.lockstep.mesh.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.message.WireCaptures.CapturedFrame;
import io.lockstep.mesh.message.network.Declaration;
import io.lockstep.mesh.message.network.Declare;
import io.lockstep.mesh.message.network.NetworkMessage;
import io.lockstep.mesh.message.network.Push;
import io.lockstep.mesh.message.network.Qos;
import io.lockstep.mesh.message.network.Request;
import io.lockstep.mesh.message.network.Response;
import io.lockstep.mesh.message.network.ResponseFinal;
import io.lockstep.mesh.message.payload.Put;
import io.lockstep.mesh.message.payload.Query;
import io.lockstep.mesh.message.payload.Reply;
import io.lockstep.mesh.message.transport.Frame;
import io.lockstep.mesh.message.transport.Init;
import io.lockstep.mesh.message.transport.KeepAlive;
import io.lockstep.mesh.message.transport.Open;
import io.lockstep.mesh.message.transport.TransportCodec;
import io.lockstep.mesh.message.transport.TransportMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decodes every frame zenoh-pico 1.9.0 exchanged, checks what it means, and re-encodes it byte for byte. */
class WireCaptureTest {

    private static List<TransportMessage> decodeAndRoundTrip(String file) throws Exception {
        List<TransportMessage> out = new ArrayList<>();
        for (CapturedFrame f : WireCaptures.load(file)) {
            TransportMessage m = TransportCodec.decode(f.bytes());
            assertArrayEquals(f.bytes(), TransportCodec.encode(m), file + ":" + f.line() + " re-encodes differently");
            out.add(m);
        }
        return out;
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static NetworkMessage only(TransportMessage m) {
        Frame f = assertInstanceOf(Frame.class, m);
        assertTrue(f.reliable());
        assertEquals(1, f.messages().size());
        return f.messages().get(0);
    }

    @Test
    void everyCapturedFrameRoundTrips() throws Exception {
        List<String> files = WireCaptures.captureFiles();
        assertTrue(files.containsAll(List.of("pubsub.frames", "query.frames", "liveliness.frames", "keepalive.frames")),
                "captures present: " + files);
        int count = 0;
        for (String file : files) {
            count += decodeAndRoundTrip(file).size();
        }
        assertTrue(count >= 40, "decoded " + count + " frames");
    }

    private static void assertHandshake(List<TransportMessage> msgs) {
        Init syn = assertInstanceOf(Init.class, msgs.get(0));
        assertFalse(syn.ack());
        assertEquals(0x09, syn.version());
        assertEquals(WhatAmI.PEER, syn.whatAmI());
        assertEquals(16, syn.zid().length());
        assertEquals(Init.DEFAULT_RESOLUTION, syn.resolution());
        assertEquals(2048, syn.batchSize());
        assertEquals(1L, syn.patch());
        Init ack = assertInstanceOf(Init.class, msgs.get(1));
        assertTrue(ack.ack());
        assertEquals(WhatAmI.PEER, ack.whatAmI());
        assertEquals(0, ack.cookie().length);
        Open open = assertInstanceOf(Open.class, msgs.get(2));
        assertFalse(open.ack());
        assertEquals(10_000, open.leaseMillis());
        assertTrue(open.leaseInSeconds());
        Open openAck = assertInstanceOf(Open.class, msgs.get(3));
        assertTrue(openAck.ack());
        assertEquals(10_000, openAck.leaseMillis());
    }

    @Test
    void pubsubScenario() throws Exception {
        List<TransportMessage> msgs = decodeAndRoundTrip("pubsub.frames");
        assertHandshake(msgs);
        // Listener replays its declarations (answering the implicit interest 0): key expr, subscriber, final.
        Declare kexpr = assertInstanceOf(Declare.class, only(msgs.get(4)));
        assertEquals(0L, kexpr.interestId());
        Declaration.KeyExpr k = assertInstanceOf(Declaration.KeyExpr.class, kexpr.declaration());
        assertEquals(1, k.id());
        assertEquals("demo", k.key().suffix());
        Declare sub = assertInstanceOf(Declare.class, only(msgs.get(5)));
        Declaration.Subscriber s = assertInstanceOf(Declaration.Subscriber.class, sub.declaration());
        assertEquals(1, s.id());
        assertEquals(1, s.key().scope());
        assertEquals("/**", s.key().suffix());
        assertTrue(s.key().senderMapping());
        assertInstanceOf(Declaration.Final.class, ((Declare) only(msgs.get(6))).declaration());
        assertInstanceOf(KeepAlive.class, msgs.get(7));
        Declaration.KeyExpr pubKey = assertInstanceOf(Declaration.KeyExpr.class, ((Declare) only(msgs.get(8))).declaration());
        assertEquals("demo/example/pico", pubKey.key().suffix());
        for (int i = 0; i < 3; i++) {
            Frame f = (Frame) msgs.get(9 + i);
            assertEquals(1 + i, f.sn());
            Push push = assertInstanceOf(Push.class, only(f));
            assertEquals(pubKey.id(), push.key().scope());
            assertFalse(push.key().hasSuffix());
            assertTrue(push.key().senderMapping());
            Put put = assertInstanceOf(Put.class, push.body());
            assertEquals("[   " + i + "] hello", utf8(put.payload()));
            assertNull(put.encoding());
        }
        Declaration.UndeclareKeyExpr u = assertInstanceOf(Declaration.UndeclareKeyExpr.class,
                ((Declare) only(msgs.get(12))).declaration());
        assertEquals(1, u.id());
    }

    @Test
    void queryScenario() throws Exception {
        List<TransportMessage> msgs = decodeAndRoundTrip("query.frames");
        assertHandshake(msgs);
        Declaration.KeyExpr k = (Declaration.KeyExpr) ((Declare) only(msgs.get(4))).declaration();
        assertEquals("demo/example/q", k.key().suffix());
        Declaration.Queryable q = assertInstanceOf(Declaration.Queryable.class, ((Declare) only(msgs.get(5))).declaration());
        assertEquals(k.id(), q.key().scope());
        assertFalse(q.key().hasSuffix());
        Request req = assertInstanceOf(Request.class, only(msgs.get(8)));
        assertEquals(1, req.id());
        assertEquals("demo/example/**", req.key().suffix());
        assertEquals(10_000L, req.timeoutMs());
        assertEquals(5, Qos.priority(req.qos()));
        assertTrue(Qos.blocks(req.qos()));
        Query query = assertInstanceOf(Query.class, req.body());
        assertEquals("ask", utf8(query.body()));
        assertEquals(0, query.bodyEncoding().id());
        Response resp = assertInstanceOf(Response.class, only(msgs.get(9)));
        assertEquals(1, resp.requestId());
        assertEquals("demo/example/**", resp.key().suffix());
        Init listenerInit = (Init) msgs.get(1);
        assertEquals(listenerInit.zid(), resp.responder().zid());
        Reply reply = assertInstanceOf(Reply.class, resp.body());
        assertEquals("answer", utf8(((Put) reply.body()).payload()));
        ResponseFinal fin = assertInstanceOf(ResponseFinal.class, only(msgs.get(10)));
        assertEquals(1, fin.requestId());
    }

    @Test
    void livelinessScenario() throws Exception {
        List<TransportMessage> msgs = decodeAndRoundTrip("liveliness.frames");
        assertHandshake(msgs);
        Declaration.KeyExpr sk = (Declaration.KeyExpr) ((Declare) only(msgs.get(4))).declaration();
        assertEquals("group1/**", sk.key().suffix());
        Declaration.KeyExpr tk = (Declaration.KeyExpr) ((Declare) only(msgs.get(7))).declaration();
        assertEquals("group1/node7", tk.key().suffix());
        Declaration.Token token = assertInstanceOf(Declaration.Token.class, ((Declare) only(msgs.get(8))).declaration());
        assertEquals(tk.id(), token.key().scope());
        assertTrue(token.key().senderMapping());
    }

    @Test
    void keepAliveScenario() throws Exception {
        List<TransportMessage> msgs = decodeAndRoundTrip("keepalive.frames");
        assertHandshake(msgs);
        long keepAlives = msgs.stream().filter(m -> m instanceof KeepAlive).count();
        assertEquals(1, keepAlives);
        List<String> payloads = new ArrayList<>();
        for (TransportMessage m : msgs) {
            if (m instanceof Frame f && f.messages().get(0) instanceof Push p) {
                payloads.add(utf8(((Put) p.body()).payload()));
            }
        }
        assertEquals(List.of("[   0] tick", "[   1] tick"), payloads);
    }
}
