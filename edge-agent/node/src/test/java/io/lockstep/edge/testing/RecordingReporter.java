package io.lockstep.edge.testing;

import io.lockstep.edge.mission.MissionReporter;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.proto.v1.Telemetry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a mission reports; the link state is set by the test. */
public final class RecordingReporter implements MissionReporter {

    public final List<StatusUpdate> statuses = new CopyOnWriteArrayList<>();
    public final List<Telemetry> telemetry = new CopyOnWriteArrayList<>();
    private volatile boolean linkUp = true;

    public void setLinkUp(boolean up) {
        linkUp = up;
    }

    public boolean reached(NodeMissionState state) {
        return statuses.stream().anyMatch(s -> s.getState() == state);
    }

    @Override
    public void status(StatusUpdate update) {
        statuses.add(update);
    }

    @Override
    public void telemetry(Telemetry sample) {
        telemetry.add(sample);
    }

    @Override
    public boolean linkUp() {
        return linkUp;
    }
}
