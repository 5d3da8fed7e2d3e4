package io.lockstep.mesh.message.transport;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;

/**
 * INIT syn/ack: {@code |Z|S|A|INIT|} version, {@code |zid_len-1(4)|x|x|wai(2)|}, zid, then if S the resolution
 * byte and the batch size (u16 LE), then if A the cookie; extensions (patch 0x7). {@code resolution} and
 * {@code batchSize} are null when S is clear, {@code cookie} is null in a syn.
 */
public record Init(boolean ack, int version, WhatAmI whatAmI, ZenohId zid, Integer resolution, Integer batchSize,
        byte[] cookie, Long patch) implements TransportMessage {
    /** Zenoh's default: 32-bit frame sequence numbers and request ids. */
    public static final int DEFAULT_RESOLUTION = 0x0A;
    public static final int DEFAULT_BATCH_SIZE = 65535;

    public int effectiveResolution() {
        return resolution == null ? DEFAULT_RESOLUTION : resolution;
    }

    public int effectiveBatchSize() {
        return batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
    }
}
