package io.lockstep.cli.bench.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's own monitoring tools ({@code jstat}, {@code jcmd}) next to the running {@code java}. They attach
 * to another JVM of the same user through its performance-data file and the attach mechanism, so the node
 * needs no agent or extra endpoint to be measured.
 */
public final class JdkTools {
    /** jstat prints numbers in the default locale; the parser expects a dot as the decimal separator. */
    static final String ENGLISH_NUMBERS = "-J-Duser.language=en";
    private static final long TOOL_TIMEOUT_S = 60;

    private final Path binDir;

    private JdkTools(Path binDir) {
        this.binDir = binDir;
    }

    /** The tools of the JDK running this JVM, or empty on a JRE that lacks them. */
    public static Optional<JdkTools> ofRunningJdk() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        return Files.isExecutable(bin.resolve("jstat")) && Files.isExecutable(bin.resolve("jcmd"))
                ? Optional.of(new JdkTools(bin)) : Optional.empty();
    }

    /** {@code jstat -gc PID INTERVALms}: a process printing one sample per interval until it is destroyed. */
    Process startJstatStream(long pid, long intervalMs) {
        return start(List.of(tool("jstat"), ENGLISH_NUMBERS, "-gc", Long.toString(pid), intervalMs + "ms"));
    }

    /** The heap in use right now, from one {@code jstat -gc PID} sample. */
    double heapUsedMib(long pid) {
        return JstatGc.heapUsedMibOfSingleSample(
                run(List.of(tool("jstat"), ENGLISH_NUMBERS, "-gc", Long.toString(pid))));
    }

    /** {@code jcmd PID GC.run}: a full collection in the target JVM, as {@code System.gc()} there would. */
    void forceGc(long pid) {
        run(List.of(tool("jcmd"), Long.toString(pid), "GC.run"));
    }

    private String tool(String name) {
        return binDir.resolve(name).toString();
    }

    private static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        }
    }

    private static String run(List<String> command) {
        Process process = start(new ArrayList<>(command));
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TOOL_TIMEOUT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TOOL_TIMEOUT_S + " s");
            }
            if (process.exitValue() != 0) {
                // The tools print a stack trace; its first line says what went wrong.
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + output.strip().lines().findFirst().orElse("no output"));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
