package io.lockstep.c2.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimelineReadPermitsTest {

    @Test
    void theConfiguredNumberOfReadsMayRunAtOnceAndAFinishedOneFreesItsPermit() {
        TimelineReadPermits readers = new TimelineReadPermits(3);
        assertThat(readers.tryAcquire()).isTrue();
        assertThat(readers.tryAcquire()).isTrue();
        assertThat(readers.tryAcquire()).isTrue();
        assertThat(readers.tryAcquire()).as("a fourth read at once").isFalse();
        readers.release();
        assertThat(readers.tryAcquire()).isTrue();
        assertThat(readers.limit()).isEqualTo(3);
    }

    @Test
    void aLimitBelowOneIsRefusedAtStartup() {
        assertThatThrownBy(() -> new TimelineReadPermits(0)).hasMessageContaining("max-concurrent-timeline-reads");
    }
}
