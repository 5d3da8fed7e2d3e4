package io.lockstep.mesh.transport;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import java.util.Objects;

/**
 * Local transport parameters.
 *
 * @param leaseMillis how long peers may wait for news from us; we send a keep-alive every quarter of it
 * @param batchSize largest transport message we accept and send (negotiated down to the peer's)
 * @param maxMessageSize largest reassembled (fragmented) network message accepted before the session is closed
 * @param queueCapacity outgoing messages buffered per peer before congestion control drops or blocks
 * @param threadStart run first on each transport's reader and writer thread (an application may raise their OS
 *        priority there, as the node does for the threads that carry e-stops); {@link #NO_THREAD_START} by default
 * @param readerHandled run on each transport's reader thread after every transport message it handled (an application
 *        may account for the CPU a peer's traffic takes there); {@link #NO_THREAD_START} by default
 */
public record TransportConfig(ZenohId zid, WhatAmI whatAmI, long leaseMillis, int batchSize, int maxMessageSize,
        int queueCapacity, Runnable threadStart, Runnable readerHandled) {
    public static final Runnable NO_THREAD_START = () -> { };
    public static final int PROTOCOL_VERSION = 0x09;
    public static final long DEFAULT_LEASE_MILLIS = 10_000;
    public static final int DEFAULT_BATCH_SIZE = 65_535;
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
    public static final int DEFAULT_QUEUE_CAPACITY = 4096;
    /** Patch level 1: fragments carry first/drop markers. */
    public static final long PATCH = 1;

    public TransportConfig(ZenohId zid, WhatAmI whatAmI, long leaseMillis, int batchSize, int maxMessageSize,
            int queueCapacity) {
        this(zid, whatAmI, leaseMillis, batchSize, maxMessageSize, queueCapacity, NO_THREAD_START, NO_THREAD_START);
    }

    public TransportConfig {
        Objects.requireNonNull(threadStart, "threadStart");
        Objects.requireNonNull(readerHandled, "readerHandled");
        if (batchSize < 64 || batchSize > TcpLink.MAX_MESSAGE) {
            throw new IllegalArgumentException("batch size must be 64..65535, got " + batchSize);
        }
        if (leaseMillis < 100) {
            throw new IllegalArgumentException("lease must be at least 100 ms, got " + leaseMillis);
        }
    }
}
