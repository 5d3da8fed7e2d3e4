package io.lockstep.edge.mission;

import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.proto.v1.Telemetry;

/** Where a running mission reports to: the C2 link in the node, a recorder in tests. */
public interface MissionReporter {

    /** A status change; must reach C2 eventually (the link persists it in its outbox). */
    void status(StatusUpdate update);

    /** A downsampled telemetry sample; best effort. */
    void telemetry(Telemetry sample);

    /** Whether the link to C2 is up right now (the sensor frame's link flag, the offline policy). */
    boolean linkUp();
}
