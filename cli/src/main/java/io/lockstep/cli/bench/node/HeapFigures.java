package io.lockstep.cli.bench.node;

import java.util.List;

/**
 * The node JVM's heap in use while it ran the survey mission.
 *
 * @param samplesMib every sample, MiB, in order
 * @param afterForcedGcMib one sample right after a full collection ({@code jcmd PID GC.run}), or null when
 *        it could not be taken
 * @param maxHeapSetting the node JVM's {@code -Xmx}, the ceiling the heap could not exceed anyway
 * @param firstTick the mission tick when sampling started
 * @param lastTick the mission tick when it ended
 */
record HeapFigures(List<Double> samplesMib, Double afterForcedGcMib, String maxHeapSetting, long firstTick,
        long lastTick) {

    HeapFigures {
        if (samplesMib.isEmpty()) {
            throw new IllegalArgumentException("no heap samples");
        }
        samplesMib = List.copyOf(samplesMib);
    }

    double maxMib() {
        return Samples.max(samplesMib);
    }

    double meanMib() {
        return Samples.mean(samplesMib);
    }
}
