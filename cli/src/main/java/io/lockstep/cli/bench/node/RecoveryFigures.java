package io.lockstep.cli.bench.node;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code kill -9} of the node in the middle of its mission cost, all times from the kill.
 *
 * @param tickBeforeKill the last tick the node reported before it was killed
 * @param debugBackMs until the restarted node's debug port answered
 * @param resumedMs until it reported the mission RUNNING again
 * @param recoveredMs until it reported the mission RUNNING at a tick past both {@code tickBeforeKill} and the
 *        tick it resumed after, that is, a tick the restarted node executed itself
 * @param resumedAfterTick the tick the node resumed after, as it reported it ("resumed from journal after tick
 *        N"), or null when it did not say
 */
record RecoveryFigures(long tickBeforeKill, long debugBackMs, long resumedMs, long recoveredMs,
        Long resumedAfterTick) {
    private static final Pattern RESUMED_AFTER = Pattern.compile("resumed from journal after tick (\\d{1,18})(?!\\d)");

    /** Ticks done before the kill that were not in the journal and ran again, or null when unknown. */
    Long ticksLost() {
        return resumedAfterTick == null ? null : Math.max(0, tickBeforeKill - resumedAfterTick);
    }

    /** The tick in the node's "resumed from journal after tick N" status detail, or null. */
    static Long resumedAfterTick(String detail) {
        if (detail == null) {
            return null;
        }
        Matcher matcher = RESUMED_AFTER.matcher(detail);
        return matcher.find() ? Long.valueOf(matcher.group(1)) : null;
    }
}
