package io.lockstep.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.testing.CToolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilds every C agent with build-c-agents.sh (the one documented command line) into a scratch
 * directory, twice, and requires both builds to equal the committed modules byte for byte.
 *
 * <p>Without clang/lld 14 the test is skipped, unless LOCKSTEP_REQUIRE_WASM_TOOLCHAIN=1 (CI), in
 * which case a missing or different toolchain fails it.
 */
class CAgentsReproducibleBuildTest {

    private static final Path SOURCES = Path.of("src/main/agents");

    @Test
    void committedCModulesAreReproducibleFromSource(@TempDir Path first, @TempDir Path second) throws Exception {
        List<String> cAgents = cAgents();
        assertEquals(List.of("hazard-scout", "pathplan", "survey"), cAgents);

        build(first);
        build(second);
        for (String name : cAgents) {
            byte[] committed = Files.readAllBytes(SOURCES.resolve(name).resolve(name + ".wasm"));
            assertArrayEquals(committed, Files.readAllBytes(first.resolve(name + ".wasm")),
                    name + ".wasm differs from a fresh build of " + name + ".c: run edge-agent/agents/build-c-agents.sh");
            assertArrayEquals(committed, Files.readAllBytes(second.resolve(name + ".wasm")),
                    name + ".wasm: a second build differs, the build is not reproducible");
        }
    }

    @Test
    void outputCarriesNoLocalPaths(@TempDir Path out) throws Exception {
        build(out);
        String absolute = SOURCES.toAbsolutePath().toString();
        for (String name : cAgents()) {
            String text = new String(Files.readAllBytes(out.resolve(name + ".wasm")), StandardCharsets.ISO_8859_1);
            assertTrue(!text.contains(absolute) && !text.contains("/work/") && !text.contains("/tmp/"), name);
            assertTrue(!text.contains("clang version"), name + " carries a producers section");
        }
    }

    private static List<String> cAgents() throws IOException {
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve(dir.getFileName() + ".c")))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    private static void build(Path out) throws IOException, InterruptedException {
        CToolchain.build(out);
    }
}
