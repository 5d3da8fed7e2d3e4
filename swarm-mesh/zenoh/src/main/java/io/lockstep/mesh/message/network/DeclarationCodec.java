package io.lockstep.mesh.message.network;

import io.lockstep.mesh.codec.ByteReader;
import io.lockstep.mesh.codec.ByteWriter;
import io.lockstep.mesh.codec.Extension;
import io.lockstep.mesh.codec.Extensions;
import io.lockstep.mesh.codec.Headers;
import io.lockstep.mesh.codec.MalformedMessageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encoder and decoder of the declarations carried by DECLARE. */
final class DeclarationCodec {
    static final int D_KEYEXPR = 0x00;
    static final int U_KEYEXPR = 0x01;
    static final int D_SUBSCRIBER = 0x02;
    static final int U_SUBSCRIBER = 0x03;
    static final int D_QUERYABLE = 0x04;
    static final int U_QUERYABLE = 0x05;
    static final int D_TOKEN = 0x06;
    static final int U_TOKEN = 0x07;
    static final int D_FINAL = 0x1A;

    private static final int FLAG_N = 0x20;
    private static final int FLAG_M = 0x40;
    /** Undeclarations may repeat the key expression in this mandatory zbuf extension. */
    private static final int EXT_WIRE_EXPR = 0x5F;
    private static final int EXT_QUERYABLE_INFO = 0x21;

    private DeclarationCodec() {
    }

    static void encode(ByteWriter w, Declaration d) {
        if (d instanceof Declaration.KeyExpr k) {
            w.writeU8(D_KEYEXPR | (k.key().hasSuffix() ? FLAG_N : 0));
            w.writeZInt(k.id());
            NetworkCodec.writeWireExpr(w, k.key());
        } else if (d instanceof Declaration.UndeclareKeyExpr u) {
            w.writeU8(U_KEYEXPR);
            w.writeZInt(u.id());
        } else if (d instanceof Declaration.Subscriber s) {
            writeCommon(w, D_SUBSCRIBER, s.id(), s.key(), List.of());
        } else if (d instanceof Declaration.Queryable q) {
            List<Extension> exts = new ArrayList<>(1);
            if (q.info() != null) {
                long value = (q.info().complete() ? 1 : 0) | ((long) q.info().distance() << 8);
                exts.add(Extension.zint(1, false, value));
            }
            writeCommon(w, D_QUERYABLE, q.id(), q.key(), exts);
        } else if (d instanceof Declaration.Token t) {
            writeCommon(w, D_TOKEN, t.id(), t.key(), List.of());
        } else if (d instanceof Declaration.UndeclareSubscriber u) {
            writeUndeclare(w, U_SUBSCRIBER, u.id(), u.key());
        } else if (d instanceof Declaration.UndeclareQueryable u) {
            writeUndeclare(w, U_QUERYABLE, u.id(), u.key());
        } else if (d instanceof Declaration.UndeclareToken u) {
            writeUndeclare(w, U_TOKEN, u.id(), u.key());
        } else {
            w.writeU8(D_FINAL);
        }
    }

    private static void writeCommon(ByteWriter w, int mid, long id, WireExpr key, List<Extension> exts) {
        w.writeU8(mid | NetworkCodec.wireExprFlags(key) | (exts.isEmpty() ? 0 : Headers.FLAG_Z));
        w.writeZInt(id);
        NetworkCodec.writeWireExpr(w, key);
        Extensions.write(w, exts);
    }

    private static void writeUndeclare(ByteWriter w, int mid, long id, WireExpr key) {
        w.writeU8(mid | (key != null ? Headers.FLAG_Z : 0));
        w.writeZInt(id);
        if (key != null) {
            ByteWriter body = new ByteWriter();
            body.writeU8((key.hasSuffix() ? 1 : 0) | (key.senderMapping() ? 2 : 0));
            body.writeZInt(key.scope());
            if (key.hasSuffix()) {
                body.writeBytes(key.suffix().getBytes(StandardCharsets.UTF_8));
            }
            Extensions.write(w, List.of(Extension.zbuf(0x0F, true, body.toByteArray())));
        }
    }

    static Declaration decode(ByteReader r) {
        int header = r.readU8();
        switch (Headers.mid(header)) {
            case D_KEYEXPR: {
                int id = r.readZInt16();
                WireExpr key = NetworkCodec.readWireExpr(r, Headers.has(header, FLAG_N), false);
                skipExtensions(r, header, "D_KEYEXPR");
                return new Declaration.KeyExpr(id, key);
            }
            case U_KEYEXPR: {
                int id = r.readZInt16();
                skipExtensions(r, header, "U_KEYEXPR");
                return new Declaration.UndeclareKeyExpr(id);
            }
            case D_SUBSCRIBER: {
                long id = r.readZInt32();
                WireExpr key = readKey(r, header);
                skipExtensions(r, header, "D_SUBSCRIBER");
                return new Declaration.Subscriber(id, key);
            }
            case D_QUERYABLE: {
                long id = r.readZInt32();
                WireExpr key = readKey(r, header);
                Declaration.QueryableInfo info = null;
                if (Headers.has(header, Headers.FLAG_Z)) {
                    for (Extension e : Extensions.read(r)) {
                        if (e.is(EXT_QUERYABLE_INFO)) {
                            info = new Declaration.QueryableInfo((e.value() & 1) != 0, (int) ((e.value() >>> 8) & 0xFFFF));
                        } else {
                            Extensions.unknown(e, "D_QUERYABLE");
                        }
                    }
                }
                return new Declaration.Queryable(id, key, info);
            }
            case D_TOKEN: {
                long id = r.readZInt32();
                WireExpr key = readKey(r, header);
                skipExtensions(r, header, "D_TOKEN");
                return new Declaration.Token(id, key);
            }
            case U_SUBSCRIBER: {
                long id = r.readZInt32();
                return new Declaration.UndeclareSubscriber(id, readUndeclareKey(r, header));
            }
            case U_QUERYABLE: {
                long id = r.readZInt32();
                return new Declaration.UndeclareQueryable(id, readUndeclareKey(r, header));
            }
            case U_TOKEN: {
                long id = r.readZInt32();
                return new Declaration.UndeclareToken(id, readUndeclareKey(r, header));
            }
            case D_FINAL:
                skipExtensions(r, header, "D_FINAL");
                return new Declaration.Final();
            default:
                throw new MalformedMessageException(String.format("unknown declaration id 0x%02x", Headers.mid(header)));
        }
    }

    private static WireExpr readKey(ByteReader r, int header) {
        return NetworkCodec.readWireExpr(r, Headers.has(header, FLAG_N), Headers.has(header, FLAG_M));
    }

    private static void skipExtensions(ByteReader r, int header, String where) {
        if (Headers.has(header, Headers.FLAG_Z)) {
            Extensions.skipAll(r, where);
        }
    }

    private static WireExpr readUndeclareKey(ByteReader r, int header) {
        WireExpr key = null;
        if (Headers.has(header, Headers.FLAG_Z)) {
            for (Extension e : Extensions.read(r)) {
                if (e.is(EXT_WIRE_EXPR)) {
                    ByteReader body = e.bodyReader();
                    int flags = body.readU8();
                    int scope = body.readZInt16();
                    String suffix = (flags & 1) != 0 ? new String(body.readRest(), StandardCharsets.UTF_8) : null;
                    key = new WireExpr(scope, suffix, (flags & 2) != 0);
                } else {
                    Extensions.unknown(e, "undeclaration");
                }
            }
        }
        return key;
    }
}
