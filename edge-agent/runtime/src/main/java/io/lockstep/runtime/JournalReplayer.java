package io.lockstep.runtime;

import io.lockstep.runtime.engine.MissionEngine;
import io.lockstep.runtime.engine.MissionSetup;
import io.lockstep.runtime.engine.TickOutcome;
import io.lockstep.runtime.host.JournaledInference;
import io.lockstep.runtime.journal.JournaledTick;
import io.lockstep.runtime.journal.MissionJournal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Re-executes a journal with nothing but the journal: modules, parameters and limits come from its header,
 * inputs and inference results from its tick records. Every fingerprint is checked; the report names the
 * first divergent tick, agent and component.
 */
public final class JournalReplayer {
    private JournalReplayer() {
    }

    /**
     * @throws JournalException        when the file is not a readable journal, or the requested snapshot is absent
     * @throws ModuleRejectedException when a journaled module no longer loads (e.g. a stricter node)
     */
    public static ReplayReport replay(Path journal, ReplayOptions options) {
        MissionJournal contents = MissionJournal.load(journal);
        MissionSetup setup = options.executionMode() == null ? contents.setup()
                : contents.setup().withMode(options.executionMode());
        JournaledInference inference = new JournaledInference();
        try (MissionEngine engine = new MissionEngine(setup, inference, List::of, options.workers())) {
            return replay(contents, engine, inference, options);
        }
    }

    private static ReplayReport replay(MissionJournal contents, MissionEngine engine, JournaledInference inference,
                                       ReplayOptions options) {
        List<String> agents = engine.agentNames();
        long start;
        if (options.fromSnapshot().isPresent()) {
            start = options.fromSnapshot().getAsLong();
            restore(engine, contents, start);
        } else {
            start = 0;
            if (contents.init() == null) {
                return new ReplayReport(true, 0, -1, -1, "", "journal ends during init; nothing to verify", -1,
                        contents.tornBytes());
            }
            inference.load(contents.init().inference());
            TickOutcome init = engine.initialize();
            Optional<TickVerifier.Divergence> d = TickVerifier.compare(contents.init(), init, agents, inference);
            if (d.isPresent()) {
                return diverged(0, d.get(), contents);
            }
            options.onVerified().accept(init.result());
        }
        long verified = start;
        long unfinished = -1;
        for (JournaledTick t : contents.ticks()) {
            long tick = t.inputs().tick();
            if (tick <= start) {
                continue;
            }
            if (t.result() == null) {
                unfinished = tick;
                break;
            }
            inference.load(t.result().inference());
            TickOutcome outcome = engine.tick(t.inputs());
            Optional<TickVerifier.Divergence> d = TickVerifier.compare(t.result(), outcome, agents, inference);
            if (d.isPresent()) {
                return diverged(start, d.get(), contents);
            }
            verified = tick;
            options.onVerified().accept(outcome.result());
            if (tick % options.progressEvery() == 0) {
                options.progress().accept(tick);
            }
        }
        String detail = "verified " + (verified - start) + " ticks (" + (start == 0 ? "from init" : "from snapshot "
                + start) + " to tick " + verified + ")";
        return new ReplayReport(true, start, verified, -1, "", detail, unfinished, contents.tornBytes());
    }

    /** Restores the snapshot after {@code tick}; a snapshot that does not fit the mission is a journal error. */
    static void restore(MissionEngine engine, MissionJournal contents, long tick) {
        try {
            engine.restore(contents.snapshot(tick));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new JournalException(contents.file() + ": the snapshot at tick " + tick + " (record at offset "
                    + contents.snapshots().get(tick).offset() + ") cannot be restored: " + e.getMessage(), e);
        }
    }

    private static ReplayReport diverged(long start, TickVerifier.Divergence d, MissionJournal contents) {
        return new ReplayReport(false, start, d.tick() - 1, d.tick(), d.agent(), d.detail(), -1,
                contents.tornBytes());
    }
}
