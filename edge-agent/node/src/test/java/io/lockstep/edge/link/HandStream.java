package io.lockstep.edge.link;

import io.lockstep.proto.link.LatestLiveSample;
import io.lockstep.proto.v1.EdgeToC2;
import java.util.ArrayList;
import java.util.List;

/** A live-sample stream driven by hand: ready when the test says so, records the ticks it was handed. */
final class HandStream implements LatestLiveSample.Stream {
    boolean ready;
    /** The stream ended under the next send: the send fails (whether or not it is ready). */
    boolean over;
    final List<Long> sent = new ArrayList<>();

    HandStream(boolean ready) {
        this.ready = ready;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public boolean send(EdgeToC2 message) {
        if (over) {
            return false;
        }
        sent.add(message.getTelemetry().getTick());
        return true;
    }
}
