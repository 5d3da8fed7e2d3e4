package io.lockstep.cli.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of the fleet (C2 or an edge node) with its output in a log file.
 * Stopping is graceful first (SIGTERM, so Quarkus shuts down cleanly), then forced.
 */
public final class ManagedProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Path log;
    private final String maxHeap;
    private Process process;

    public ManagedProcess(String name, Path jar, List<String> systemProperties, String maxHeap, Path log) {
        this.name = name;
        this.log = log;
        this.maxHeap = maxHeap;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-XX:+UseSerialGC");
        // No safepoint every second for housekeeping alone: on a busy machine, bringing every thread to it took up
        // to 30 ms, and froze the threads that carry e-stops and hazards meanwhile (docs/hazards.md).
        cmd.add("-XX:+UnlockDiagnosticVMOptions");
        cmd.add("-XX:GuaranteedSafepointInterval=0");
        // Chicory compiles big agent functions into big JVM methods: let HotSpot JIT them, and inline into
        // them past its 8000-byte cut (every memory access of agent code is a call; docs/performance.md).
        cmd.add("-XX:-DontCompileHugeMethods");
        cmd.add("-XX:-ClipInlining");
        cmd.addAll(systemProperties);
        cmd.add("-jar");
        cmd.add(jar.toString());
        this.command = List.copyOf(cmd);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The JVM's {@code -Xmx} value, e.g. {@code 256m}. */
    public String maxHeap() {
        return maxHeap;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The operating-system process id of the running (or last) JVM; fails before the first start. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits until {@code url} answers 200, failing early if the process dies. */
    public void awaitHttpOk(String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log);
            }
            try {
                HttpResponse<Void> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " did not become ready within " + timeout + "; see " + log);
    }

    /** SIGKILL, as a power loss or {@code kill -9} would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitQuietly(process, 10);
        }
    }

    /** Graceful stop, forced after a grace period. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!waitQuietly(process, 15)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitQuietly(process, 10);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean waitQuietly(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
