package io.lockstep.edge.mission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.runtime.LogEntry;
import org.junit.jupiter.api.Test;

class AgentLogForwarderTest {

    @Test
    void samplesAreBoundedInLinesAndCharactersAndTheRestIsCounted() {
        AgentLogRing ring = new AgentLogRing(1_000);
        AgentLogForwarder forwarder = new AgentLogForwarder();
        assertTrue(forwarder.isEmpty());
        for (int i = 0; i < AgentLogForwarder.MAX_PENDING + 5; i++) {
            forwarder.add(ring.add("m", i, new LogEntry("a", 1, "x".repeat(1_000))));
        }
        AgentLogForwarder.Batch first = forwarder.next();
        assertEquals(AgentLogForwarder.MAX_PER_SAMPLE, first.lines().size());
        assertEquals(5, first.dropped());
        assertEquals(AgentLogForwarder.MAX_MESSAGE_CHARS, first.lines().get(0).getMessage().length());
        assertEquals("INFO", first.lines().get(0).getLevel());

        int rest = 0;
        while (!forwarder.isEmpty()) {
            AgentLogForwarder.Batch b = forwarder.next();
            assertEquals(0, b.dropped());
            rest += b.lines().size();
        }
        assertEquals(AgentLogForwarder.MAX_PENDING - AgentLogForwarder.MAX_PER_SAMPLE, rest);
    }
}
