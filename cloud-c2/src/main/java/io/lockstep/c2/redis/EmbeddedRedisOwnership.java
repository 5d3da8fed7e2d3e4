package io.lockstep.c2.redis;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * Who runs the embedded redis-server of a data directory, recorded in {@code <data-dir>/embedded-redis.owner}
 * (redis-server pid and port, and the pid of the C2 that started it). When C2 was killed (kill -9) its
 * redis-server keeps running; the next C2 finds it through this file and shuts it down cleanly (SHUTDOWN
 * flushes the append-only file) before starting its own, so two servers never write one data directory.
 * A server is only touched when it answers on the recorded port with this very data directory; a live C2
 * still owning the directory makes the new one refuse to start.
 */
final class EmbeddedRedisOwnership {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedisOwnership.class);
    static final String FILE_NAME = "embedded-redis.owner";
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final Path dir;
    private final Path file;

    EmbeddedRedisOwnership(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
    }

    /** Deals with whatever a previous C2 left running on this directory; returns once it is gone. */
    void clearLeftovers() {
        Optional<Properties> recorded = read();
        if (recorded.isEmpty()) {
            return;
        }
        long c2Pid = number(recorded.get(), "c2Pid");
        long redisPid = number(recorded.get(), "redisPid");
        int port = (int) number(recorded.get(), "port");
        if (c2Pid != ProcessHandle.current().pid() && isJava(c2Pid)) {
            throw new IllegalStateException("The data directory " + dir + " is in use by the C2 with pid " + c2Pid
                    + " (its embedded redis-server pid " + redisPid + " on port " + port + "); stop that C2 first or"
                    + " give this one another lockstep.c2.redis.data-dir");
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(redisPid).filter(ProcessHandle::isAlive);
        if (orphan.isEmpty()) {
            forget();
            return;
        }
        if (!servesThisDirectory(port)) {
            LOG.warnf("Process %d recorded as the embedded redis-server of %s does not serve that directory on port"
                    + " %d (pid reused?); leaving it alone", redisPid, dir, port);
            forget();
            return;
        }
        LOG.warnf("Found the embedded redis-server (pid %d, port %d) of a C2 that is gone; shutting it down before"
                + " starting a new one on %s", redisPid, port, dir);
        shutDown(orphan.get(), port);
        forget();
    }

    /** Records the redis-server this C2 just started. */
    void record(int port) {
        long redisPid = redisPid(port);
        Properties properties = new Properties();
        properties.setProperty("redisPid", Long.toString(redisPid));
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("c2Pid", Long.toString(ProcessHandle.current().pid()));
        try {
            Path temporary = Files.createTempFile(dir, FILE_NAME, ".part");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "embedded redis-server of this data directory (written by Lockstep C2)");
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    void forget() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete %s: %s", file, e.toString());
        }
    }

    private boolean servesThisDirectory(int port) {
        try (RespProbe redis = RespProbe.connect(port)) {
            Object reply = redis.command("CONFIG", "GET", "dir");
            // Redis reports its working directory with symbolic links resolved.
            return reply instanceof List<?> values && values.size() == 2
                    && Path.of(String.valueOf(values.get(1))).toRealPath().equals(dir.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void shutDown(ProcessHandle orphan, int port) {
        try (RespProbe redis = RespProbe.connect(port)) {
            redis.command("SHUTDOWN");
        } catch (IOException expected) {
            // SHUTDOWN closes the connection without a reply when it succeeds.
        }
        try {
            orphan.onExit().get(STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception notStopped) {
            LOG.warnf("redis-server %d did not stop after SHUTDOWN; terminating it", orphan.pid());
            orphan.destroy();
            try {
                orphan.onExit().get(STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception stillRunning) {
                throw new IllegalStateException("The leftover redis-server " + orphan.pid() + " on " + dir
                        + " does not stop; stop it by hand", stillRunning);
            }
        }
    }

    private static long redisPid(int port) {
        try (RespProbe redis = RespProbe.connect(port)) {
            String info = String.valueOf(redis.command("INFO", "server"));
            return info.lines().filter(line -> line.startsWith("process_id:"))
                    .map(line -> Long.parseLong(line.substring("process_id:".length()).trim()))
                    .findFirst().orElseThrow(() -> new IOException("INFO server has no process_id"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot ask the embedded redis-server on port " + port + " for its pid", e);
        }
    }

    private static boolean isJava(long pid) {
        return pid > 0 && ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(process -> process.info().command())
                .map(command -> Path.of(command).getFileName().toString().startsWith("java"))
                .orElse(false);
    }

    private Optional<Properties> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            return Optional.of(properties);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Ignoring unreadable %s: %s", file, e.toString());
            return Optional.empty();
        }
    }

    private static long number(Properties properties, String key) {
        try {
            return Long.parseLong(properties.getProperty(key, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
