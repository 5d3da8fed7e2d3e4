package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every test agent source has its assembled module next to the other test resources. */
class WatSourcesTest {

    @Test
    void everyWatHasAnAssembledModule() throws IOException {
        Path sources = Path.of("src/test/wat");
        List<Path> wats;
        try (Stream<Path> files = Files.list(sources)) {
            wats = files.filter(p -> p.toString().endsWith(".wat")).toList();
        }
        assertFalse(wats.isEmpty());
        for (Path wat : wats) {
            String name = wat.getFileName().toString().replace(".wat", "");
            Path wasm = Path.of("src/test/resources/wasm", name + ".wasm");
            assertTrue(Files.isRegularFile(wasm), "missing " + wasm + ": assemble " + wat);
        }
    }
}
