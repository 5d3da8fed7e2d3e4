package io.lockstep.c2.mission;

import static io.lockstep.proto.v1.NodeMissionState.ABORTED;
import static io.lockstep.proto.v1.NodeMissionState.ACCEPTED;
import static io.lockstep.proto.v1.NodeMissionState.ASSIGNED;
import static io.lockstep.proto.v1.NodeMissionState.COMPLETED;
import static io.lockstep.proto.v1.NodeMissionState.FAILED;
import static io.lockstep.proto.v1.NodeMissionState.HOLDING;
import static io.lockstep.proto.v1.NodeMissionState.REJECTED;
import static io.lockstep.proto.v1.NodeMissionState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.proto.v1.MissionState;
import io.lockstep.proto.v1.NodeMissionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MissionStateDeriverTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final MissionRecord CREATED = new MissionRecord("m", null, T, null, List.of(), null, null);
    private static final MissionRecord DISPATCHED = CREATED.withDispatch(T, List.of());

    private static List<NodeMissionStatus> nodes(NodeMissionState... states) {
        List<NodeMissionStatus> nodes = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            nodes.add(new NodeMissionStatus("n" + i, states[i], 0, List.of(), "", "", T));
        }
        return nodes;
    }

    private static MissionState derive(MissionRecord mission, NodeMissionState... states) {
        return MissionStateDeriver.derive(mission, nodes(states));
    }

    @Test
    void notDispatchedIsCreated() {
        assertThat(derive(CREATED)).isEqualTo(MissionState.CREATED);
    }

    @Test
    void assignedOrAcceptedIsDispatched() {
        assertThat(derive(DISPATCHED, ASSIGNED, ACCEPTED)).isEqualTo(MissionState.DISPATCHED);
    }

    @Test
    void anyRunningOrHoldingIsInProgress() {
        assertThat(derive(DISPATCHED, ASSIGNED, RUNNING)).isEqualTo(MissionState.IN_PROGRESS);
        assertThat(derive(DISPATCHED, HOLDING, ACCEPTED)).isEqualTo(MissionState.IN_PROGRESS);
        assertThat(derive(DISPATCHED, COMPLETED, ACCEPTED)).isEqualTo(MissionState.IN_PROGRESS);
    }

    @Test
    void allCompletedIsCompleted() {
        assertThat(derive(DISPATCHED, COMPLETED, COMPLETED)).isEqualTo(MissionState.MISSION_COMPLETED);
    }

    @Test
    void anyFailedOrRejectedIsFailed() {
        assertThat(derive(DISPATCHED, COMPLETED, FAILED)).isEqualTo(MissionState.MISSION_FAILED);
        assertThat(derive(DISPATCHED, RUNNING, REJECTED)).isEqualTo(MissionState.MISSION_FAILED);
    }

    @Test
    void finishedWithSomeAbortedIsAborted() {
        assertThat(derive(DISPATCHED, COMPLETED, ABORTED)).isEqualTo(MissionState.MISSION_ABORTED);
    }

    @Test
    void abortByTheCommanderWins() {
        assertThat(derive(DISPATCHED.withAbort(T, "stop"), RUNNING)).isEqualTo(MissionState.MISSION_ABORTED);
    }
}
