package io.lockstep.c2.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedRedisServerTest {

    private Path dataDir;

    @BeforeEach
    void createDataDir() throws IOException {
        Files.createDirectories(Path.of("target"));
        dataDir = Files.createTempDirectory(Path.of("target"), "redis-persist-");
    }

    @AfterEach
    void deleteDataDir() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void keepsDataAcrossARestartWithTheSameDataDirectory() throws IOException {
        EmbeddedRedisServer first = EmbeddedRedisServer.start(dataDir, 0);
        try (RespClient client = new RespClient(first.port())) {
            assertThat(client.command("SET", "lockstep:test", "survives")).isEqualTo("+OK");
        } finally {
            first.stop();
        }
        assertThat(first.isActive()).isFalse();
        assertThat(dataDir.resolve("appendonly.aof")).exists();

        EmbeddedRedisServer second = EmbeddedRedisServer.start(dataDir, 0);
        try (RespClient client = new RespClient(second.port())) {
            assertThat(client.command("GET", "lockstep:test")).isEqualTo("$8\r\nsurvives");
        } finally {
            second.stop();
        }
    }
}
