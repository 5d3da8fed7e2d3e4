package io.lockstep.mesh.transport;

import io.lockstep.mesh.codec.ByteWriter;
import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.message.transport.Fragment;

/** Joins the FRAGMENTs of one channel back into a serialized network message, refusing oversized ones. */
final class Reassembler {
    private final int maxSize;
    private final SequenceNumbers sns;
    private final ByteWriter buffer = new ByteWriter(1024);
    private long expectedSn = -1;
    private boolean active;

    private final boolean markers;

    /** {@code markers}: the peer flags first fragments (patch level 1 or more). */
    Reassembler(int maxSize, SequenceNumbers sns, boolean markers) {
        this.maxSize = maxSize;
        this.sns = sns;
        this.markers = markers;
    }

    /** Returns the complete message when {@code fragment} is the last piece, else null. */
    byte[] accept(Fragment fragment) {
        if (fragment.first()) {
            buffer.reset();
            active = true;
        } else if (!active || fragment.sn() != expectedSn) {
            // A piece was lost (best effort) or this is the first piece of a peer that does not mark first pieces.
            buffer.reset();
            active = !markers;
            if (!active) {
                return null;
            }
        }
        if (fragment.drop()) {
            buffer.reset();
            active = false;
            return null;
        }
        if ((long) buffer.size() + fragment.payload().length > maxSize) {
            throw new MalformedMessageException("fragmented message exceeds " + maxSize + " bytes");
        }
        buffer.writeBytes(fragment.payload());
        expectedSn = sns.next(fragment.sn());
        if (fragment.more()) {
            return null;
        }
        active = false;
        byte[] whole = buffer.toByteArray();
        buffer.reset();
        return whole;
    }
}
