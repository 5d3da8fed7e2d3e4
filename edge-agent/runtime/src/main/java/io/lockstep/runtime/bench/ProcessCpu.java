package io.lockstep.runtime.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time the whole JVM has used. On a shared machine a round's wall-clock time includes the time the OS
 * gave the CPU to other processes; the CPU time the process used does not, so a ratio of CPU times says how
 * much work each side did even under load. Measured for the whole process because agent code runs on the
 * runtime's own threads; in a steady state the JIT and GC threads add little.
 */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Nanoseconds of CPU used by the process so far, or -1 when the JVM cannot tell. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
