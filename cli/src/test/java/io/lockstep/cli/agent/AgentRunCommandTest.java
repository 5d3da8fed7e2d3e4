package io.lockstep.cli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.cli.Lockstep;
import io.lockstep.runtime.JournalReplayer;
import io.lockstep.runtime.ReplayOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep agent run}: an agent against the simulated vehicle, no fleet, journaled and replayable. */
class AgentRunCommandTest {

    @TempDir
    Path dir;

    private Path module(String name) throws Exception {
        Path file = dir.resolve(name + ".wasm");
        Files.write(file, ExampleAgents.bytes(name));
        return file;
    }

    private CommandRun run(String... args) {
        return CommandRun.of(AgentRunCommand::new, args);
    }

    @Test
    void helloPrintsItsLogsAndProgressAndWritesAJournalThatReplays() throws Exception {
        Path journal = dir.resolve("hello.journal");
        CommandRun r = run(module("hello").toString(), "--param", "ticks=5", "--journal", journal.toString(),
                "--progress-every", "2");

        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("tick 0 hello INFO hello: started"), r.out());
        assertTrue(r.out().contains("hello INFO hello: tick 5/5"), r.out());
        assertTrue(r.out().contains("tick 2: x="), "progress line: " + r.out());
        assertTrue(r.out().contains("after tick 5: hello DONE"), r.out());
        assertTrue(JournalReplayer.replay(journal, ReplayOptions.defaults()).ok());
    }

    @Test
    void theSurveyAgentFliesTheSimulatedVehicleWithinItsArea() throws Exception {
        Path journal = dir.resolve("survey.journal");
        CommandRun r = run(module("survey").toString(), "--grant", "sensor_read,act_velocity,emit",
                "--emit-topic", "swarm/progress/**", "--area", "0,0,30,0,30,20,0,20", "--ticks", "1000",
                "--journal", journal.toString(), "--progress-every", "100");

        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("survey INFO survey: pattern complete"), r.out());
        assertTrue(r.out().contains(": survey DONE 1000‰"), r.out());
        String progress = r.out().lines().filter(l -> l.startsWith("tick 200: ")).findFirst().orElseThrow();
        assertTrue(!progress.contains("x=-10.0 y=-10.0"), "the vehicle left the base: " + progress);
        assertTrue(JournalReplayer.replay(journal, ReplayOptions.defaults()).ok());
    }

    @Test
    void aFaultingAgentExitsOneAndSaysWhy() throws Exception {
        CommandRun r = run(module("hostile-trap").toString(), "--journal", dir.resolve("t.journal").toString());

        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("hostile-trap FAULTED"), r.out());
    }

    @Test
    void aModuleThatCannotLoadIsAClearErrorAndExitTwo() throws Exception {
        Path garbage = dir.resolve("garbage.wasm");
        Files.write(garbage, new byte[] {0, 'a', 's', 'm', 9, 9});
        CommandRun bad = run(garbage.toString(), "--journal", dir.resolve("g.journal").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("agent run: " + garbage), bad.err());

        CommandRun ungranted = run(module("survey").toString(), "--journal", dir.resolve("s.journal").toString());
        assertEquals(2, ungranted.exit());
        assertTrue(ungranted.err().contains("sensor_read") || ungranted.err().contains("act_velocity"),
                ungranted.err());

        CommandRun missing = run(dir.resolve("nope.wasm").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such module"), missing.err());

        Path world = dir.resolve("world.json");
        Files.writeString(world, "{\"name\": 1}");
        CommandRun badWorld = run(module("hello").toString(), "--world", world.toString());
        assertEquals(2, badWorld.exit());
        assertTrue(badWorld.err().startsWith("agent run: "), badWorld.err());
    }

    @Test
    void theCommandIsPartOfTheLockstepTree() throws Exception {
        int exit = Lockstep.commandLine().execute("agent", "run", module("hello").toString(), "--param", "ticks=2",
                "--journal", dir.resolve("tree.journal").toString());
        assertEquals(0, exit);
    }
}
