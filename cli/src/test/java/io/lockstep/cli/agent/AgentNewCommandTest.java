package io.lockstep.cli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep agent new}: a C agent scaffold that builds with clang and runs with {@code agent run}. */
class AgentNewCommandTest {

    @TempDir
    Path dir;

    private CommandRun scaffold(String name) {
        return CommandRun.of(AgentNewCommand::new, name, "--dir", dir.toString());
    }

    @Test
    void writesTheSourceAndAnExecutableBuildScriptPointingAtTheSdk() throws Exception {
        CommandRun r = scaffold("rover");

        assertEquals(0, r.exit(), r.err());
        String source = Files.readString(dir.resolve("rover/rover.c"));
        assertTrue(source.contains("#include \"lockstep.h\""));
        assertTrue(source.contains("\"rover: started\""));
        assertFalse(source.contains("@NAME@"));
        Path build = dir.resolve("rover/build.sh");
        assertTrue(Files.isExecutable(build));
        String script = Files.readString(build);
        assertTrue(script.contains("--target=wasm32") && script.contains("-o rover.wasm rover.c"), script);
        String sdk = script.lines().filter(l -> l.startsWith("sdk=")).findFirst().orElseThrow();
        Path header = Path.of(sdk.replaceAll("^sdk=\"\\$\\{LOCKSTEP_SDK:-(.*)}\"$", "$1")).resolve("lockstep.h");
        assertTrue(Files.isRegularFile(header), sdk);
    }

    @Test
    void refusesABadNameOrAnExistingDirectory() throws Exception {
        CommandRun bad = scaffold("Bad Name");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("name must match"), bad.err());
        assertEquals(2, scaffold("../escape").exit());

        Files.createDirectories(dir.resolve("taken"));
        CommandRun taken = scaffold("taken");
        assertEquals(2, taken.exit());
        assertTrue(taken.err().contains("already exists"), taken.err());
    }

    @Test
    void theScaffoldBuildsWithClangAndRunsLocally() throws Exception {
        assumeTrue(onPath("clang") && onPath("wasm-ld"), "clang and wasm-ld are not installed");
        assertEquals(0, scaffold("scout").exit());
        Process build = new ProcessBuilder(dir.resolve("scout/build.sh").toString()).redirectErrorStream(true).start();
        assertTrue(build.waitFor(120, TimeUnit.SECONDS), "build finished");
        String buildOutput = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, build.exitValue(), buildOutput);
        Path module = dir.resolve("scout/scout.wasm");
        assertTrue(Files.isRegularFile(module), buildOutput);

        CommandRun run = CommandRun.of(AgentRunCommand::new, module.toString(), "--grant", "sensor_read,act_velocity",
                "--param", "ticks=30", "--journal", dir.resolve("scout.journal").toString(), "--progress-every", "30");

        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("tick 0 scout INFO scout: started"), run.out());
        assertTrue(run.out().contains("scout INFO scout: tick 10 x="), run.out());
        assertTrue(run.out().contains("scout INFO scout: done"), run.out());
        assertTrue(run.out().contains("after tick 30: scout DONE 1000‰"), run.out());
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
