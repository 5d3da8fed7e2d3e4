package io.lockstep.mesh.message.network;

import io.lockstep.mesh.codec.ByteReader;
import io.lockstep.mesh.codec.ByteWriter;
import io.lockstep.mesh.codec.Extension;
import io.lockstep.mesh.codec.Extensions;
import io.lockstep.mesh.codec.Headers;
import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.message.payload.EntityGlobalId;
import io.lockstep.mesh.message.payload.PayloadCodec;
import io.lockstep.mesh.message.payload.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Encoder and decoder of network messages: PUSH, REQUEST, RESPONSE, RESPONSE_FINAL, DECLARE, INTEREST, OAM. */
public final class NetworkCodec {
    public static final int MID_OAM = 0x1F;
    public static final int MID_DECLARE = 0x1E;
    public static final int MID_PUSH = 0x1D;
    public static final int MID_REQUEST = 0x1C;
    public static final int MID_RESPONSE = 0x1B;
    public static final int MID_RESPONSE_FINAL = 0x1A;
    public static final int MID_INTEREST = 0x19;

    private static final int FLAG_N = 0x20;
    private static final int FLAG_M = 0x40;
    private static final int FLAG_I = 0x20;

    private static final int EXT_QOS = 0x21;
    private static final int EXT_TIMESTAMP = 0x42;
    private static final int EXT_NODE_ID = 0x33;
    private static final int EXT_TARGET = 0x34;
    private static final int EXT_BUDGET = 0x25;
    private static final int EXT_TIMEOUT = 0x26;
    private static final int EXT_RESPONDER = 0x43;

    private NetworkCodec() {
    }

    public static byte[] encode(NetworkMessage message) {
        ByteWriter w = new ByteWriter();
        encode(w, message);
        return w.toByteArray();
    }

    public static void encode(ByteWriter w, NetworkMessage message) {
        if (message instanceof Push m) {
            encodePush(w, m);
        } else if (message instanceof Request m) {
            encodeRequest(w, m);
        } else if (message instanceof Response m) {
            encodeResponse(w, m);
        } else if (message instanceof ResponseFinal m) {
            List<Extension> exts = commonExtensions(m.qos(), m.timestamp(), null);
            w.writeU8(MID_RESPONSE_FINAL | (exts.isEmpty() ? 0 : Headers.FLAG_Z));
            w.writeZInt(m.requestId());
            Extensions.write(w, exts);
        } else if (message instanceof Declare m) {
            encodeDeclare(w, m);
        } else if (message instanceof Interest m) {
            encodeInterest(w, m);
        } else {
            Oam m = (Oam) message;
            w.writeU8(MID_OAM | (m.encoding() << 5));
            w.writeZInt(m.id());
            if (m.encoding() == 1) {
                w.writeZInt(m.value());
            } else if (m.encoding() == 2) {
                w.writeSlice(m.body());
            }
        }
    }

    public static NetworkMessage decode(ByteReader r) {
        int header = r.readU8();
        switch (Headers.mid(header)) {
            case MID_PUSH: return decodePush(r, header);
            case MID_REQUEST: return decodeRequest(r, header);
            case MID_RESPONSE: return decodeResponse(r, header);
            case MID_RESPONSE_FINAL: return decodeResponseFinal(r, header);
            case MID_DECLARE: return decodeDeclare(r, header);
            case MID_INTEREST: return decodeInterest(r, header);
            case MID_OAM: return decodeOam(r, header);
            default:
                throw new MalformedMessageException(String.format("unknown network message id 0x%02x", Headers.mid(header)));
        }
    }

    // ---------------------------------------------------------------- shared pieces

    static void writeWireExpr(ByteWriter w, WireExpr key) {
        w.writeZInt(key.scope());
        if (key.hasSuffix()) {
            w.writeString(key.suffix());
        }
    }

    static int wireExprFlags(WireExpr key) {
        return (key.hasSuffix() ? FLAG_N : 0) | (key.senderMapping() ? FLAG_M : 0);
    }

    static WireExpr readWireExpr(ByteReader r, boolean named, boolean senderMapping) {
        int scope = r.readZInt16();
        String suffix = named ? r.readString() : null;
        if (scope == 0 && (suffix == null || suffix.isEmpty())) {
            throw new MalformedMessageException("wire expression with neither scope nor suffix");
        }
        return new WireExpr(scope, suffix, senderMapping);
    }

