package io.lockstep.runtime.bench;

/**
 * Warms compiled code until HotSpot has settled. Chicory turns a large agent function into one large JVM
 * method that HotSpot first runs interpreted, then through on-stack replacement, and compiles fully only
 * after some hundred calls; on a busy machine the compiler threads get little CPU and that takes longer.
 * Timed rounds start once the work has run a minimum number of times and has stopped getting faster.
 */
final class Warmup {
    /** Under load a chunk is often slow by chance; ten in a row without a new best means the JIT is done. */
    private static final int STEADY_CHUNKS = 10;
    private static final double IMPROVEMENT = 0.97;

    private Warmup() {
    }

    /**
     * Runs {@code chunk} at least {@code minChunks} times, then until {@value #STEADY_CHUNKS} chunks in a
     * row were not 3 % faster than the fastest before them and the JIT compiled nothing during them, or
     * {@code maxSeconds} have passed.
     *
     * @return the chunks run
     */
    static int untilSteady(Runnable chunk, int minChunks, double maxSeconds) {
        return untilSteady(chunk, minChunks, maxSeconds, System::nanoTime);
    }

    /**
     * The same, timing each chunk with {@code clock} (nanoseconds): the CPU clock of the thread that runs the
     * chunk is steadier than wall-clock time on a busy machine, where a chunk's wall time is mostly waiting.
     */
    static int untilSteady(Runnable chunk, int minChunks, double maxSeconds, java.util.function.LongSupplier clock) {
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        double best = Double.MAX_VALUE;
        int sinceImprovement = 0;
        int chunks = 0;
        long lastJitMillis = jitMillis();
        int sinceJit = 0;
        while (true) {
            long start = clock.getAsLong();
            chunk.run();
            double seconds = (clock.getAsLong() - start) / 1e9;
            chunks++;
            if (seconds < best * IMPROVEMENT) {
                sinceImprovement = 0;
            } else {
                sinceImprovement++;
            }
            best = Math.min(best, seconds);
            long compiled = jitMillis();
            if (compiled != lastJitMillis) {
                lastJitMillis = compiled;
                sinceJit = 0;
            } else {
                sinceJit++;
            }
            // Steady once the JIT has been idle too: on a busy machine the compiler threads get little CPU, and
            // the code can sit in a slower tier for many chunks that show no improvement while it waits.
            boolean steady = chunks >= minChunks && sinceImprovement >= STEADY_CHUNKS && sinceJit >= STEADY_CHUNKS;
            if (steady || System.nanoTime() > deadline) {
                return chunks;
            }
        }
    }

    /** Total time HotSpot's compiler threads have spent compiling, in milliseconds (-1 when unknown). */
    private static long jitMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }
}
