package io.lockstep.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.testing.AgentHarness;
import io.lockstep.agents.testing.FakeHost;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HazardScoutAgentTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    /** Score = 1 - the nearest normalised sector distance. */
    private static float[] nearness(String name, float[] inputs) {
        float min = 1;
        for (float f : inputs) {
            min = Math.min(min, f);
        }
        return new float[] {1 - min};
    }

    private static AgentHarness scout(FakeHost host, String... params) {
        AgentHarness scout = AgentHarness.load("hazard-scout", host);
        assertEquals(0, scout.init(AgentHarness.params("hazard-scout", "node-3", params)));
        return scout;
    }

    /** The phase the agent draws: the first rand_u64 value modulo `every`. */
    private static long expectedPhase(long seed, long every) {
        return Long.remainderUnsigned(new FakeHost(seed).nextRandom(), every);
    }

    @Test
    void buildsEightNormalisedSectorFeatures() {
        FakeHost host = new FakeHost(11).model(HazardScoutAgentTest::nearness);
        AgentHarness scout = scout(host, "every=1", "max_range=20");
        // 16 beams, two per sector; sector j holds beams 2j and 2j+1.
        double[] ranges = {
            10, 30, // sector 0: 10 -> 0.5
            INF, INF, // sector 1: nothing -> 1
            5, 40, // sector 2: 5 -> 0.25
            -1, 8, // sector 3: a negative reading is no reading: 8 -> 0.4
            Double.NaN, 19, // sector 4: NaN is no reading: 19 -> 0.95
            0.0, 100, // sector 5: zero is contact -> 0 (100 alone would clamp to 1)
            2, 2, // sector 6: 0.1
            1, 60, // sector 7: 0.05
        };
        host.sensorFrame(FakeHost.frame(0, 1, 2, 0, 0, 0, ranges));
        assertEquals(0, scout.tick(0));
        assertEquals(1, host.inferInputs.size());
        assertArrayEquals(new float[] {0.5f, 1f, 0.25f, 0.4f, 0.95f, 0f, 0.1f, 0.05f}, host.inferInputs.get(0));
    }

    @Test
    void sectorsWithoutBeamsCountAsClear() {
        FakeHost host = new FakeHost(11).model(HazardScoutAgentTest::nearness);
        AgentHarness scout = scout(host, "every=1");
        host.sensorFrame(FakeHost.frame(0, 0, 0, 0, 0, 0, 3.0, 15.0, 30.0)); // 3 beams: sectors 0, 2, 5
        assertEquals(0, scout.tick(0));
        assertArrayEquals(new float[] {0.1f, 1, 0.5f, 1, 1, 1, 1, 1}, host.inferInputs.get(0));
        host.sensorFrame(FakeHost.frame(1, 0, 0, 0, 0, 0));
        assertEquals(0, scout.tick(1));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, host.inferInputs.get(1));
    }

    @Test
    void reportsScoresAboveTheThresholdOnItsTopic() {
        FakeHost host = new FakeHost(11).model(HazardScoutAgentTest::nearness);
        AgentHarness scout = scout(host, "every=1", "threshold=0.6", "max_range=10");
        host.sensorFrame(FakeHost.frame(41, 12.5, -3.25, 0, 0, 0, 2, 9, 9, 9, 9, 9, 9, 9)); // score 0.8
        assertEquals(0, scout.tick(0));
        host.sensorFrame(FakeHost.frame(42, 13, -3, 0, 0, 0, 5, 9, 9, 9, 9, 9, 9, 9)); // score 0.5
        assertEquals(0, scout.tick(1));

        assertEquals(List.of(new FakeHost.Emitted("swarm/hazard/node-3", "x=12.50 y=-3.25 score=0.800 tick=41")),
                host.emitted);
        assertEquals("2", host.kvText("samples"));
        assertEquals("1", host.kvText("hazards"));
        assertTrue(host.logMessages().contains(
                "hazard-scout: score 0.800 > threshold at x=12.50 y=-3.25, reported"), host.logMessages().toString());
        assertTrue(host.logMessages().contains("hazard-scout: score 0.500 <= threshold, nothing to report"));
    }

    @Test
    void logsARefusedReport() {
        FakeHost host = new FakeHost(11).model((n, in) -> new float[] {0.9f}).topicGranted(t -> false);
        AgentHarness scout = scout(host, "every=1");
        host.sensorFrame(FakeHost.frame(0, 0, 0, 0, 0, 0, 1.0));
        assertEquals(0, scout.tick(0));
        assertTrue(host.logMessages().stream().anyMatch(m -> m.endsWith("report refused with code -2")));
    }

    @Test
    void samplesEveryKTicksWithARandomPhase() {
        for (long seed : new long[] {1, 2, 3, 4, 5}) {
            FakeHost host = new FakeHost(seed).model(HazardScoutAgentTest::nearness);
            AgentHarness scout = scout(host, "every=7", "ticks=0");
            List<Long> sampled = new ArrayList<>();
            for (long t = 0; t < 40; t++) {
                host.sensorFrame(FakeHost.frame(t, 0, 0, 0, 0, 0, 1.0));
                int before = host.inferInputs.size();
                assertEquals(0, scout.tick(t));
                if (host.inferInputs.size() > before) {
                    sampled.add(t);
                }
            }
            long phase = expectedPhase(seed, 7);
            long first = (7 - phase) % 7;
            List<Long> expected = new ArrayList<>();
            for (long t = first; t < 40; t += 7) {
                expected.add(t);
            }
            assertEquals(expected, sampled, "seed " + seed);
            assertTrue(host.logMessages().contains("hazard-scout: sampling every 7 ticks, phase " + phase));
        }
    }

    @Test
    void phasesDifferBetweenGeneratorSeeds() {
        long distinct = Arrays.stream(new long[] {1, 2, 3, 4, 5, 6, 7, 8})
                .map(seed -> expectedPhase(seed, 10)).distinct().count();
        assertTrue(distinct > 1, "the jitter must depend on rand_u64");
    }

    @Test
    void finishesAfterTicksAndReportsProgress() {
        FakeHost host = new FakeHost(5).model(HazardScoutAgentTest::nearness);
        AgentHarness scout = scout(host, "ticks=4", "every=2");
        for (long t = 0; t < 3; t++) {
            host.sensorFrame(FakeHost.frame(t, 0, 0, 0, 0, 0, 50.0));
            assertEquals(0, scout.tick(t));
        }
        host.sensorFrame(FakeHost.frame(3, 0, 0, 0, 0, 0, 50.0));
        assertEquals(1, scout.tick(3));
        assertEquals(List.of(250, 500, 750, 1000), host.progress);
    }

    @Test
    void defaultsToFiveHundredTicks() {
        FakeHost host = new FakeHost(5).model(HazardScoutAgentTest::nearness).sensorFrame(FakeHost.frame(0, 0, 0, 0, 0, 0));
        AgentHarness scout = scout(host);
        for (long t = 0; t < 499; t++) {
            assertEquals(0, scout.tick(t));
        }
        assertEquals(1, scout.tick(499));
        assertEquals(50, Integer.parseInt(host.kvText("samples")));
    }

    @Test
    void countsInferenceFailuresAndKeepsGoing() {
        FakeHost host = new FakeHost(5).inferFails(FakeHost.ENOTFOUND);
        AgentHarness scout = scout(host, "every=1", "model=missing");
        host.sensorFrame(FakeHost.frame(0, 0, 0, 0, 0, 0, 1.0));
        assertEquals(0, scout.tick(0));
        assertEquals(0, scout.tick(1));
        assertEquals("2", host.kvText("infer_errors"));
        assertNull(host.kvText("hazards"));
        assertTrue(host.logMessages().contains("hazard-scout: inference failed with code -4"));
    }

    @Test
    void rejectsInvalidParameters() {
        for (String bad : List.of("every=0", "every=x", "threshold=1.5", "threshold=-0.1", "max_range=0",
                "ticks=-1", "model=")) {
            FakeHost host = new FakeHost(1);
            AgentHarness scout = AgentHarness.load("hazard-scout", host);
            assertEquals(1, scout.init(AgentHarness.params("hazard-scout", "n", bad)), bad);
            assertTrue(host.logMessages().get(0).startsWith("hazard-scout: invalid parameter "), bad);
        }
    }

    @Test
    void failsOnAFrameWithTooManyBeams() {
        FakeHost host = new FakeHost(1).model(HazardScoutAgentTest::nearness);
        AgentHarness scout = scout(host, "every=1");
        host.sensorFrame(FakeHost.frame(0, 0, 0, 0, 0, 0, new double[1025]));
        assertEquals(-1, scout.tick(0));
    }
}
