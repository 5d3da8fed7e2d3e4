package io.lockstep.edge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.proto.v1.EdgeToC2;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResendScheduleTest {

    private static final long MS = 1_000_000L;

    private static EdgeToC2 entry(long seq) {
        return EdgeToC2.newBuilder().setSeq(seq).build();
    }

    @Test
    void onlyEntriesSentLongerAgoThanTheTimeoutAreDueAndTheirClockRestarts() {
        ResendSchedule schedule = new ResendSchedule(100);
        schedule.sent(1, 0);
        schedule.sent(2, 50 * MS);
        List<EdgeToC2> pending = List.of(entry(1), entry(2));

        assertTrue(schedule.takeOverdue(pending, 99 * MS).isEmpty());
        assertEquals(List.of(entry(1)), schedule.takeOverdue(pending, 100 * MS));
        assertEquals(List.of(entry(2)), schedule.takeOverdue(pending, 150 * MS));
        assertTrue(schedule.takeOverdue(pending, 199 * MS).isEmpty(), "1 was re-sent at 100 ms");
        assertEquals(List.of(entry(1)), schedule.takeOverdue(pending, 200 * MS));
    }

    @Test
    void anEntryNeverSeenStartsItsClockWhenFirstCheckedAndAcknowledgedOnesAreForgotten() {
        ResendSchedule schedule = new ResendSchedule(100);
        assertTrue(schedule.takeOverdue(List.of(entry(3)), 1_000 * MS).isEmpty());
        assertEquals(List.of(entry(3)), schedule.takeOverdue(List.of(entry(3)), 1_100 * MS));

        schedule.takeOverdue(List.of(), 1_150 * MS);
        assertTrue(schedule.takeOverdue(List.of(entry(3)), 5_000 * MS).isEmpty(), "forgotten once acknowledged");
    }

    @Test
    void aNonPositiveTimeoutIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new LinkSettings("127.0.0.1", 9000, Optional.empty(), 1000, 1000, 10, 100, 0));
    }
}
