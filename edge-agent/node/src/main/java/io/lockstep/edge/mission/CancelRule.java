package io.lockstep.edge.mission;

import io.lockstep.runtime.AgentSnapshot;
import java.util.Optional;

/**
 * When a node refuses C2's cancel request (docs/mission-lifecycle.md): a mission that is not running here,
 * one that already ended, and one past its point of no return, which is when every agent has reported at
 * least {@value #POINT_OF_NO_RETURN_PERMILLE}‰ progress: it finishes rather than stopping short (a survey
 * leaving one lane unflown, a delivery at the drop). A mission still loading (no agent yet) is cancelled.
 * Abort is different: the node always obeys it.
 */
public final class CancelRule {

    public static final int POINT_OF_NO_RETURN_PERMILLE = 900;

    private CancelRule() {
    }

    /** @return why the running mission in {@code view} may not be cancelled, or empty when it may */
    public static Optional<String> refusal(MissionView view) {
        if (view.terminal()) {
            return Optional.of("mission " + view.missionId() + " already ended as " + view.state() + " on this node");
        }
        if (!view.agents().isEmpty() && view.agents().stream()
                .allMatch(agent -> agent.progressPermille() >= POINT_OF_NO_RETURN_PERMILLE)) {
            int least = view.agents().stream().mapToInt(AgentSnapshot::progressPermille).min().orElse(0);
            return Optional.of("mission " + view.missionId() + " is past its point of no return (every agent at "
                    + least + "‰ or more, the limit is " + POINT_OF_NO_RETURN_PERMILLE + "‰): it finishes");
        }
        return Optional.empty();
    }
}
