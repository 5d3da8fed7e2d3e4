package io.lockstep.cli.bench.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirectoryTest {

    @Test
    void emptiesThePreviousRunsFilesButNothingBesideThem(@TempDir Path out) throws Exception {
        Path old = out.resolve(WorkDirectory.NAME).resolve("nodes/node-1/journal");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "previous run");
        Files.writeString(out.resolve("node.json"), "{}");

        Path work = WorkDirectory.prepare(out);

        assertEquals(out.resolve(WorkDirectory.NAME), work);
        assertTrue(Files.isDirectory(work));
        assertFalse(Files.exists(old));
        try (var left = Files.list(work)) {
            assertEquals(0, left.count());
        }
        assertTrue(Files.exists(out.resolve("node.json")));
    }
}
