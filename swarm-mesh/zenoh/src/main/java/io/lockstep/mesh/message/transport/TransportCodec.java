package io.lockstep.mesh.message.transport;

import io.lockstep.mesh.codec.ByteReader;
import io.lockstep.mesh.codec.ByteWriter;
import io.lockstep.mesh.codec.Extension;
import io.lockstep.mesh.codec.Extensions;
import io.lockstep.mesh.codec.Headers;
import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.network.NetworkCodec;
import io.lockstep.mesh.message.network.NetworkMessage;
import java.util.ArrayList;
import java.util.List;

/** Encoder and decoder of transport messages. One call handles one message (one TCP length-prefixed unit). */
public final class TransportCodec {
    public static final int MID_INIT = 0x01;
    public static final int MID_OPEN = 0x02;
    public static final int MID_CLOSE = 0x03;
    public static final int MID_KEEP_ALIVE = 0x04;
    public static final int MID_FRAME = 0x05;
    public static final int MID_FRAGMENT = 0x06;
    public static final int MID_JOIN = 0x07;

    public static final int FLAG_A = 0x20;
    public static final int FLAG_S = 0x40;
    public static final int FLAG_T = 0x40;
    public static final int FLAG_R = 0x20;
    public static final int FLAG_M = 0x40;
    public static final int FLAG_CLOSE_S = 0x20;

    private static final int EXT_PATCH = 0x27;
    private static final int EXT_FRAGMENT_FIRST = 0x02;
    private static final int EXT_FRAGMENT_DROP = 0x03;

    private TransportCodec() {
    }

    public static byte[] encode(TransportMessage message) {
        ByteWriter w = new ByteWriter();
        encode(w, message);
        return w.toByteArray();
    }

    public static void encode(ByteWriter w, TransportMessage message) {
        if (message instanceof Init m) {
            encodeInit(w, m);
        } else if (message instanceof Open m) {
            encodeOpen(w, m);
        } else if (message instanceof Close m) {
            w.writeU8(MID_CLOSE | (m.session() ? FLAG_CLOSE_S : 0));
            w.writeU8(m.reason());
        } else if (message instanceof KeepAlive) {
            w.writeU8(MID_KEEP_ALIVE);
        } else if (message instanceof Frame m) {
            writeFrameHeader(w, m.reliable(), m.sn());
            for (NetworkMessage n : m.messages()) {
                NetworkCodec.encode(w, n);
            }
        } else {
            encodeFragment(w, (Fragment) message);
        }
    }

    public static void writeFrameHeader(ByteWriter w, boolean reliable, long sn) {
        w.writeU8(MID_FRAME | (reliable ? FLAG_R : 0));
        w.writeZInt(sn);
    }

    public static TransportMessage decode(byte[] bytes) {
        return decode(new ByteReader(bytes));
    }

    /** Decodes one transport message that spans everything left in {@code r}. */
    public static TransportMessage decode(ByteReader r) {
        int header = r.readU8();
        TransportMessage message;
        switch (Headers.mid(header)) {
            case MID_INIT: message = decodeInit(r, header); break;
            case MID_OPEN: message = decodeOpen(r, header); break;
            case MID_CLOSE: {
                int reason = r.readU8();
                if (Headers.has(header, Headers.FLAG_Z)) {
                    Extensions.skipAll(r, "CLOSE");
                }
                message = new Close(reason, Headers.has(header, FLAG_CLOSE_S));
                break;
            }
            case MID_KEEP_ALIVE:
                if (Headers.has(header, Headers.FLAG_Z)) {
                    Extensions.skipAll(r, "KEEP_ALIVE");
                }
                message = new KeepAlive();
                break;
            case MID_FRAME: message = decodeFrame(r, header); break;
            case MID_FRAGMENT: message = decodeFragment(r, header); break;
            default:
                throw new MalformedMessageException(String.format("unknown transport message id 0x%02x", Headers.mid(header)));
        }
        if (r.hasRemaining()) {
            throw new MalformedMessageException(r.remaining() + " trailing bytes after " + message.getClass().getSimpleName());
        }
        return message;
    }

    // ---------------------------------------------------------------- INIT

    private static void encodeInit(ByteWriter w, Init m) {
        List<Extension> exts = new ArrayList<>(1);
        if (m.patch() != null) {
            exts.add(Extension.zint(7, false, m.patch()));
        }
        boolean sizes = m.resolution() != null || m.batchSize() != null;
        w.writeU8(MID_INIT | (m.ack() ? FLAG_A : 0) | (sizes ? FLAG_S : 0) | (exts.isEmpty() ? 0 : Headers.FLAG_Z));
        w.writeU8(m.version());
        w.writeU8(((m.zid().length() - 1) << 4) | m.whatAmI().code());
        w.writeBytes(m.zid().bytes());
        if (sizes) {
            w.writeU8(m.effectiveResolution());
            w.writeU16Le(m.effectiveBatchSize());
        }
        if (m.ack()) {
            w.writeSlice(m.cookie() == null ? new byte[0] : m.cookie());
        }
        Extensions.write(w, exts);
    }

