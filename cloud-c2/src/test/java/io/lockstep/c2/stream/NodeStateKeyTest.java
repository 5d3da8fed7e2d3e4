package io.lockstep.c2.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeStateKeyTest {
    private final Map<String, String> stored = new HashMap<>(Map.of("state", "RUNNING", "missionId", "m-1",
            "lastSeenAt", "2026-12-03T06:00:00Z", "lastHeartbeatAt", "2026-12-03T06:00:00Z", "tick", "10"));

    @Test
    void aReReadThatFindsOnlyFresherTimesAndTicksIsUnchanged() {
        NodeStateKey before = NodeStateKey.of(stored, true);
        stored.put("lastSeenAt", "2026-12-03T06:00:01Z");
        stored.put("lastHeartbeatAt", "2026-12-03T06:00:01Z");
        stored.put("tick", "11");

        assertThat(NodeStateKey.of(stored, true)).isEqualTo(before);
    }

    @Test
    void aChangedStateFieldOrLinkIsAChange() {
        NodeStateKey before = NodeStateKey.of(stored, true);

        assertThat(NodeStateKey.of(stored, false)).isNotEqualTo(before);
        stored.put("estopEngaged", "true");
        assertThat(NodeStateKey.of(stored, true)).isNotEqualTo(before);
    }
}
