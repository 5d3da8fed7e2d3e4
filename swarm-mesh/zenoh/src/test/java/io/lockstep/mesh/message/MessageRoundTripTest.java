package io.lockstep.mesh.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.codec.ByteReader;
import io.lockstep.mesh.codec.ByteWriter;
import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.codec.UnknownMandatoryExtensionException;
import io.lockstep.mesh.message.network.Declaration;
import io.lockstep.mesh.message.network.Declare;
import io.lockstep.mesh.message.network.Interest;
import io.lockstep.mesh.message.network.NetworkCodec;
import io.lockstep.mesh.message.network.NetworkMessage;
import io.lockstep.mesh.message.network.Push;
import io.lockstep.mesh.message.network.Qos;
import io.lockstep.mesh.message.network.Request;
import io.lockstep.mesh.message.network.Response;
import io.lockstep.mesh.message.network.ResponseFinal;
import io.lockstep.mesh.message.network.WireExpr;
import io.lockstep.mesh.message.payload.Del;
import io.lockstep.mesh.message.payload.Encoding;
import io.lockstep.mesh.message.payload.EntityGlobalId;
import io.lockstep.mesh.message.payload.Err;
import io.lockstep.mesh.message.payload.Put;
import io.lockstep.mesh.message.payload.Query;
import io.lockstep.mesh.message.payload.Reply;
import io.lockstep.mesh.message.payload.SourceInfo;
import io.lockstep.mesh.message.payload.Timestamp;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.message.transport.Fragment;
import io.lockstep.mesh.message.transport.Frame;
import io.lockstep.mesh.message.transport.Init;
import io.lockstep.mesh.message.transport.KeepAlive;
import io.lockstep.mesh.message.transport.Open;
import io.lockstep.mesh.message.transport.TransportCodec;
import io.lockstep.mesh.message.transport.TransportMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every message type, with every optional part, survives encode then decode then encode unchanged. */
class MessageRoundTripTest {
    private static final ZenohId ZID = ZenohId.parse("0123456789abcdef0123456789abcdef");
    private static final Timestamp TS = new Timestamp(0x1234_5678_9ABC_DEF0L, ZID);
    private static final SourceInfo SINFO = new SourceInfo(new EntityGlobalId(ZID, 7), 42);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static NetworkMessage roundTrip(NetworkMessage m) {
        byte[] first = NetworkCodec.encode(m);
        ByteReader r = new ByteReader(first);
        NetworkMessage decoded = NetworkCodec.decode(r);
        assertFalse(r.hasRemaining(), "decoder consumed everything");
        assertArrayEquals(first, NetworkCodec.encode(decoded), "stable re-encoding of " + m.getClass().getSimpleName());
        return decoded;
    }

    private static TransportMessage roundTrip(TransportMessage m) {
        byte[] first = TransportCodec.encode(m);
        TransportMessage decoded = TransportCodec.decode(first);
        assertArrayEquals(first, TransportCodec.encode(decoded));
        return decoded;
    }

