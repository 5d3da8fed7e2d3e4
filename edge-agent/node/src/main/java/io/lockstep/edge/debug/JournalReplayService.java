package io.lockstep.edge.debug;

import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.JournalReplayer;
import io.lockstep.runtime.ModuleRejectedException;
import io.lockstep.runtime.ReplayOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * Replays a journal for the debug port, one replay at a time: a replay re-executes the whole
 * mission and must not starve the tick loop of the node's few cores.
 */
@ApplicationScoped
public class JournalReplayService {

    private final Semaphore oneAtATime = new Semaphore(1);

    public ReplayReportView replay(Path journal) {
        if (!oneAtATime.tryAcquire()) {
            throw new WebApplicationException("a replay is already running", Response.Status.CONFLICT);
        }
        try {
            return ReplayReportView.of(journal.toString(), JournalReplayer.replay(journal, ReplayOptions.defaults()));
        } catch (JournalException | ModuleRejectedException e) {
            throw new WebApplicationException("cannot replay " + journal + ": " + e.getMessage(),
                    422);
        } finally {
            oneAtATime.release();
        }
    }
}
