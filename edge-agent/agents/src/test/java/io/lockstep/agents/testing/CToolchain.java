package io.lockstep.agents.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs build-c-agents.sh, the single home of the C command line. Without a usable clang 14 the
 * calling test is skipped, unless LOCKSTEP_REQUIRE_WASM_TOOLCHAIN=1 (CI), which makes it fail.
 */
public final class CToolchain {

    private static final Path SCRIPT = Path.of("build-c-agents.sh");
    private static final int EXIT_TOOLCHAIN_MISSING = 2;
    private static final int EXIT_TOOLCHAIN_VERSION = 3;

    private CToolchain() {
    }

    /** Builds the given sources (every C agent when none) into {@code out}/&lt;name&gt;.wasm. */
    public static void build(Path out, Path... sources) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString(), out.toString()));
        for (Path source : sources) {
            command.add(source.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("build-c-agents.sh did not finish:\n" + output);
        }
        int exit = process.exitValue();
        if (exit == EXIT_TOOLCHAIN_MISSING || exit == EXIT_TOOLCHAIN_VERSION) {
            if ("1".equals(System.getenv("LOCKSTEP_REQUIRE_WASM_TOOLCHAIN"))) {
                fail("LOCKSTEP_REQUIRE_WASM_TOOLCHAIN=1 but the C toolchain is not usable:\n" + output);
            }
            assumeTrue(false, "skipped, C toolchain not usable: " + output.strip());
        }
        assertEquals(0, exit, "build-c-agents.sh failed:\n" + output);
    }
}
