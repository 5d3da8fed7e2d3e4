package io.lockstep.cli.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.cli.agent.AgentRunCommand;
import io.lockstep.cli.agent.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep replay --logs --verbose}: the agents' logs and every fingerprint, re-executed. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    @Test
    void logsAndFingerprintsOfTheReplayAreTheOnesOfTheRun() throws Exception {
        Path module = dir.resolve("hello.wasm");
        Files.write(module, ExampleAgents.bytes("hello"));
        Path journal = dir.resolve("hello.journal");
        CommandRun run = CommandRun.of(AgentRunCommand::new, module.toString(), "--param", "ticks=3",
                "--journal", journal.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> runLogs = run.out().lines().filter(l -> l.contains(" hello INFO ")).toList();

        CommandRun replay = CommandRun.of(ReplayCommand::new, journal.toString(), "--logs", "--verbose");

        assertEquals(0, replay.exit(), replay.out() + replay.err());
        List<String> replayLogs = replay.out().lines().filter(l -> l.contains(" hello INFO "))
                .map(String::strip).toList();
        assertEquals(runLogs, replayLogs);
        List<String> fingerprints = replay.out().lines().filter(l -> l.strip().matches("tick \\d+ fingerprint [0-9a-f]{64}"))
                .toList();
        assertEquals(4, fingerprints.size(), "init and three ticks: " + replay.out());
        String last = run.out().lines().filter(l -> l.startsWith("after tick 3")).findFirst().orElseThrow();
        assertTrue(last.contains(fingerprints.get(3).strip().substring("tick 3 fingerprint ".length())),
                "the run's final fingerprint is the replay's: " + last);

        CommandRun plain = CommandRun.of(ReplayCommand::new, journal.toString());
        assertEquals(0, plain.exit());
        assertTrue(plain.out().lines().noneMatch(l -> l.contains("fingerprint ") || l.contains(" INFO ")), plain.out());
    }
}
