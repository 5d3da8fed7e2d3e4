package io.lockstep.c2.mission;

import java.time.Instant;

/**
 * One transition of a mission, as kept in its history stream: which node (empty for the mission as a
 * whole), the wire state and its lifecycle name, the node's status version (0: set by C2 or an older node),
 * tick, detail, who caused it ({@code node} or {@code c2}) and when C2 recorded it. {@code id} is the
 * stream entry id (the cursor of GET /missions/{id}/history).
 */
public record HistoryEntry(String id, Instant at, String nodeId, String event, String state, String lifecycle,
        long statusVersion, long tick, String detail, String source) {

    public static final String NODE = "node";
    public static final String C2 = "c2";

    /** The transition a status write records. */
    public static HistoryEntry of(NodeMissionStatus status, String event, String source, Instant at) {
        return new HistoryEntry(null, at, status.nodeId(), event, status.state().name(),
                LifecycleState.of(status.state()).name(), status.statusVersion(), status.tick(),
                status.detail() == null ? "" : status.detail(), source);
    }
}
