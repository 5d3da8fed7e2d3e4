package io.lockstep.runtime;

import io.lockstep.runtime.engine.CanonicalInputs;
import io.lockstep.runtime.engine.MissionEngine;
import io.lockstep.runtime.engine.MissionSetup;
import io.lockstep.runtime.engine.TickOutcome;
import io.lockstep.runtime.host.JournaledInference;
import io.lockstep.runtime.host.LiveInference;
import io.lockstep.runtime.host.SplitMix64;
import io.lockstep.runtime.journal.JournalCodec;
import io.lockstep.runtime.journal.JournalWriter;
import io.lockstep.runtime.journal.JournaledTick;
import io.lockstep.runtime.journal.MissionJournal;
import io.lockstep.runtime.journal.RecordType;
import io.lockstep.runtime.journal.SnapshotCodec;
import io.lockstep.runtime.journal.TickRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The deterministic runtime of one mission on one node. Each agent runs in its own Chicory instance with its
 * own linear memory, only the host ABI of docs/agent-abi.md, and deterministic fuel, memory and call-depth
 * limits. {@link #tick(TickInputs)} runs one logical tick; the caller decides when (wall-clock time never
 * enters the runtime).
 *
 * <p>With a journal, the whole setup (module bytes included), every tick's canonical inputs and inference
 * results, digests and fingerprints, and periodic snapshots are appended, so {@link JournalReplayer} can
 * re-execute the mission and {@link #resume} can continue it after a crash.
 *
 * <p>The agents of one tick run on {@link Builder#workers} threads; results never depend on the count.
 * Not thread-safe: call from one thread (the node's tick loop).
 */
public final class MissionRuntime implements AutoCloseable {
    private final MissionEngine engine;
    private final JournalWriter journal;
    private final int snapshotEvery;
    private final TickResult initResult;
    private boolean closed;
    private volatile boolean aborted;
    private JournalException journalFailure;

    private MissionRuntime(MissionEngine engine, JournalWriter journal, TickResult initResult) {
        this.engine = engine;
        this.journal = journal;
        this.snapshotEvery = engine.setup().limits().snapshotEveryTicks();
        this.initResult = initResult;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Crash recovery: opens an existing journal, cuts off a torn tail, restores the last snapshot, re-executes
     * the later journaled ticks (verifying every fingerprint, using journaled inference results), finishes a
     * tick the node was in the middle of (live inference), and returns a runtime that continues appending to
     * the same journal. Its next fingerprint is the one the node would have produced without the crash.
     *
     * @param mode execution mode from now on (fingerprints do not depend on it)
     * @throws JournalException        when the journal is unreadable or re-execution does not match it
     * @throws ModuleRejectedException when a journaled module no longer loads
     */
    public static MissionRuntime resume(Path journalFile, InferenceService inference, ExecutionMode mode) {
        return resume(journalFile, inference, mode, defaultWorkers());
    }

    /**
     * {@link #resume(Path, InferenceService, ExecutionMode)} with {@code workers} threads running the agents
     * of a tick (fingerprints do not depend on it).
     */
    public static MissionRuntime resume(Path journalFile, InferenceService inference, ExecutionMode mode,
                                        int workers) {
        Objects.requireNonNull(inference, "inference");
        MissionJournal contents = MissionJournal.load(journalFile);
        MissionSetup setup = contents.setup().withMode(Objects.requireNonNull(mode, "mode"));
        LiveInference live = new LiveInference(inference);
        JournaledInference journaled = new JournaledInference();
        MissionEngine engine = new MissionEngine(setup, journaled, live::drain, workers);
        JournalWriter writer;
        try {
            writer = JournalWriter.append(journalFile, contents.validBytes());
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        try {
            List<String> agents = engine.agentNames();
            TickResult initResult;
            long from;
            if (!contents.snapshots().isEmpty()) {
                from = contents.snapshots().lastKey();
                JournalReplayer.restore(engine, contents, from);
                initResult = null;
            } else if (contents.init() != null) {
                from = 0;
                journaled.load(contents.init().inference());
                TickOutcome init = engine.initialize();
                failOnDivergence(TickVerifier.compare(contents.init(), init, agents, journaled), journalFile);
                initResult = init.result();
            } else {
                from = 0;
                engine.inference(live);
                TickOutcome init = engine.initialize();
                writer.appendResult(RecordType.INIT, record(init));
                writer.sync();
                initResult = init.result();
            }
            for (JournaledTick t : contents.ticks()) {
                if (t.inputs().tick() <= from) {
                    continue;
                }
                if (t.result() != null) {
                    journaled.load(t.result().inference());
                    engine.inference(journaled);
                    TickOutcome outcome = engine.tick(t.inputs());
                    failOnDivergence(TickVerifier.compare(t.result(), outcome, agents, journaled), journalFile);
                } else {
                    engine.inference(live);
                    TickOutcome outcome = engine.tick(t.inputs());
                    writer.appendResult(RecordType.RESULT, record(outcome));
                }
            }
            engine.inference(live);
            live.drain();
            MissionRuntime rt = new MissionRuntime(engine, writer, initResult);
            rt.snapshotIfDue();
            return rt;
        } catch (RuntimeException e) {
            writer.close();
            engine.close();
            throw e;
        }
    }

    private static void failOnDivergence(Optional<TickVerifier.Divergence> d, Path file) {
        if (d.isPresent()) {
            throw new JournalException("cannot resume " + file + ": re-execution diverged at tick " + d.get().tick()
                    + (d.get().agent().isEmpty() ? "" : " in agent " + d.get().agent()) + ": " + d.get().detail());
        }
    }

    private static TickRecord record(TickOutcome o) {
        return new TickRecord(o.result().tick(), o.inference(), o.outputsDigest(), o.digests(), o.fingerprint());
    }

    /**
     * Runs the next tick: puts the inputs in canonical order, journals them, runs every RUNNING agent in
     * mission order (messages first, then {@code lockstep_tick}), journals the result and, when due, a snapshot.
     *
     * @throws JournalException     when the journal cannot be written (the tick's outputs must then not be
     *                               used); the runtime refuses further ticks and the node should resume
     * @throws IllegalStateException after {@link #close()} or an earlier journal failure
     * @throws MissionAbortedException after {@link #abort()}
     */
    public TickResult tick(TickInputs inputs) {
        if (closed) {
            throw new IllegalStateException("runtime closed");
        }
        if (journalFailure != null) {
            throw new IllegalStateException("journal write failed at an earlier tick; resume from the journal",
                    journalFailure);
        }
        if (aborted) {
            // Before journaling: after an interrupted tick only that tick may lack its result.
            throw new MissionAbortedException("the mission run was aborted");
        }
        CanonicalInputs canonical = CanonicalInputs.of(engine.currentTick() + 1, Objects.requireNonNull(inputs));
        try {
            if (journal != null) {
                journal.appendInputs(canonical);
            }
            TickOutcome outcome = engine.tick(canonical);
            if (journal != null) {
                journal.appendResult(RecordType.RESULT, record(outcome));
                snapshotIfDue();
            }
            return outcome.result();
        } catch (JournalException e) {
            // A partly written record would hide every later one: stop here; resume cuts it off.
            journalFailure = e;
            throw e;
        }
    }

    private void snapshotIfDue() {
        long tick = engine.currentTick();
        if (journal != null && snapshotEvery > 0 && tick > 0 && tick % snapshotEvery == 0) {
            journal.append(RecordType.SNAPSHOT, SnapshotCodec.encode(engine.snapshot()));
            journal.sync();
        }
    }

    /**
     * Lower-case hex state fingerprint of the last completed tick ({@link #currentTick()}; at tick 0, of
     * init). Right after {@link #resume} it is the fingerprint of the last tick the journal covers, the same
     * value the node reported for that tick before the crash.
     */
    public String lastFingerprint() {
        return engine.fingerprintHex();
    }

    /** Ticks run so far (0 before the first tick). */
    public long currentTick() {
        return engine.currentTick();
    }

    /**
     * Status after init (tick 0): agents faulted by their start function or init show here. Empty after
     * {@link #resume} from a snapshot.
     */
    public Optional<TickResult> initResult() {
        return Optional.ofNullable(initResult);
    }

    /** The default worker count: every processor available to the JVM. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Threads that run the agents of one tick. */
    public int workers() {
        return engine.workerCount();
    }

    /** Agent names in run order. */
    public List<String> agentNames() {
        return engine.agentNames();
    }

    public String missionId() {
        return engine.setup().missionId();
    }

    public String nodeId() {
        return engine.setup().nodeId();
    }

    /**
     * Ends the mission run from any thread, at once: a tick in progress stops at its agent's next call or loop
     * header and {@link #tick} throws {@link MissionAbortedException}, as does every later tick. The journal
     * stays valid up to the last complete tick (the interrupted tick's inputs may be journaled without a
     * result: replay reports it as unfinished, resume runs it again). Call {@link #close()} afterwards.
     */
    public void abort() {
        aborted = true;
        engine.abort();
    }

    /** Flushes, syncs and closes the journal and stops the agent thread. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                if (journal != null) {
                    journal.close();
                }
            } finally {
                engine.close();
            }
        }
    }

    /** Removes a journal this builder created for a mission that then failed to load. */
    private static void deleteQuietly(Path file) {
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            // The journal holds only a header; leaving it behind is harmless.
        }
    }

    /** Builds a {@link MissionRuntime}: loads, validates, instantiates and initializes every agent. */
    public static final class Builder {
        private String missionId;
        private String nodeId;
        private final List<AgentDefinition> agents = new ArrayList<>();
        private double[] area = new double[0];
        private int shareIndex;
        private int shareCount = 1;
        private RuntimeLimits limits = RuntimeLimits.defaults();
        private Integer snapshotEvery;
        private ExecutionMode mode = ExecutionMode.COMPILED;
        private InferenceService inference = InferenceService.NONE;
        private Path journal;
        private AbortSignal abortSignal;
        private int workers = defaultWorkers();

        private Builder() {
        }

        public Builder missionId(String id) {
            this.missionId = Objects.requireNonNull(id, "missionId");
            return this;
        }

        public Builder nodeId(String id) {
            this.nodeId = Objects.requireNonNull(id, "nodeId");
            return this;
        }

        /** Adds an agent; the order of calls is the run order. */
        public Builder agent(AgentDefinition agent) {
            agents.add(Objects.requireNonNull(agent, "agent"));
            return this;
        }

        /** The node's assigned area, x,y pairs in the local metric frame (metres). */
        public Builder assignedArea(double[] xyPairs) {
            if (xyPairs.length % 2 != 0) {
                throw new IllegalArgumentException("assigned area needs x,y pairs");
            }
            for (double v : xyPairs) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("assigned area coordinates must be finite");
                }
            }
            this.area = xyPairs.clone();
            return this;
        }

        /** This node's share of the mission: index in 0..count-1. */
        public Builder share(int index, int count) {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("share index " + index + " of " + count);
            }
            this.shareIndex = index;
            this.shareCount = count;
            return this;
        }

        public Builder limits(RuntimeLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder executionMode(ExecutionMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public Builder inference(InferenceService service) {
            this.inference = Objects.requireNonNull(service, "inference");
            return this;
        }

        /** Journals to this new file (it must not exist). */
        public Builder journal(Path file) {
            this.journal = Objects.requireNonNull(file, "journal");
            return this;
        }

        /**
         * Threads that run the agents of one tick (default: {@link #defaultWorkers()}). Agents of one tick are
         * independent and their outputs are merged in mission order, so results, fingerprints and journals
         * are the same for every count; capped at the number of agents.
         */
        public Builder workers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + count);
            }
            this.workers = count;
            return this;
        }

        /** Snapshot period in ticks for the journal (0: none); overrides the limits' value. */
        public Builder snapshotEvery(int ticks) {
            if (ticks < 0) {
                throw new IllegalArgumentException("snapshotEvery must be >= 0");
            }
            this.snapshotEvery = ticks;
            return this;
        }

        /** An abort of {@code signal} ends this runtime: during init in {@link #build()}, and every tick after. */
        public Builder abortSignal(AbortSignal signal) {
            this.abortSignal = Objects.requireNonNull(signal, "signal");
            return this;
        }

        /**
         * @throws ModuleRejectedException  naming the agent and the offending import, export or limit
         * @throws JournalException         when the journal file cannot be created
         * @throws MissionAbortedException  when the {@link #abortSignal} fired before init finished
         */
        public MissionRuntime build() {
            if (missionId == null || nodeId == null) {
                throw new IllegalStateException("missionId and nodeId are required");
            }
            if (agents.isEmpty()) {
                throw new IllegalStateException("a mission needs at least one agent");
            }
            Set<String> names = new HashSet<>();
            long[] seeds = new long[agents.size()];
            for (int i = 0; i < agents.size(); i++) {
                if (!names.add(agents.get(i).name())) {
                    throw new IllegalArgumentException("duplicate agent name " + agents.get(i).name());
                }
                seeds[i] = SplitMix64.seed(missionId, agents.get(i).name());
            }
            RuntimeLimits effective = snapshotEvery == null ? limits : limits.withSnapshotEveryTicks(snapshotEvery);
            MissionSetup setup = new MissionSetup(missionId, nodeId, agents, area, shareIndex, shareCount,
                    effective, mode, seeds);
            LiveInference live = new LiveInference(inference);
            MissionEngine engine = new MissionEngine(setup, live, live::drain, workers);
            if (abortSignal != null) {
                abortSignal.onAbort(engine::abort);
            }
            JournalWriter writer;
            try {
                writer = journal == null ? null : JournalWriter.create(journal);
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
            try {
                if (writer != null) {
                    writer.append(RecordType.HEADER, JournalCodec.header(setup));
                }
                TickOutcome init = engine.initialize();
                if (writer != null) {
                    writer.appendResult(RecordType.INIT, record(init));
                    writer.sync();
                }
                MissionRuntime runtime = new MissionRuntime(engine, writer, init.result());
                if (abortSignal != null) {
                    abortSignal.onAbort(runtime::abort);
                }
                return runtime;
            } catch (RuntimeException e) {
                engine.close();
                if (writer != null) {
                    writer.close();
                    deleteQuietly(journal);
                }
                throw e;
            }
        }
    }
}
