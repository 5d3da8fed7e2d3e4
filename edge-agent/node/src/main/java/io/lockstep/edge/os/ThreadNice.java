package io.lockstep.edge.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Gives chosen threads of this process a higher OS scheduling priority (a lower Linux nice value), so that on a busy
 * machine they run as soon as they have work instead of queueing behind the agents' compute.
 *
 * <p>The node raises the threads that carry e-stops and hazards between vehicles: each Zenoh transport's reader and
 * writer, and HotSpot's VM thread (the serial collector's pauses stop every Java thread, so a pause that waits for a
 * core delays an e-stop too). Java has no call for a thread's nice value, so this runs {@code renice} on the thread's
 * own id ({@code /proc/thread-self}); lowering a nice value needs root or {@code CAP_SYS_NICE}. Without them, or off
 * Linux, the first attempt logs once why and the threads keep the normal priority: latency then depends on load,
 * nothing else changes. The nice value stays within SCHED_OTHER, so a thread flooded with messages still leaves
 * the others their share (a real-time class would not: {@link RealTimeReaders} gives the readers one only while they
 * stay within a CPU budget, through {@link #toRealTimeLater(String)} and {@link #toNormalLater(String)}).
 *
 * <p>{@link #raiseCurrentThreadLater()} only notes the thread's id; one background thread renices what was noted,
 * many threads per {@code renice}. A transport's threads must not wait for a process to start: on a loaded
 * machine that took long enough for peers' leases to expire.
 *
 * <p>Threads that only run what other threads hand them, never what the network brings, may go further:
 * {@link #raiseCurrentThreadToRealTimeLater()} puts them in the real-time round-robin class ({@code chrt -r}), which
 * runs as soon as they have work, ahead of every thread of the normal class. A flood cannot keep them busy: their
 * work comes from callers of normal priority, one at a time. Where that is not permitted ({@code CAP_SYS_NICE} or
 * {@code RLIMIT_RTPRIO}), they get the nice value instead, and why is logged once.
 */
public final class ThreadNice {
    private static final Logger LOG = Logger.getLogger(ThreadNice.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final Path OWN_TASKS = Path.of("/proc/self/task");
    private static final long RENICE_TIMEOUT_SECONDS = 5;

    private final int nice;
    private final int realTimePriority;
    /** Why raising failed the first time; once set, no more attempts are made. */
    private final AtomicReference<String> unavailable = new AtomicReference<>();
    /** Why the real-time class failed the first time; once set, those threads get the nice value instead. */
    private final AtomicReference<String> realTimeUnavailable = new AtomicReference<>();
    private final List<String> pending = new ArrayList<>();
    private final List<String> pendingRealTime = new ArrayList<>();
    /** Threads to put back in the normal class (SCHED_OTHER, keeping their nice value): readers over their budget. */
    private final List<String> pendingNormal = new ArrayList<>();
    private final AtomicLong raisedLater = new AtomicLong();
    private final AtomicBoolean budgetExceededLogged = new AtomicBoolean();
    private Thread renicer;

    /** @param nice the nice value to give (-20..19); 0 leaves every thread as it is */
    public ThreadNice(int nice) {
        this(nice, 0);
    }

    /**
     * @param nice the nice value to give (-20..19); 0 leaves every thread as it is
     * @param realTimePriority the round-robin priority (1..99) of {@link #raiseCurrentThreadToRealTimeLater()}'s
     *        threads; 0 gives them the nice value like the others
     */
    public ThreadNice(int nice, int realTimePriority) {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("nice value must be -20..19, got " + nice);
        }
        if (realTimePriority < 0 || realTimePriority > 99) {
            throw new IllegalArgumentException("real-time priority must be 0..99, got " + realTimePriority);
        }
        this.nice = nice;
        this.realTimePriority = nice == 0 ? 0 : realTimePriority;
    }

    public int nice() {
        return nice;
    }

    /**
     * Notes the calling thread to be raised by the background thread, and returns at once (no process is started on
     * the caller). Never throws.
     */
    public void raiseCurrentThreadLater() {
        noteCurrentThread(pending);
    }

    /**
     * Notes the calling thread to be put in the real-time round-robin class by the background thread (the nice value
     * where that is not permitted, or with a real-time priority of 0), and returns at once. Only for a thread that
     * runs work handed to it by threads of normal priority. Never throws.
     */
    public void raiseCurrentThreadToRealTimeLater() {
        noteCurrentThread(realTimePriority > 0 && realTimeUnavailable.get() == null ? pendingRealTime : pending);
    }

    /** Whether {@link #toRealTimeLater(String)} may put a thread in the real-time class (not known to be refused). */
    public boolean realTimeEnabled() {
        return nice != 0 && realTimePriority > 0 && unavailable.get() == null && realTimeUnavailable.get() == null;
    }

    /**
     * Notes thread {@code tid} of this process to be put in the real-time round-robin class by the background thread,
     * and returns at once; a later {@link #toNormalLater(String)} of the same thread wins. For a thread whose work from
     * the network the caller keeps within a CPU budget ({@link RealTimeReaders}).
     */
    void toRealTimeLater(String tid) {
        if (realTimeEnabled()) {
            note(tid, pendingRealTime, pendingNormal);
        }
    }

    /** Notes thread {@code tid} to be put back in the normal class, its nice value kept; returns at once. */
    void toNormalLater(String tid) {
        if (nice != 0 && unavailable.get() == null) {
            note(tid, pendingNormal, pendingRealTime);
        }
    }

    private void note(String tid, List<String> list, List<String> overridden) {
        synchronized (pending) {
            overridden.remove(tid);
            noteLocked(tid, list);
        }
    }

    private void noteCurrentThread(List<String> list) {
        if (nice == 0 || unavailable.get() != null) {
            return;
        }
        Optional<String> tid = currentThreadId();
        if (tid.isEmpty()) {
            giveUp("this is not Linux (no /proc/thread-self)");
            return;
        }
        synchronized (pending) {
            noteLocked(tid.get(), list);
        }
    }

    /** Caller holds the {@code pending} monitor. */
    private void noteLocked(String tid, List<String> list) {
        if (!list.contains(tid)) {
            list.add(tid);
        }
        if (renicer == null) {
            renicer = new Thread(this::reniceNoted, "thread-nice");
            renicer.setDaemon(true);
            renicer.start();
        }
        pending.notifyAll();
    }

    private void reniceNoted() {
        while (true) {
            List<String> tids;
            List<String> realTime;
            List<String> normal;
            synchronized (pending) {
                while (pending.isEmpty() && pendingRealTime.isEmpty() && pendingNormal.isEmpty()) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                tids = new ArrayList<>(pending);
                realTime = new ArrayList<>(pendingRealTime);
                normal = new ArrayList<>(pendingNormal);
                pending.clear();
                pendingRealTime.clear();
                pendingNormal.clear();
            }
            int handled = tids.size() + realTime.size() + normal.size();
            for (String tid : normal) {
                toNormal(tid);
            }
            for (String tid : realTime) {
                if (!toRealTime(tid)) {
                    tids.add(tid); // not permitted here: the nice value, as the others
                }
            }
            if (unavailable.get() == null && !tids.isEmpty()) {
                // A thread that ended meanwhile makes renice fail for its id only; the others are still raised.
                renice(tids, "transport threads");
            }
            raisedLater.addAndGet(handled);
        }
    }

    /** Puts thread {@code tid} in SCHED_RR; false (and why, logged once) when that is not permitted here. */
    private boolean toRealTime(String tid) {
        if (realTimeUnavailable.get() != null) {
            return false;
        }
        // -R (reset on fork): a thread it happens to start (a pool's first worker) is of the normal class, not real-time
        List<String> command = List.of("chrt", "-r", "-R", "-p", Integer.toString(realTimePriority), tid);
        try {
            // a thread that ended meanwhile has nothing to raise: not a reason to give up real time
            Optional<String> problem = problem(command, "chrt -r -R -p " + realTimePriority, true);
            if (problem.isPresent()) {
                return realTimeUnavailable(problem.get() + "; give the node CAP_SYS_NICE or an RLIMIT_RTPRIO of "
                        + realTimePriority);
            }
            LOG.debugf("thread %s runs SCHED_RR %d", tid, realTimePriority);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Puts thread {@code tid} back in SCHED_OTHER (its nice value stays); a thread that ended is not a failure. */
    private void toNormal(String tid) {
        List<String> command = List.of("chrt", "-o", "-p", "0", tid);
        try {
            Optional<String> problem = problem(command, "chrt -o -p 0", true);
            if (problem.isPresent()) {
                LOG.warnf("thread %s stays real-time: %s", tid, problem.get());
            } else if (budgetExceededLogged.compareAndSet(false, true)) {
                // Once at INFO: a cold start's first bursts do it too; a flood shows in the debug log's repeats.
                LOG.infof("thread %s (a mesh reader) used more than its real-time CPU budget: normal class at nice %d "
                        + "until its peer's traffic is quiet again (further ones logged at DEBUG)", tid, nice);
            } else {
                LOG.debugf("thread %s (a mesh reader) over its real-time CPU budget: normal class", tid);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean realTimeUnavailable(String why) {
        if (realTimeUnavailable.compareAndSet(null, why)) {
            LOG.infof("safety threads run at nice %d, not real-time: %s", nice, why);
        }
        return false;
    }

    /** Why the real-time class is not possible here, if an attempt found out. */
    public Optional<String> realTimeUnavailableBecause() {
        return Optional.ofNullable(realTimeUnavailable.get());
    }

    /**
     * Threads {@link #raiseCurrentThreadLater()} and {@link #raiseCurrentThreadToRealTimeLater()} noted and the
     * background thread has handled (raised or not).
     */
    public long handledLater() {
        return raisedLater.get();
    }

    /** Raises the calling thread; true when its nice value is now {@link #nice()}. Never throws. */
    public boolean raiseCurrentThread() {
        if (nice == 0 || unavailable.get() != null) {
            return false;
        }
        Optional<String> tid = currentThreadId();
        if (tid.isEmpty()) {
            giveUp("this is not Linux (no /proc/thread-self)");
            return false;
        }
        return renice(List.of(tid.get()), Thread.currentThread().getName());
    }

    /** Raises the process's threads named {@code name} (as {@code /proc/self/task/<tid>/comm} shows it). */
    public int raiseThreadsNamed(String name) {
        if (nice == 0 || unavailable.get() != null || !Files.isDirectory(OWN_TASKS)) {
            return 0;
        }
        int raised = 0;
        try (var tasks = Files.list(OWN_TASKS)) {
            for (Path task : tasks.toList()) {
                String comm = readComm(task);
                if (name.equals(comm) && renice(List.of(task.getFileName().toString()), name)) {
                    raised++;
                }
            }
        } catch (IOException | RuntimeException e) {
            giveUp("cannot list this process's threads: " + e.getMessage());
        }
        return raised;
    }

    /** Why raising is not possible here, if an attempt found out. */
    public Optional<String> unavailableBecause() {
        return Optional.ofNullable(unavailable.get());
    }

    private boolean renice(List<String> tids, String threadNames) {
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
        command.addAll(tids);
        try {
            // With several ids, one that ended meanwhile is "No such process" for itself only: the others were raised.
            Optional<String> problem = problem(command, "renice -n " + nice, tids.size() > 1);
            if (problem.isPresent()) {
                giveUp(problem.get() + "; give the node CAP_SYS_NICE");
                return false;
            }
            LOG.debugf("%s (%s) run at nice %d", threadNames, tids, nice);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code command} (renice or chrt on thread ids, named {@code what} in the answer) and says what went wrong,
     * if anything: it could not start, did not answer in time, or failed ("No such process" aside where
     * {@code endedThreadsTolerated}).
     */
    private static Optional<String> problem(List<String> command, String what, boolean endedThreadsTolerated)
            throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(RENICE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(command.get(0) + " did not answer within " + RENICE_TIMEOUT_SECONDS + " s");
            }
            String said = new String(out);
            if (p.exitValue() != 0 && !(endedThreadsTolerated && said.contains("No such process"))) {
                return Optional.of(what + " failed (" + said.strip() + ")");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot run " + command.get(0) + ": " + e.getMessage());
        }
    }

    private void giveUp(String why) {
        if (unavailable.compareAndSet(null, why)) {
            LOG.infof("mesh threads keep the normal OS priority: %s; e-stop and hazard latency then grows with the "
                    + "machine's load", why);
        }
    }

    static Optional<String> currentThreadId() {
        try {
            Path target = Files.readSymbolicLink(THREAD_SELF); // "<pid>/task/<tid>"
            return Optional.of(target.getFileName().toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static String readComm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return ""; // the thread ended while we looked
        }
    }
}