    @Test
    void putWithEveryOptionalPart() {
        Put put = new Put(TS, new Encoding(4, "charset=utf-8"), SINFO, bytes("att"), bytes("value"));
        Push p = (Push) roundTrip(new Push(new WireExpr(3, "/suffix", true), Qos.of(2, true, true), TS, 9L, put));
        assertEquals(3, p.key().scope());
        assertEquals("/suffix", p.key().suffix());
        assertTrue(p.key().senderMapping());
        assertEquals(Qos.of(2, true, true), p.qos());
        assertEquals(TS, p.timestamp());
        assertEquals(9L, p.nodeId());
        Put back = assertInstanceOf(Put.class, p.body());
        assertEquals(new Encoding(4, "charset=utf-8"), back.encoding());
        assertEquals(SINFO, back.sourceInfo());
        assertEquals("att", new String(back.attachment(), StandardCharsets.UTF_8));
        assertEquals("value", new String(back.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void delete() {
        Push p = (Push) roundTrip(Push.of(WireExpr.of("a/b"), new Del(TS, SINFO, bytes("x"))));
        Del d = assertInstanceOf(Del.class, p.body());
        assertEquals(TS, d.timestamp());
        assertEquals("x", new String(d.attachment(), StandardCharsets.UTF_8));
    }

    @Test
    void requestWithQueryAndAllExtensions() {
        Query q = new Query(3, "a=1;b=2", SINFO, new Encoding(5, null), bytes("{}"), bytes("att"));
        Request r = (Request) roundTrip(new Request(77, WireExpr.of("demo/**"), 0x0d, TS, 1L, 1, 3L, 2_500L, q));
        assertEquals(77, r.id());
        assertEquals(1, r.target());
        assertEquals(3L, r.budget());
        assertEquals(2_500L, r.timeoutMs());
        Query back = assertInstanceOf(Query.class, r.body());
        assertEquals(3, back.consolidation());
        assertEquals("a=1;b=2", back.parameters());
        assertEquals(new Encoding(5, null), back.bodyEncoding());
        assertEquals("{}", new String(back.body(), StandardCharsets.UTF_8));
    }

    @Test
    void responsesRepliesAndErrors() {
        EntityGlobalId responder = new EntityGlobalId(ZID, 3);
        Response ok = (Response) roundTrip(new Response(5, WireExpr.of("k"), null, TS, responder,
                new Reply(1, Put.of(bytes("v")))));
        assertEquals(responder, ok.responder());
        assertEquals(1, ((Reply) ok.body()).consolidation());
        Response err = (Response) roundTrip(new Response(5, WireExpr.of("k"), null, null, null,
                new Err(new Encoding(4, null), SINFO, bytes("boom"))));
        Err e = assertInstanceOf(Err.class, err.body());
        assertEquals("boom", new String(e.payload(), StandardCharsets.UTF_8));
        assertEquals(SINFO, e.sourceInfo());
        ResponseFinal f = (ResponseFinal) roundTrip(new ResponseFinal(5, 0x05, null));
        assertEquals(5, f.requestId());
    }

    @Test
    void everyDeclaration() {
        List<Declaration> all = List.of(
                new Declaration.KeyExpr(4, WireExpr.of("demo")),
                new Declaration.UndeclareKeyExpr(4),
                new Declaration.Subscriber(1, new WireExpr(4, "/**", true)),
                new Declaration.UndeclareSubscriber(1, null),
                new Declaration.UndeclareSubscriber(1, new WireExpr(4, "/**", true)),
                new Declaration.Queryable(2, WireExpr.of("q"), new Declaration.QueryableInfo(true, 3)),
                new Declaration.Queryable(2, WireExpr.of("q"), null),
                new Declaration.UndeclareQueryable(2, WireExpr.of("q")),
                new Declaration.Token(3, WireExpr.of("group/x")),
                new Declaration.UndeclareToken(3, null),
                new Declaration.Final());
        for (Declaration d : all) {
            Declare decl = (Declare) roundTrip(new Declare(12L, 0x0d, TS, 2L, d));
            assertEquals(d, decl.declaration());
            assertEquals(12L, decl.interestId());
            Declare plain = (Declare) roundTrip(Declare.of(d));
            assertNull(plain.interestId());
        }
    }

    @Test
    void interestModes() {
        Interest current = (Interest) roundTrip(new Interest(9, Interest.MODE_CURRENT, Interest.TOKENS, WireExpr.of("g/**"),
                null, null, null));
        assertTrue(current.wantsCurrent());
        assertTrue(current.wants(Interest.TOKENS));
        assertTrue(current.wants(Interest.RESTRICTED));
        assertEquals("g/**", current.keyExpr().suffix());
        Interest all = (Interest) roundTrip(new Interest(1, Interest.MODE_CURRENT_FUTURE,
                Interest.KEYEXPRS | Interest.SUBSCRIBERS | Interest.QUERYABLES | Interest.TOKENS, null, null, null, null));
        assertNull(all.keyExpr());
        Interest fin = (Interest) roundTrip(new Interest(1, Interest.MODE_FINAL, 0, null, null, null, null));
        assertEquals(Interest.MODE_FINAL, fin.mode());
    }

    @Test
    void transportMessages() {
        Init syn = (Init) roundTrip(new Init(false, 9, WhatAmI.CLIENT, ZID, null, null, null, null));
        assertNull(syn.resolution());
        assertEquals(Init.DEFAULT_BATCH_SIZE, syn.effectiveBatchSize());
        Init ack = (Init) roundTrip(new Init(true, 9, WhatAmI.ROUTER, ZID, 0x0a, 1024, bytes("cookie"), 1L));
        assertEquals("cookie", new String(ack.cookie(), StandardCharsets.UTF_8));
        Open ms = (Open) roundTrip(new Open(false, 2_500, false, 123, bytes("c")));
        assertEquals(2_500, ms.leaseMillis());
        Open s = (Open) roundTrip(new Open(true, 10_000, true, 5, null));
        assertEquals(10_000, s.leaseMillis());
        Close c = (Close) roundTrip(new Close(Close.EXPIRED, true));
        assertEquals("lease expired", Close.describe(c.reason()));
        assertInstanceOf(KeepAlive.class, roundTrip(new KeepAlive()));
        Frame f = (Frame) roundTrip(new Frame(false, 1L << 27, List.of(Push.of(WireExpr.of("a"), Put.of(bytes("1"))),
                ResponseFinal.of(3))));
        assertFalse(f.reliable());
        assertEquals(2, f.messages().size());
        Fragment frag = (Fragment) roundTrip(new Fragment(true, true, 8, true, false, bytes("piece")));
        assertTrue(frag.first());
        assertTrue(frag.more());
    }

    @Test
    void badMessagesAreRefusedWithAReason() {
        assertThrows(MalformedMessageException.class, () -> TransportCodec.decode(new byte[] {0x1f}), "unknown id");
        assertThrows(MalformedMessageException.class, () -> TransportCodec.decode(new byte[] {0x04, 0x00}), "trailing");
        assertThrows(MalformedMessageException.class, () -> TransportCodec.decode(new byte[] {0x25}), "truncated frame");
        // PUSH whose QoS extension is flagged mandatory with an unknown id 0x9.
        ByteWriter w = new ByteWriter().writeU8(0x1d | 0x20 | 0x80).writeZInt(0).writeString("k").writeU8(0x39).writeZInt(1);
        w.writeU8(0x01).writeZInt(0);
        assertThrows(UnknownMandatoryExtensionException.class, () -> NetworkCodec.decode(new ByteReader(w.toByteArray())));
        // wire expression with neither scope nor suffix
        assertThrows(MalformedMessageException.class,
                () -> NetworkCodec.decode(new ByteReader(new byte[] {0x1d, 0x00, 0x01, 0x00})));
    }
}
