package io.lockstep.c2.journal;

import io.lockstep.c2.config.C2Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;

/**
 * How many journal timelines this C2 reads at once ({@code lockstep.c2.journals.max-concurrent-timeline-reads}):
 * a read costs file I/O and memory, so beyond the limit a request is refused rather than queued.
 */
@ApplicationScoped
public class TimelineReadPermits {

    private final int limit;
    private final Semaphore permits;

    @Inject
    public TimelineReadPermits(C2Config config) {
        this(config.journals().maxConcurrentTimelineReads());
    }

    TimelineReadPermits(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("lockstep.c2.journals.max-concurrent-timeline-reads must be at least 1, was "
                    + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /** @return whether a read may start now; a {@code true} must be followed by {@link #release()} */
    public boolean tryAcquire() {
        return permits.tryAcquire();
    }

    public void release() {
        permits.release();
    }

    public int limit() {
        return limit;
    }
}
