package io.lockstep.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExampleAgentsTest {

    private static final Path SOURCES = Path.of("src/main/agents");

    @Test
    void namesListEveryAgentDirectorySorted() throws IOException {
        List<String> dirs;
        try (Stream<Path> list = Files.list(SOURCES)) {
            dirs = list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(dirs, ExampleAgents.names());
        assertTrue(ExampleAgents.names().containsAll(List.of(
                "hello", "survey", "hazard-scout", "pathplan",
                "hostile-infinite-start", "hostile-infinite-init", "hostile-deep-recursion",
                "hostile-memory-bomb", "hostile-fuel-bomb", "hostile-nan-storm", "hostile-wrong-abi",
                "hostile-huge-memory", "hostile-ungranted-import", "hostile-unknown-import",
                "hostile-missing-export", "hostile-trap", "hostile-oob")));
    }

    @Test
    void bytesAreTheCommittedModules() throws IOException {
        for (String name : ExampleAgents.names()) {
            byte[] committed = Files.readAllBytes(SOURCES.resolve(name).resolve(name + ".wasm"));
            byte[] packaged = ExampleAgents.bytes(name);
            assertArrayEquals(committed, packaged, name);
            assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, java.util.Arrays.copyOf(packaged, 8), name);
        }
    }

    @Test
    void bytesAreACopyEachTime() {
        byte[] first = ExampleAgents.bytes("hello");
        first[0] = 42;
        byte[] second = ExampleAgents.bytes("hello");
        assertNotSame(first, second);
        assertEquals(0, second[0]);
    }

    @Test
    void sha256IsTheDigestOfTheBytes() throws Exception {
        for (String name : ExampleAgents.names()) {
            String expected = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(ExampleAgents.bytes(name)));
            assertEquals(expected, ExampleAgents.sha256(name));
            assertTrue(expected.matches("[0-9a-f]{64}"));
        }
    }

    @Test
    void unknownNamesAreRejectedWithTheKnownList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExampleAgents.bytes("nope"));
        assertTrue(e.getMessage().contains("unknown example agent 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("hello"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExampleAgents.sha256("../agents/hello"));
        assertThrows(IllegalArgumentException.class, () -> ExampleAgents.bytes("index"));
        assertThrows(IllegalArgumentException.class, () -> ExampleAgents.bytes(null));
        assertThrows(IllegalArgumentException.class, () -> ExampleAgents.bytes(""));
    }
}
