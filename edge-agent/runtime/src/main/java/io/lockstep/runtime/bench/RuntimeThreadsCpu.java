package io.lockstep.runtime.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * CPU time of the threads that run agent code (the mission's agent thread and tick workers, all named
 * {@code lockstep-agents-<mission>...}), with the nanosecond resolution of per-thread CPU clocks. Found once,
 * after the fleet has ticked, so every worker thread exists.
 */
final class RuntimeThreadsCpu {
    private static final String PREFIX = "lockstep-agents-";
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long[] ids;

    RuntimeThreadsCpu() {
        ThreadInfo[] all = threads.getThreadInfo(threads.getAllThreadIds());
        this.ids = Arrays.stream(all).filter(t -> t != null && t.getThreadName().startsWith(PREFIX))
                .mapToLong(ThreadInfo::getThreadId).toArray();
    }

    /** Sum of the CPU nanoseconds the runtime's threads have used (threads that ended count as 0). */
    long nanos() {
        long sum = 0;
        for (long id : ids) {
            long t = threads.getThreadCpuTime(id);
            sum += Math.max(0, t);
        }
        return sum;
    }
}
