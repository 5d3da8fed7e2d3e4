package io.lockstep.c2.stream;

import io.quarkus.websockets.next.WebSocketConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the hub knows about one stream client: which version of each entry it was last sent (so it gets each
 * node at most once per frame, latest wins), the last event it got, its node filter, and whether a frame to
 * it is still being written. Guarded by its own monitor; the maps hold one long per node, so a client that
 * never reads costs a bounded amount of memory.
 */
final class StreamClient {
    final WebSocketConnection connection;
    final String user;
    final Map<String, Long> sentNodes = new HashMap<>();
    /** Per node: the sample this client was sent last, and when (C2's clock, ms). */
    final Map<String, SentSample> sentSamples = new HashMap<>();
    final Map<String, Long> sentMissions = new HashMap<>();
    long sentEventSeq;
    /** The last hazard change number this client was sent (HazardStore). */
    long sentHazardSeq;
    /** Null: every node. */
    Set<String> nodeFilter;
    boolean writing;
    long writingSinceMs;
    long framesSent;
    long framesHeldBack;
    boolean closing;

    StreamClient(WebSocketConnection connection, String user) {
        this.connection = connection;
        this.user = user;
    }

    boolean wants(String nodeId) {
        return nodeFilter == null || nodeFilter.contains(nodeId);
    }

    void forgetSent() {
        sentNodes.clear();
        sentSamples.clear();
        sentMissions.clear();
    }

    /** One node's last sample sent to this client: its seq, and C2's clock when it went (ms). Mutable, guarded like the client. */
    static final class SentSample {
        long seq;
        long atMs;

        SentSample(long seq, long atMs) {
            this.seq = seq;
            this.atMs = atMs;
        }
    }
}
