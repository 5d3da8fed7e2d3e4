package io.lockstep.edge.mesh;

import java.util.concurrent.atomic.AtomicLong;

/** A mesh clock driven by hand: Unix milliseconds held in an {@link AtomicLong}; microseconds are its × 1000. */
public final class FakeMeshClock implements MeshClock {

    private final AtomicLong millis;

    public FakeMeshClock(AtomicLong millis) {
        this.millis = millis;
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public long micros() {
        return millis.get() * 1_000L;
    }
}
