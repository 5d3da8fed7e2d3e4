package io.lockstep.mesh.message.transport;

/**
 * FRAGMENT: {@code |Z|M|R|FRAGMENT|} sequence number, extensions (first 0x2, drop 0x3, both unit), then a piece
 * of one serialized network message. M means more fragments follow.
 */
public record Fragment(boolean reliable, boolean more, long sn, boolean first, boolean drop, byte[] payload)
        implements TransportMessage {
}
