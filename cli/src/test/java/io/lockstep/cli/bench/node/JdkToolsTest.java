package io.lockstep.cli.bench.node;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Runs the real jstat against this test JVM; skipped on a JRE without the tools. */
class JdkToolsTest {

    @Test
    void readsTheHeapInUseOfARunningJvm() {
        Optional<JdkTools> tools = JdkTools.ofRunningJdk();
        assumeTrue(tools.isPresent(), "jstat/jcmd are not part of this Java installation");
        double mib = tools.get().heapUsedMib(ProcessHandle.current().pid());
        assertTrue(mib > 0 && mib < Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0) + 1, "heap " + mib);
    }

    @Test
    void aProcessThatIsNotAJvmIsAClearError() {
        Optional<JdkTools> tools = JdkTools.ofRunningJdk();
        assumeTrue(tools.isPresent(), "jstat/jcmd are not part of this Java installation");
        // Above Linux's largest pid_max (2^22), so no process has it.
        RuntimeException e = assertThrows(IllegalStateException.class, () -> tools.get().heapUsedMib(999_999_999L));
        assertTrue(e.getMessage().contains("999999999"), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, "one line, not a stack trace: " + e.getMessage());
    }
}
