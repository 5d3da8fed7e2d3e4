package io.lockstep.mesh.transport;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;

/** What the INIT/OPEN handshake settled on for one session with one peer. */
public record TransportParams(ZenohId peerZid, WhatAmI peerWhatAmI, int batchSize, int resolution,
        long peerLeaseMillis, long peerInitialSn, long localInitialSn, long patch) {

    /** Largest sequence number plus one for the negotiated frame-sn resolution. */
    public long snModulus() {
        return snModulus(resolution);
    }

    /** The frame sequence-number space for a resolution byte (its low two bits: 8, 16, 32 or 64-bit fields). */
    public static long snModulus(int resolution) {
        switch (resolution & 0x03) {
            case 0: return 1L << 7;
            case 1: return 1L << 14;
            case 2: return 1L << 28;
            default: return 1L << 63;
        }
    }
}
