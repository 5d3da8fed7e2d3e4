package io.lockstep.cli.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.agents.ExampleAgents;
import io.lockstep.cli.agent.AgentRunCommand;
import io.lockstep.cli.agent.CommandRun;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.MissionRuntime;
import io.lockstep.runtime.TickInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep journal dump}: every record of a journal as a JSON line. */
class JournalDumpCommandTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private Path journal;

    @BeforeEach
    void recordAJournal() throws Exception {
        Path module = dir.resolve("hello.wasm");
        Files.write(module, ExampleAgents.bytes("hello"));
        journal = dir.resolve("hello.journal");
        CommandRun run = CommandRun.of(AgentRunCommand::new, module.toString(), "--param", "ticks=4",
                "--journal", journal.toString(), "--quiet-logs");
        assertEquals(0, run.exit(), run.err());
    }

    private List<JsonNode> dump(CommandRun r) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void printsEveryRecordInFileOrderAsOneJsonLine() throws Exception {
        CommandRun r = CommandRun.of(JournalDumpCommand::new, journal.toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> lines = dump(r);

        JsonNode header = lines.get(0);
        assertEquals("HEADER", header.path("type").asText());
        assertEquals(8, header.path("offset").asLong(), "records start after the 8-byte magic");
        assertEquals("local-hello", header.path("missionId").asText());
        assertEquals("hello", header.path("agents").get(0).path("name").asText());
        assertEquals(ExampleAgents.sha256("hello"), header.path("agents").get(0).path("moduleSha256").asText());
        assertEquals("4", header.path("agents").get(0).path("params").path("ticks").asText());
        assertEquals("INIT", lines.get(1).path("type").asText());
        assertEquals(List.of("INPUTS", "RESULT", "INPUTS", "RESULT", "INPUTS", "RESULT", "INPUTS", "RESULT"),
                lines.subList(2, lines.size()).stream().map(l -> l.path("type").asText()).toList());
        JsonNode firstInputs = lines.get(2);
        assertEquals(1, firstInputs.path("tick").asLong());
        assertEquals(-10.0, firstInputs.path("sensorFrame").path("xM").asDouble(), 0.5, "starts at the demo base");
        JsonNode last = lines.get(lines.size() - 1);
        assertEquals(4, last.path("tick").asLong());
        assertEquals(64, last.path("fingerprint").asText().length());
        assertEquals("DONE", last.path("agents").get(0).path("state").asText());
        assertEquals("hello", last.path("agents").get(0).path("name").asText());
    }

    @Test
    void aSnapshotIsSummarisedWithItsMemoryRuns() throws Exception {
        Path snapshotted = dir.resolve("survey.journal");
        AgentDefinition survey = new AgentDefinition("survey", ExampleAgents.bytes("survey"), List.of(),
                new CapabilityGrant(List.of("sensor_read", "act_velocity", "emit"), List.of("swarm/**"), List.of(),
                        List.of()));
        try (MissionRuntime rt = MissionRuntime.builder().missionId("m").nodeId("n").agent(survey)
                .assignedArea(new double[] {0, 0, 100, 0, 100, 50, 0, 50}).journal(snapshotted).snapshotEvery(2)
                .build()) {
            rt.tick(TickInputs.empty());
            rt.tick(TickInputs.empty());
        }
        List<JsonNode> lines = dump(CommandRun.of(JournalDumpCommand::new, snapshotted.toString()));
        JsonNode snapshot = lines.get(lines.size() - 1);
        assertEquals("SNAPSHOT", snapshot.path("type").asText());
        assertEquals(2, snapshot.path("tick").asLong());
        JsonNode agent = snapshot.path("agents").get(0);
        assertTrue(agent.path("memoryBase").asText().startsWith("fresh:"), agent.toString());
        assertTrue(agent.path("memoryRuns").asInt() > 0, agent.toString());
        assertTrue(agent.path("memoryRunBytes").asLong() < agent.path("memoryPages").asLong() * 65_536,
                "only what differs from the fresh memory is stored: " + agent);
        assertEquals(8, agent.path("memoryCrc32c").asText().length());
    }

    @Test
    void aTornTailIsShownAsItsOwnLine() throws Exception {
        long valid = Files.size(journal);
        Files.write(journal, new byte[] {0, 0, 0, 42, 4, 1, 2}, StandardOpenOption.APPEND);
        List<JsonNode> lines = dump(CommandRun.of(JournalDumpCommand::new, journal.toString()));
        JsonNode torn = lines.get(lines.size() - 1);
        assertEquals("TORN_TAIL", torn.path("type").asText());
        assertEquals(valid, torn.path("offset").asLong());
        assertEquals(7, torn.path("bytes").asLong());
    }

    @Test
    void aFileThatIsNotAJournalIsAClearErrorAndExitTwo() throws Exception {
        Path other = dir.resolve("other");
        Files.writeString(other, "not a journal at all");
        CommandRun r = CommandRun.of(JournalDumpCommand::new, other.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("not a Lockstep journal"), r.err());
        assertEquals("", r.out());
        assertEquals(2, CommandRun.of(JournalDumpCommand::new, dir.resolve("missing").toString()).exit());
    }
}
