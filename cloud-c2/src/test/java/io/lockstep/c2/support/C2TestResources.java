package io.lockstep.c2.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gives each test run of C2 a fresh embedded-Redis data directory under target/ and a free loopback
 * port for the gRPC link, and deletes the directory afterwards (C2 has stopped redis-server by then).
 */
public class C2TestResources implements QuarkusTestResourceLifecycleManager {

    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(Path.of("target"));
            dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "c2-redis-");
            return Map.of("lockstep.c2.redis.data-dir", dataDir.toString(),
                    "quarkus.grpc.server.test-port", Integer.toString(freePort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (dataDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
