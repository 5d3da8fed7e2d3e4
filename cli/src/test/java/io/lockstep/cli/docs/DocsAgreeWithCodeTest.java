package io.lockstep.cli.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.cli.fleet.LockstepHome;
import io.lockstep.runtime.RuntimeLimits;
import io.lockstep.runtime.journal.RecordType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Statements in docs/ that misled before, checked against the code they describe. */
class DocsAgreeWithCodeTest {

    private final Path root = LockstepHome.detect().root();

    private String read(String path) throws Exception {
        return Files.readString(root.resolve(path));
    }

    @Test
    void theMissionExampleInC2DocsHasADeadlineInTheFuture() throws Exception {
        Matcher m = Pattern.compile("\"deadline\": \"([^\"]+)\"").matcher(read("docs/c2.md"));
        assertTrue(m.find(), "c2.md has a mission example with a deadline");
        assertTrue(Instant.parse(m.group(1)).isAfter(Instant.now()), "C2 refuses a deadline in the past: " + m.group(1));
    }

    @Test
    void snapshotDefaultsAreTheOnesInTheCode() throws Exception {
        Matcher node = Pattern.compile("@WithName\\(\"snapshot-every\"\\)\\s*@WithDefault\\(\"(\\d+)\"\\)")
                .matcher(read("edge-agent/node/src/main/java/io/lockstep/edge/config/NodeConfig.java"));
        assertTrue(node.find());
        String nodeDefault = node.group(1);
        assertTrue(read("docs/edge-node.md").contains("| `lockstep.node.snapshot-every` | `" + nodeDefault + "` |"));
        String runtimeDefault = Integer.toString(RuntimeLimits.DEFAULT_SNAPSHOT_EVERY);
        for (String doc : new String[] {"docs/determinism.md", "docs/journal.md"}) {
            String text = read(doc);
            assertTrue(text.contains("runtime default " + runtimeDefault) || text.contains("runtime's default is "
                    + runtimeDefault), doc + " names the runtime default " + runtimeDefault);
            assertTrue(text.contains("default " + nodeDefault), doc + " names the node default " + nodeDefault);
        }
    }

    @Test
    void theJournalFormatIsDocumentedRecordByRecordAndAsBigEndian() throws Exception {
        String journal = read("docs/journal.md");
        for (RecordType type : RecordType.values()) {
            assertTrue(journal.contains(type.name() + " (type " + type.code() + ")")
                    || journal.contains(type.code() + " " + type.name()), "journal.md documents " + type);
        }
        assertTrue(journal.contains("big-endian"));
        assertTrue(read("docs/agent-abi.md").contains("journal is a different, big-endian format"));
        assertTrue(read("docs/determinism.md").contains("journal.md"));
    }

    @Test
    void theAbiSaysAgentsReceiveTheirOwnEmits() throws Exception {
        assertTrue(read("docs/agent-abi.md").contains("An agent receives its own emits too"));
    }

    @Test
    void theReadmeSaysWhereARunAloneNodeKeepsItsDataAndHowToKeepC2OnLoopback() throws Exception {
        String readme = read("README.md");
        String section = readme.substring(readme.indexOf("## Running C2 and a node alone"),
                readme.indexOf("## The `lockstep` command"));
        assertTrue(section.contains("-Dlockstep.node.data-dir="), section);
        assertTrue(section.contains("-Dquarkus.http.host=127.0.0.1") && section.contains("-Dquarkus.grpc.server.host=127.0.0.1"));
        assertTrue(section.contains("0.0.0.0"), "the README says what C2 binds by default");
        for (String command : new String[] {"./lockstep agent run", "./lockstep agent new", "./lockstep journal dump",
            "--logs", "--verbose"}) {
            assertTrue(readme.contains(command), "README command table: " + command);
        }
    }
}
