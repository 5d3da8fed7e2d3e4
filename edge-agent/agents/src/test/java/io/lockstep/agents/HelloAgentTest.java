package io.lockstep.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.testing.AgentHarness;
import io.lockstep.agents.testing.FakeHost;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelloAgentTest {

    private final FakeHost host = new FakeHost(1);

    @Test
    void logsReportsProgressAndFinishesAfterTicksParam() {
        AgentHarness hello = AgentHarness.load("hello", host);
        assertEquals(1, hello.abiVersion());
        assertEquals(0, hello.init(AgentHarness.params("hello", "node-1", "ticks=3")));
        assertEquals(0, hello.tick(0));
        assertEquals(0, hello.tick(1));
        assertEquals(1, hello.tick(2));
        assertEquals(List.of(333, 666, 1000), host.progress);
        assertEquals(List.of("hello: started", "hello: tick 1/3", "hello: tick 2/3", "hello: tick 3/3", "hello: done"),
                host.logMessages());
    }

    @Test
    void defaultsToTenTicks() {
        AgentHarness hello = AgentHarness.load("hello", host);
        assertEquals(0, hello.init(AgentHarness.params("hello", "node-1")));
        for (int t = 0; t < 9; t++) {
            assertEquals(0, hello.tick(t));
        }
        assertEquals(1, hello.tick(9));
        assertEquals(1000, host.progress.get(9));
    }

    @Test
    void rejectsMalformedTicksParam() {
        for (String bad : List.of("ticks=", "ticks=0", "ticks=-1", "ticks=12a", "ticks=99999999", "ticks=1000001")) {
            FakeHost fresh = new FakeHost(1);
            AgentHarness hello = AgentHarness.load("hello", fresh);
            assertEquals(1, hello.init(AgentHarness.params("hello", "n", bad)), bad);
            assertTrue(fresh.logMessages().contains("hello: bad ticks param"), bad);
        }
    }

    @Test
    void ignoresKeysThatOnlyStartLikeTicks() {
        AgentHarness hello = AgentHarness.load("hello", host);
        assertEquals(0, hello.init(AgentHarness.params("hello", "n", "tick=5", "xticks=7", "ticks=2")));
        assertEquals(0, hello.tick(0));
        assertEquals(1, hello.tick(1));
    }
}