    private static Init decodeInit(ByteReader r, int header) {
        int version = r.readU8();
        int flags = r.readU8();
        WhatAmI whatAmI = WhatAmI.fromCode(flags & 0x03);
        ZenohId zid = new ZenohId(r.readBytes((flags >>> 4) + 1));
        Integer resolution = null;
        Integer batch = null;
        if (Headers.has(header, FLAG_S)) {
            resolution = r.readU8();
            batch = r.readU16Le();
        }
        boolean ack = Headers.has(header, FLAG_A);
        byte[] cookie = ack ? r.readSlice() : null;
        Long patch = null;
        if (Headers.has(header, Headers.FLAG_Z)) {
            for (Extension e : Extensions.read(r)) {
                if (e.is(EXT_PATCH)) {
                    patch = e.value();
                } else {
                    Extensions.unknown(e, "INIT");
                }
            }
        }
        return new Init(ack, version, whatAmI, zid, resolution, batch, cookie, patch);
    }

    // ---------------------------------------------------------------- OPEN

    private static void encodeOpen(ByteWriter w, Open m) {
        w.writeU8(MID_OPEN | (m.ack() ? FLAG_A : 0) | (m.leaseInSeconds() ? FLAG_T : 0));
        w.writeZInt(m.leaseInSeconds() ? m.leaseMillis() / 1000 : m.leaseMillis());
        w.writeZInt(m.initialSn());
        if (!m.ack()) {
            w.writeSlice(m.cookie() == null ? new byte[0] : m.cookie());
        }
    }

    private static Open decodeOpen(ByteReader r, int header) {
        boolean seconds = Headers.has(header, FLAG_T);
        long lease = r.readZInt();
        if (lease < 0 || lease > (seconds ? 86_400L * 365 : 86_400_000L * 365)) {
            throw new MalformedMessageException("lease out of range: " + Long.toUnsignedString(lease));
        }
        long sn = r.readZInt();
        boolean ack = Headers.has(header, FLAG_A);
        byte[] cookie = ack ? null : r.readSlice();
        if (Headers.has(header, Headers.FLAG_Z)) {
            Extensions.skipAll(r, "OPEN");
        }
        return new Open(ack, seconds ? lease * 1000 : lease, seconds, sn, cookie);
    }

    // ---------------------------------------------------------------- FRAME / FRAGMENT

    private static Frame decodeFrame(ByteReader r, int header) {
        long sn = r.readZInt();
        if (Headers.has(header, Headers.FLAG_Z)) {
            Extensions.skipAll(r, "FRAME");
        }
        List<NetworkMessage> messages = new ArrayList<>();
        while (r.hasRemaining()) {
            messages.add(NetworkCodec.decode(r));
        }
        return new Frame(Headers.has(header, FLAG_R), sn, messages);
    }

    private static void encodeFragment(ByteWriter w, Fragment m) {
        List<Extension> exts = new ArrayList<>(2);
        if (m.first()) {
            exts.add(Extension.unit(EXT_FRAGMENT_FIRST, false));
        }
        if (m.drop()) {
            exts.add(Extension.unit(EXT_FRAGMENT_DROP, false));
        }
        w.writeU8(MID_FRAGMENT | (m.reliable() ? FLAG_R : 0) | (m.more() ? FLAG_M : 0)
                | (exts.isEmpty() ? 0 : Headers.FLAG_Z));
        w.writeZInt(m.sn());
        Extensions.write(w, exts);
        w.writeBytes(m.payload());
    }

    private static Fragment decodeFragment(ByteReader r, int header) {
        long sn = r.readZInt();
        boolean first = false;
        boolean drop = false;
        if (Headers.has(header, Headers.FLAG_Z)) {
            for (Extension e : Extensions.read(r)) {
                if (e.is(EXT_FRAGMENT_FIRST)) {
                    first = true;
                } else if (e.is(EXT_FRAGMENT_DROP)) {
                    drop = true;
                } else {
                    Extensions.unknown(e, "FRAGMENT");
                }
            }
        }
        return new Fragment(Headers.has(header, FLAG_R), Headers.has(header, FLAG_M), sn, first, drop, r.readRest());
    }
}
