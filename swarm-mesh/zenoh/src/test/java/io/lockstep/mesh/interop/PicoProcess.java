package io.lockstep.mesh.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A running zenoh-pico example program whose output lines are collected for assertions. */
final class PicoProcess implements AutoCloseable {
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private final String name;

    private PicoProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process went away; what was read is kept
            }
        }, "pico-" + name);
        t.setDaemon(true);
        t.start();
    }

    static PicoProcess start(Path examples, String program, String... args) throws IOException {
        Path exe = examples.resolve(program);
        if (!Files.isExecutable(exe)) {
            throw new AssertionError(exe + " is not an executable zenoh-pico example");
        }
        List<String> cmd = new ArrayList<>();
        // Line-buffer the example's stdout: printf output to a pipe would otherwise only appear at exit.
        if (Files.isExecutable(Path.of("/usr/bin/stdbuf"))) {
            cmd.addAll(List.of("/usr/bin/stdbuf", "-oL"));
        }
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        return new PicoProcess(program, pb.start());
    }

    /** Waits for a line containing {@code text}; fails with everything printed so far if it never comes. */
    String await(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                all.add(line);
                if (line.contains(text)) {
                    return line;
                }
            }
        }
        throw new AssertionError(name + " never printed '" + text + "'; output was:\n" + String.join("\n", all));
    }

    boolean waitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** Kills the program abruptly (SIGKILL), as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
