package io.lockstep.mesh.message.payload;

import io.lockstep.mesh.codec.ByteReader;
import io.lockstep.mesh.codec.ByteWriter;
import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.message.ZenohId;

/** A session id plus an entity id inside it: {@code |zid_len-1 (4 bits)|x|x|x|x| zid eid}. */
public record EntityGlobalId(ZenohId zid, long eid) {
    public void encode(ByteWriter w) {
        w.writeU8((zid.length() - 1) << 4);
        w.writeBytes(zid.bytes());
        w.writeZInt(eid);
    }

    public static EntityGlobalId decode(ByteReader r) {
        int flags = r.readU8();
        if ((flags & 0x0F) != 0) {
            throw new MalformedMessageException("reserved bits set in entity id");
        }
        ZenohId zid = new ZenohId(r.readBytes((flags >>> 4) + 1));
        return new EntityGlobalId(zid, r.readZInt32());
    }
}
