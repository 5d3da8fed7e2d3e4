package io.lockstep.c2.redis;

import io.quarkus.test.security.TestSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** With quarkus.redis.hosts configured C2 uses that server and starts none of its own. */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@TestProfile(ExternalRedisTest.WithExternalRedis.class)
@QuarkusTestResource(C2TestResources.class)
class ExternalRedisTest {

    public static class WithExternalRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ExternalRedis.class));
        }
    }

    /** A redis-server that is not C2's, standing in for a shared deployment. */
    public static class ExternalRedis implements QuarkusTestResourceLifecycleManager {
        private Path dir;
        private EmbeddedRedisServer server;

        @Override
        public Map<String, String> start() {
            try {
                dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "external-redis-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = EmbeddedRedisServer.start(dir, 0);
            return Map.of("quarkus.redis.hosts", server.uri().toString());
        }

        @Override
        public void stop() {
            server.stop();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    @Identifier(EmbeddedRedisHostsProvider.NAME)
    EmbeddedRedisHostsProvider embeddedRedis;

    @Test
    void storesStateInTheConfiguredRedisAndStartsNoServerOfItsOwn() throws IOException {
        String missionId = Fixtures.createMission(Fixtures.uploadModule());

        assertThat(embeddedRedis.server()).isNull();
        int port = URI.create(ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class)).getPort();
        try (RespClient external = new RespClient(port)) {
            assertThat(external.command("EXISTS", RedisKeys.mission(missionId))).isEqualTo(":1");
        }
    }
}
