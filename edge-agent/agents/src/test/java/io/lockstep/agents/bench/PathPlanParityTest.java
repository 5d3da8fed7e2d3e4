package io.lockstep.agents.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.testing.AgentHarness;
import io.lockstep.agents.testing.FakeHost;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pathplan agent (on Chicory's interpreter) and PathPlanJava must compute the same results. */
class PathPlanParityTest {

    @ParameterizedTest(name = "seed {0}, size {1}, density {2}")
    @CsvSource({
        "1, 128, 25, 1, 2",
        "42, 128, 30, 1, 1",
        "-7, 64, 45, 3, 2",
        "9000000000000000000, 32, 60, 4, 2",
        "5, 8, 0, 2, 2",
    })
    void wasmAndJavaAgree(long seed, int size, int density, int plansPerTick, int ticks) {
        FakeHost host = new FakeHost(0);
        AgentHarness agent = AgentHarness.load("pathplan", host);
        assertEquals(0, agent.init(AgentHarness.params("pathplan", "n",
                "seed=" + seed, "size=" + size, "density=" + density, "plans=" + plansPerTick, "ticks=" + ticks)));
        PathPlanJava java = new PathPlanJava(seed, size, density);
        for (int t = 0; t < ticks; t++) {
            int result = agent.tick(t);
            assertEquals(t == ticks - 1 ? 1 : 0, result);
            java.runPlans(plansPerTick);
            assertEquals(java.checksumHex(), host.kvText("checksum"), "checksum after tick " + t);
            assertEquals(Long.toString(java.plansDone()), host.kvText("plans"));
        }
        String last = host.logMessages().get(host.logMessages().size() - 1);
        assertTrue(last.endsWith("checksum " + java.checksumHex()), last);
    }
}
