package io.lockstep.cli.bench.node;

import java.time.Duration;

/**
 * How long and how often each part of the node benchmark measures.
 *
 * @param quick whether these are the shortened settings
 * @param restarts timed node starts for start-up to link-ready
 * @param heapWindow how long the heap is sampled while the mission runs
 * @param heapIntervalMs time between heap samples
 * @param fieldWidthM width of the surveyed field (the demo's is 120 m)
 * @param fieldHeightM height of the surveyed field (the demo's is 60 m)
 * @param traceTicks distinct commands in the supervisor micro-benchmark's trace
 * @param commandsPerRound commands per timed round of the micro-benchmark
 * @param warmupRounds untimed rounds before measuring
 * @param rounds timed rounds each way
 * @param missionTimeout how long to wait for the mission to end after the recovery
 */
record NodeBenchSettings(boolean quick, int restarts, Duration heapWindow, long heapIntervalMs, double fieldWidthM,
        double fieldHeightM, int traceTicks, int commandsPerRound, int warmupRounds, int rounds,
        Duration missionTimeout) {

    static NodeBenchSettings full() {
        return new NodeBenchSettings(false, 5, Duration.ofSeconds(60), 500, 120, 60, 8_192, 2_000_000, 5, 9,
                Duration.ofMinutes(10));
    }

    /** About three minutes: fewer starts, a smaller field, a shorter heap window and micro-benchmark. */
    static NodeBenchSettings quickRun() {
        return new NodeBenchSettings(true, 2, Duration.ofSeconds(20), 500, 48, 36, 4_096, 300_000, 3, 5,
                Duration.ofMinutes(5));
    }
}
