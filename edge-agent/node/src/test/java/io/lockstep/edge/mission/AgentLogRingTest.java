package io.lockstep.edge.mission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.runtime.LogEntry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentLogRingTest {

    private static List<Long> seqs(AgentLogRing.Page page) {
        return page.lines().stream().map(AgentLogRing.Line::seq).toList();
    }

    @Test
    void aCursorReadsTheLaterLinesAndCountsThoseThatLeftTheRing() {
        AgentLogRing ring = new AgentLogRing(3);
        for (int i = 1; i <= 5; i++) {
            ring.add("m", i, new LogEntry("a", 1, "line " + i));
        }
        AgentLogRing.Page all = ring.after(0, 100);
        assertEquals(List.of(3L, 4L, 5L), seqs(all));
        assertEquals(2, all.skipped(), "lines 1 and 2 were pushed out before anyone read them");
        assertEquals(5, all.next());
        assertEquals("INFO", all.lines().get(0).level());

        AgentLogRing.Page limited = ring.after(3, 1);
        assertEquals(List.of(4L), seqs(limited));
        assertEquals(0, limited.skipped());
        assertEquals(4, limited.next());

        AgentLogRing.Page none = ring.after(5, 10);
        assertEquals(List.of(), none.lines());
        assertEquals(5, none.next());
    }

    @Test
    void aCursorFromBeforeARestartReadsFromTheStart() {
        AgentLogRing ring = new AgentLogRing(10);
        ring.add("m", 1, new LogEntry("a", 2, "x"));
        AgentLogRing.Page page = ring.after(500, 10);
        assertEquals(List.of(1L), seqs(page));
        assertEquals(1, page.next());
    }

    @Test
    void agentTextIsMadePrintableAndLevelsAreNamed() {
        AgentLogRing ring = new AgentLogRing(10);
        AgentLogRing.Line line = ring.add("m", 7, new LogEntry("a", 3, "two\nlines\u001b[31m"));
        assertEquals("two\\x0alines\\x1b[31m", line.message());
        assertEquals("ERROR", line.level());
        assertEquals(7, line.tick());
        assertThrows(IllegalArgumentException.class, () -> ring.after(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new AgentLogRing(0));
    }

    @Test
    void aLongPollReturnsAsSoonAsALineArrivesOrEmptyAtItsDeadline() throws Exception {
        AgentLogRing ring = new AgentLogRing(10);
        assertEquals(List.of(), ring.await(0, 10, 20).lines(), "nothing arrived before the deadline");

        CompletableFuture<AgentLogRing.Page> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return ring.await(0, 10, 30_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ring.add("m", 1, new LogEntry("a", 1, "wake up"));
        AgentLogRing.Page page = waiting.get(10, TimeUnit.SECONDS);
        assertEquals("wake up", page.lines().get(0).message());
        assertTrue(ring.latest() == 1);
    }
}
