package io.lockstep.runtime.bench;

import java.lang.management.ManagementFactory;

/**
 * The calling thread's CPU clock. On a shared machine a round's wall-clock time includes the time the OS gave
 * the cores to other processes; the CPU time of the thread that did the work does not, so a ratio of CPU
 * times says how much work each side did even under load.
 */
final class ThreadCpu {
    private ThreadCpu() {
    }

    /** Nanoseconds of CPU the calling thread has used. */
    static long currentThread() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
