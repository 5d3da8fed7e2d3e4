package io.lockstep.c2.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulator's horizon is mission time: its tick count follows the mission's tick period. */
class SimulationHorizonTest {

    @Test
    void theHorizonIsMissionTimeInTicksOfTheMissionsPeriod() {
        assertEquals(90_000, SimulationRequestMapper.horizonTicks(Duration.ofMinutes(30), 20));
        assertEquals(18_000, SimulationRequestMapper.horizonTicks(Duration.ofMinutes(30), 100));
    }

    @Test
    void aPartialTickRoundsUpAndTheSimulatorsOwnBoundHolds() {
        assertEquals(4, SimulationRequestMapper.horizonTicks(Duration.ofMillis(61), 20));
        assertEquals(1, SimulationRequestMapper.horizonTicks(Duration.ZERO, 20));
        assertEquals(SimulationRequestMapper.MAX_SIMULATED_TICKS,
                SimulationRequestMapper.horizonTicks(Duration.ofDays(365), 1));
    }
}
