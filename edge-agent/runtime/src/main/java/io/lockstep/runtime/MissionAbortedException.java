package io.lockstep.runtime;

/**
 * The mission's run was ended from outside ({@link MissionRuntime#abort()}) while, or before, agents ran. The
 * interrupted tick has no result: its inputs may be journaled without a result, which replay reports as an
 * unfinished tick and resume re-runs. The runtime refuses further ticks.
 */
public class MissionAbortedException extends RuntimeException {
    public MissionAbortedException(String message) {
        super(message);
    }
}
