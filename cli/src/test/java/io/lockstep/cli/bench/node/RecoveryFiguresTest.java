package io.lockstep.cli.bench.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RecoveryFiguresTest {

    @Test
    void readsTheResumeTickFromTheNodesDetail() {
        assertEquals(1234L, RecoveryFigures.resumedAfterTick("resumed from journal after tick 1234"));
    }

    @Test
    void anyOtherDetailHasNoResumeTick() {
        assertNull(RecoveryFigures.resumedAfterTick(""));
        assertNull(RecoveryFigures.resumedAfterTick(null));
        assertNull(RecoveryFigures.resumedAfterTick("resumed from journal after tick "));
        assertNull(RecoveryFigures.resumedAfterTick("resumed from journal after tick -5"));
        // More digits than a long holds is not a tick.
        assertNull(RecoveryFigures.resumedAfterTick("resumed from journal after tick 99999999999999999999"));
    }

    @Test
    void ticksLostAreThoseReportedBeforeTheKillButNotResumed() {
        assertEquals(12L, new RecoveryFigures(512, 900, 1500, 1600, 500L).ticksLost());
        assertEquals(0L, new RecoveryFigures(512, 900, 1500, 1600, 512L).ticksLost());
        assertNull(new RecoveryFigures(512, 900, 1500, 1600, null).ticksLost());
    }
}
