package io.lockstep.platform.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    private static final byte[] MODEL = "not really onnx".getBytes(StandardCharsets.UTF_8);
    private static final String MODEL_SHA = Digests.sha256Hex(MODEL);

    @Test
    void storesBytesByDigestAndBindsNames() {
        ModelRegistry registry = new ModelRegistry();
        assertEquals(MODEL_SHA, registry.add(MODEL));
        registry.bind("hazard", MODEL_SHA);
        assertEquals(Optional.of(MODEL_SHA), registry.digestOf("hazard"));
        assertArrayEquals(MODEL, registry.bytes(MODEL_SHA).orElseThrow());
        assertEquals(Set.of("hazard"), registry.names());
        registry.unbind("hazard");
        assertEquals(Optional.empty(), registry.digestOf("hazard"));
        assertTrue(registry.contains(MODEL_SHA), "bytes stay after unbinding");
    }

    @Test
    void digestIsTheKnownSha256() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Digests.sha256Hex(new byte[0]));
    }

    @Test
    void addsFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.onnx");
        Files.write(file, MODEL);
        assertEquals(MODEL_SHA, new ModelRegistry().addFile(file));
    }

    @Test
    void rejectsDigestMismatch() {
        ModelRegistry registry = new ModelRegistry();
        String wrong = Digests.sha256Hex(new byte[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.addVerified(MODEL, wrong));
        assertTrue(e.getMessage().contains("mismatch"));
        assertFalse(registry.contains(MODEL_SHA));
        registry.addVerified(MODEL, MODEL_SHA);
        assertTrue(registry.contains(MODEL_SHA));
    }

    @Test
    void rejectsBindingsToUnknownOrMalformedDigests() {
        ModelRegistry registry = new ModelRegistry();
        assertThrows(IllegalArgumentException.class, () -> registry.bind("hazard", MODEL_SHA));
        assertThrows(IllegalArgumentException.class, () -> registry.bind("hazard", "ABC"));
        assertThrows(IllegalArgumentException.class, () -> registry.bind("hazard", MODEL_SHA.toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> registry.bind("", MODEL_SHA));
    }

    @Test
    void rejectsEmptyModels() {
        assertThrows(IllegalArgumentException.class, () -> new ModelRegistry().add(new byte[0]));
    }
}