    private static List<Extension> commonExtensions(Integer qos, Timestamp ts, Long nodeId) {
        List<Extension> exts = new ArrayList<>(3);
        if (qos != null) {
            exts.add(Extension.zint(1, false, qos));
        }
        if (ts != null) {
            exts.add(Extension.zbuf(2, false, ts.toBytes()));
        }
        if (nodeId != null) {
            exts.add(Extension.zint(3, true, nodeId));
        }
        return exts;
    }

    /** Collects QoS, timestamp and node id; anything else goes to {@code other}. */
    private static final class Common {
        Integer qos;
        Timestamp timestamp;
        Long nodeId;

        boolean accept(Extension e) {
            if (e.is(EXT_QOS)) {
                if (e.value() < 0 || e.value() > 0xFF) {
                    throw new MalformedMessageException("QoS extension out of range");
                }
                qos = (int) e.value();
                return true;
            }
            if (e.is(EXT_TIMESTAMP)) {
                timestamp = Timestamp.decode(e.bodyReader());
                return true;
            }
            if (e.is(EXT_NODE_ID)) {
                nodeId = e.value();
                return true;
            }
            return false;
        }
    }

    private static Common readCommon(ByteReader r, int header, String where) {
        Common c = new Common();
        if (Headers.has(header, Headers.FLAG_Z)) {
            for (Extension e : Extensions.read(r)) {
                if (!c.accept(e)) {
                    Extensions.unknown(e, where);
                }
            }
        }
        return c;
    }

    // ---------------------------------------------------------------- PUSH

    private static void encodePush(ByteWriter w, Push m) {
        List<Extension> exts = commonExtensions(m.qos(), m.timestamp(), m.nodeId());
        w.writeU8(MID_PUSH | wireExprFlags(m.key()) | (exts.isEmpty() ? 0 : Headers.FLAG_Z));
        writeWireExpr(w, m.key());
        Extensions.write(w, exts);
        PayloadCodec.encodePushBody(w, m.body());
    }

    private static Push decodePush(ByteReader r, int header) {
        WireExpr key = readWireExpr(r, Headers.has(header, FLAG_N), Headers.has(header, FLAG_M));
        Common c = readCommon(r, header, "PUSH");
        return new Push(key, c.qos, c.timestamp, c.nodeId, PayloadCodec.decodePushBody(r));
    }

    // ---------------------------------------------------------------- REQUEST

    private static void encodeRequest(ByteWriter w, Request m) {
        List<Extension> exts = commonExtensions(m.qos(), m.timestamp(), m.nodeId());
        if (m.target() != null) {
            exts.add(Extension.zint(4, true, m.target()));
        }
        if (m.budget() != null) {
            exts.add(Extension.zint(5, false, m.budget()));
        }
        if (m.timeoutMs() != null) {
            exts.add(Extension.zint(6, false, m.timeoutMs()));
        }
        w.writeU8(MID_REQUEST | wireExprFlags(m.key()) | (exts.isEmpty() ? 0 : Headers.FLAG_Z));
        w.writeZInt(m.id());
        writeWireExpr(w, m.key());
        Extensions.write(w, exts);
        PayloadCodec.encodeRequestBody(w, m.body());
    }

    private static Request decodeRequest(ByteReader r, int header) {
        long id = r.readZInt32();
        WireExpr key = readWireExpr(r, Headers.has(header, FLAG_N), Headers.has(header, FLAG_M));
        Common c = new Common();
        Integer target = null;
        Long budget = null;
        Long timeout = null;
        if (Headers.has(header, Headers.FLAG_Z)) {
            for (Extension e : Extensions.read(r)) {
                if (c.accept(e)) {
                    continue;
                }
                if (e.is(EXT_TARGET)) {
                    if (e.value() < 0 || e.value() > 2) {
                        throw new MalformedMessageException("invalid query target " + e.value());
                    }
                    target = (int) e.value();
                } else if (e.is(EXT_BUDGET)) {
                    budget = e.value();
                } else if (e.is(EXT_TIMEOUT)) {
                    timeout = e.value();
                } else {
                    Extensions.unknown(e, "REQUEST");
                }
            }
        }
        return new Request(id, key, c.qos, c.timestamp, c.nodeId, target, budget, timeout,
                PayloadCodec.decodeRequestBody(r));
    }

    // ---------------------------------------------------------------- RESPONSE

    private static void encodeResponse(ByteWriter w, Response m) {
        List<Extension> exts = commonExtensions(m.qos(), m.timestamp(), null);
        if (m.responder() != null) {
            ByteWriter id = new ByteWriter(24);
            m.responder().encode(id);
            exts.add(Extension.zbuf(3, false, id.toByteArray()));
        }
        w.writeU8(MID_RESPONSE | wireExprFlags(m.key()) | (exts.isEmpty() ? 0 : Headers.FLAG_Z));
        w.writeZInt(m.requestId());
        writeWireExpr(w, m.key());
        Extensions.write(w, exts);
        PayloadCodec.encodeResponseBody(w, m.body());
    }

