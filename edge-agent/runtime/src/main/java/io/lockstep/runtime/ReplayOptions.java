package io.lockstep.runtime;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * How {@link JournalReplayer} re-executes a journal.
 *
 * @param fromSnapshot  start from the snapshot taken after this tick instead of from init
 * @param executionMode mode to replay in; null replays in the journal's recorded mode
 * @param progress      called with the tick number every {@code progressEvery} ticks
 * @param progressEvery ticks between progress calls
 * @param onVerified    called with every re-executed result (init as tick 0) once its fingerprint matched:
 *                      the replayed logs, emits and fingerprints, e.g. for {@code lockstep replay --logs}
 * @param workers       threads that run the agents of one tick (results do not depend on it)
 */
public record ReplayOptions(OptionalLong fromSnapshot, ExecutionMode executionMode, LongConsumer progress,
                            int progressEvery, Consumer<TickResult> onVerified, int workers) {

    public ReplayOptions {
        Objects.requireNonNull(fromSnapshot, "fromSnapshot");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(onVerified, "onVerified");
        if (progressEvery < 1) {
            throw new IllegalArgumentException("progressEvery must be >= 1");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1");
        }
    }

    /** From the start, in the journal's mode, without progress reports, on every available processor. */
    public static ReplayOptions defaults() {
        return new ReplayOptions(OptionalLong.empty(), null, t -> { }, 1000, r -> { }, MissionRuntime.defaultWorkers());
    }

    public ReplayOptions withFromSnapshot(long tick) {
        return new ReplayOptions(OptionalLong.of(tick), executionMode, progress, progressEvery, onVerified, workers);
    }

    public ReplayOptions withExecutionMode(ExecutionMode mode) {
        return new ReplayOptions(fromSnapshot, mode, progress, progressEvery, onVerified, workers);
    }

    public ReplayOptions withProgress(LongConsumer listener, int everyTicks) {
        return new ReplayOptions(fromSnapshot, executionMode, listener, everyTicks, onVerified, workers);
    }

    public ReplayOptions withOnVerified(Consumer<TickResult> listener) {
        return new ReplayOptions(fromSnapshot, executionMode, progress, progressEvery, listener, workers);
    }

    public ReplayOptions withWorkers(int count) {
        return new ReplayOptions(fromSnapshot, executionMode, progress, progressEvery, onVerified, count);
    }
}
