package io.lockstep.edge.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * the others their share (a real-time class would not).
 *
 * <p>{@link #raiseCurrentThreadLater()} only notes the thread's id; one background thread renices what was noted,
 * many threads per {@code renice}. A transport's threads must not wait for a process to start: on a loaded
 * machine that took long enough for peers' leases to expire.
 */
public final class ThreadNice {
    private static final Logger LOG = Logger.getLogger(ThreadNice.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final Path OWN_TASKS = Path.of("/proc/self/task");
    private static final long RENICE_TIMEOUT_SECONDS = 5;

    private final int nice;
    /** Why raising failed the first time; once set, no more attempts are made. */
    private final AtomicReference<String> unavailable = new AtomicReference<>();
    private final List<String> pending = new ArrayList<>();
    private final AtomicLong raisedLater = new AtomicLong();
    private Thread renicer;

    /** @param nice the nice value to give (-20..19); 0 leaves every thread as it is */
    public ThreadNice(int nice) {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("nice value must be -20..19, got " + nice);
        }
        this.nice = nice;
    }

    public int nice() {
        return nice;
    }

    /**
     * Notes the calling thread to be raised by the background thread, and returns at once (no process is started on
     * the caller). Never throws.
     */
    public void raiseCurrentThreadLater() {
        if (nice == 0 || unavailable.get() != null) {
            return;
        }
        Optional<String> tid = currentThreadId();
        if (tid.isEmpty()) {
            giveUp("this is not Linux (no /proc/thread-self)");
            return;
        }
        synchronized (pending) {
            pending.add(tid.get());
            if (renicer == null) {
                renicer = new Thread(this::reniceNoted, "thread-nice");
                renicer.setDaemon(true);
                renicer.start();
            }
            pending.notifyAll();
        }
    }

    private void reniceNoted() {
        while (true) {
            List<String> tids;
            synchronized (pending) {
                while (pending.isEmpty()) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                tids = new ArrayList<>(pending);
                pending.clear();
            }
            if (unavailable.get() == null) {
                // A thread that ended meanwhile makes renice fail for its id only; the others are still raised.
                renice(tids, "transport threads");
            }
            raisedLater.addAndGet(tids.size());
        }
    }

    /** Threads {@link #raiseCurrentThreadLater()} noted and the background thread has handled (raised or not). */
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
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(RENICE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                giveUp("renice did not answer within " + RENICE_TIMEOUT_SECONDS + " s");
                return false;
            }
            String said = new String(out);
            if (p.exitValue() != 0 && !(tids.size() > 1 && said.contains("No such process"))) {
                giveUp("renice -n " + nice + " failed (" + said.strip() + "); give the node CAP_SYS_NICE");
                return false;
            }
            LOG.debugf("%s (%s) run at nice %d", threadNames, tids, nice);
            return true;
        } catch (IOException e) {
            giveUp("cannot run renice: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void giveUp(String why) {
        if (unavailable.compareAndSet(null, why)) {
            LOG.infof("mesh threads keep the normal OS priority: %s; e-stop and hazard latency then grows with the "
                    + "machine's load", why);
        }
    }

    private static Optional<String> currentThreadId() {
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