    private static Response decodeResponse(ByteReader r, int header) {
        long id = r.readZInt32();
        WireExpr key = readWireExpr(r, Headers.has(header, FLAG_N), Headers.has(header, FLAG_M));
        Common c = new Common();
        EntityGlobalId responder = null;
        if (Headers.has(header, Headers.FLAG_Z)) {
            for (Extension e : Extensions.read(r)) {
                if (e.is(EXT_QOS) || e.is(EXT_TIMESTAMP)) {
                    c.accept(e);
                } else if (e.is(EXT_RESPONDER)) {
                    responder = EntityGlobalId.decode(e.bodyReader());
                } else {
                    Extensions.unknown(e, "RESPONSE");
                }
            }
        }
        return new Response(id, key, c.qos, c.timestamp, responder, PayloadCodec.decodeResponseBody(r));
    }

    private static ResponseFinal decodeResponseFinal(ByteReader r, int header) {
        long id = r.readZInt32();
        Common c = readCommon(r, header, "RESPONSE_FINAL");
        return new ResponseFinal(id, c.qos, c.timestamp);
    }

    // ---------------------------------------------------------------- DECLARE

    private static void encodeDeclare(ByteWriter w, Declare m) {
        List<Extension> exts = commonExtensions(m.qos(), m.timestamp(), m.nodeId());
        w.writeU8(MID_DECLARE | (m.interestId() != null ? FLAG_I : 0) | (exts.isEmpty() ? 0 : Headers.FLAG_Z));
        if (m.interestId() != null) {
            w.writeZInt(m.interestId());
        }
        Extensions.write(w, exts);
        DeclarationCodec.encode(w, m.declaration());
    }

    private static Declare decodeDeclare(ByteReader r, int header) {
        Long interest = Headers.has(header, FLAG_I) ? r.readZInt32() : null;
        Common c = readCommon(r, header, "DECLARE");
        return new Declare(interest, c.qos, c.timestamp, c.nodeId, DeclarationCodec.decode(r));
    }

    // ---------------------------------------------------------------- INTEREST

    private static void encodeInterest(ByteWriter w, Interest m) {
        List<Extension> exts = commonExtensions(m.qos(), m.timestamp(), m.nodeId());
        w.writeU8(MID_INTEREST | (m.mode() << 5) | (exts.isEmpty() ? 0 : Headers.FLAG_Z));
        w.writeZInt(m.id());
        if (m.mode() != Interest.MODE_FINAL) {
            int options = m.options() & ~(FLAG_N | FLAG_M);
            if (m.keyExpr() != null) {
                options |= Interest.RESTRICTED | wireExprFlags(m.keyExpr());
            }
            w.writeU8(options);
            if (m.keyExpr() != null) {
                writeWireExpr(w, m.keyExpr());
            }
        }
        Extensions.write(w, exts);
    }

    private static Interest decodeInterest(ByteReader r, int header) {
        int mode = (header >>> 5) & 0x03;
        long id = r.readZInt32();
        int options = 0;
        WireExpr key = null;
        if (mode != Interest.MODE_FINAL) {
            int raw = r.readU8();
            if ((raw & Interest.RESTRICTED) != 0) {
                key = readWireExpr(r, (raw & FLAG_N) != 0, (raw & FLAG_M) != 0);
            }
            options = raw & ~(FLAG_N | FLAG_M);
        }
        Common c = readCommon(r, header, "INTEREST");
        return new Interest(id, mode, options, key, c.qos, c.timestamp, c.nodeId);
    }

    // ---------------------------------------------------------------- OAM

    private static Oam decodeOam(ByteReader r, int header) {
        int encoding = (header >>> 5) & 0x03;
        int id = r.readZInt16();
        if (Headers.has(header, Headers.FLAG_Z)) {
            Extensions.read(r).forEach(e -> {
                if (!e.is(EXT_QOS) && !e.is(EXT_TIMESTAMP)) {
                    Extensions.unknown(e, "OAM");
                }
            });
        }
        switch (encoding) {
            case 0: return new Oam(id, 0, 0, null);
            case 1: return new Oam(id, 1, r.readZInt(), null);
            case 2: return new Oam(id, 2, 0, r.readSlice());
            default: throw new MalformedMessageException("reserved OAM body encoding");
        }
    }
}
