package io.lockstep.swarm.codec;

import io.lockstep.swarm.allocation.Member;
import io.lockstep.swarm.allocation.MemberAnnouncement;
import io.lockstep.swarm.allocation.NodeIds;
import java.nio.charset.StandardCharsets;

/**
 * Membership announcement wire format, version 1 (big-endian):
 * <pre>
 *   "LSMB" u8 version=1   u8 len, node id UTF-8 (1..128)   u8 capability (1..16)   i64 incarnation (&gt;= 0)
 *   u8 flags (bit 0 = leaving; other bits must be 0)
 * </pre>
 * Nothing may follow; at most {@link Limits#MAX_MEMBER_BYTES}.
 */
public final class MemberCodec {

    static final byte[] MAGIC = "LSMB".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;

    private MemberCodec() {
    }

    public static byte[] encode(MemberAnnouncement a) {
        return new WireWriter().bytes(MAGIC).u8(VERSION).text(a.member().nodeId()).u8(a.member().capability())
                .i64(a.incarnation()).u8(a.leaving() ? 1 : 0).toByteArray();
    }

    public static MemberAnnouncement decode(byte[] data) throws MalformedMessageException {
        WireReader r = WireReader.open(data, Limits.MAX_MEMBER_BYTES, MAGIC, VERSION, "membership announcement");
        String node = r.text(NodeIds.MAX_BYTES, "node id");
        int capability = r.u8("capability");
        long incarnation = r.i64("incarnation");
        int flags = r.u8("flags");
        if ((flags & ~1) != 0) {
            throw new MalformedMessageException("unknown announcement flags " + flags);
        }
        r.expectEnd("membership announcement");
        try {
            return new MemberAnnouncement(new Member(node, capability), incarnation, (flags & 1) != 0);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("membership announcement: " + e.getMessage());
        }
    }
}
