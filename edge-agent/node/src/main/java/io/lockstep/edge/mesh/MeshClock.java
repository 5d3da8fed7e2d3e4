package io.lockstep.edge.mesh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;

/**
 * The wall clock of the node's mesh code (hazard issue and expiry times, the e-stop and hazard figures of the
 * bench), injected so that tests drive it by hand. Never read inside the deterministic runtime: what the mesh
 * hands to the core is converted to ticks first (docs/hazards.md).
 */
public interface MeshClock {

    /** Unix time in milliseconds. */
    long millis();

    /** Unix time in microseconds. */
    long micros();

    /**
     * CPU time the calling thread has used, in nanoseconds: set against the wall clock, it tells work from waiting
     * for a core in the hazard figures of the bench.
     */
    default long threadCpuNanos() {
        return Threads.MX.getCurrentThreadCpuTime();
    }

    /** Looked up once: finding the platform bean on every call cost more than the hazard work it measured. */
    final class Threads {
        private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

        private Threads() {
        }
    }

    /** The host's clock. */
    MeshClock SYSTEM = new MeshClock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long micros() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        }
    };
}
