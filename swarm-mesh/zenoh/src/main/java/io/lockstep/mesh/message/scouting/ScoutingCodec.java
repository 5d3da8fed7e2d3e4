package io.lockstep.mesh.message.scouting;

import io.lockstep.mesh.codec.ByteReader;
import io.lockstep.mesh.codec.ByteWriter;
import io.lockstep.mesh.codec.Extensions;
import io.lockstep.mesh.codec.Headers;
import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import java.util.ArrayList;
import java.util.List;

/** Encoder and decoder of SCOUT and HELLO (one message per UDP datagram). */
public final class ScoutingCodec {
    public static final int MID_SCOUT = 0x01;
    public static final int MID_HELLO = 0x02;
    private static final int FLAG_I = 0x08;
    private static final int FLAG_L = 0x20;
    private static final int MAX_LOCATORS = 64;

    private ScoutingCodec() {
    }

    public static byte[] encode(ScoutingMessage message) {
        ByteWriter w = new ByteWriter();
        if (message instanceof Scout s) {
            w.writeU8(MID_SCOUT);
            w.writeU8(s.version());
            int flags = s.what() & 0x07;
            if (s.zid() != null) {
                flags |= FLAG_I | ((s.zid().length() - 1) << 4);
            }
            w.writeU8(flags);
            if (s.zid() != null) {
                w.writeBytes(s.zid().bytes());
            }
        } else {
            Hello h = (Hello) message;
            w.writeU8(MID_HELLO | (h.locators().isEmpty() ? 0 : FLAG_L));
            w.writeU8(h.version());
            w.writeU8(((h.zid().length() - 1) << 4) | h.whatAmI().code());
            w.writeBytes(h.zid().bytes());
            if (!h.locators().isEmpty()) {
                w.writeZInt(h.locators().size());
                h.locators().forEach(w::writeString);
            }
        }
        return w.toByteArray();
    }

    public static ScoutingMessage decode(byte[] datagram, int length) {
        ByteReader r = new ByteReader(datagram, 0, length);
        int header = r.readU8();
        ScoutingMessage message;
        switch (Headers.mid(header)) {
            case MID_SCOUT: {
                int version = r.readU8();
                int flags = r.readU8();
                ZenohId zid = (flags & FLAG_I) != 0 ? new ZenohId(r.readBytes((flags >>> 4) + 1)) : null;
                message = new Scout(version, flags & 0x07, zid);
                break;
            }
            case MID_HELLO: {
                int version = r.readU8();
                int flags = r.readU8();
                WhatAmI whatAmI = WhatAmI.fromCode(flags & 0x03);
                ZenohId zid = new ZenohId(r.readBytes((flags >>> 4) + 1));
                List<String> locators = new ArrayList<>();
                if (Headers.has(header, FLAG_L)) {
                    long n = r.readZInt();
                    if (n < 0 || n > MAX_LOCATORS) {
                        throw new MalformedMessageException("too many locators: " + n);
                    }
                    for (int i = 0; i < n; i++) {
                        locators.add(r.readString());
                    }
                }
                message = new Hello(version, whatAmI, zid, locators);
                break;
            }
            default:
                throw new MalformedMessageException(String.format("unknown scouting message id 0x%02x", Headers.mid(header)));
        }
        if (Headers.has(header, Headers.FLAG_Z)) {
            Extensions.skipAll(r, "scouting");
        }
        return message;
    }
}
