package io.lockstep.c2.link;

import io.lockstep.c2.support.FleetCertificates;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** C2 with the link requiring client certificates signed by a fleet CA generated for the test. */
public class MutualTlsProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Certificates.class));
    }

    public static class Certificates implements QuarkusTestResourceLifecycleManager {

        private Path dir;

        @Override
        public Map<String, String> start() {
            try {
                Files.createDirectories(Path.of("target"));
                dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "link-pki-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            FleetCertificates pki = FleetCertificates.generate(dir);
            return Map.of(
                    "quarkus.grpc.server.ssl.key-store", pki.path(FleetCertificates.C2_KEY_STORE).toString(),
                    "quarkus.grpc.server.ssl.key-store-type", "pkcs12",
                    "quarkus.grpc.server.ssl.key-store-password", FleetCertificates.PASSWORD,
                    "quarkus.grpc.server.ssl.trust-store", pki.path(FleetCertificates.CA_TRUST_STORE).toString(),
                    "quarkus.grpc.server.ssl.trust-store-type", "pkcs12",
                    "quarkus.grpc.server.ssl.trust-store-password", FleetCertificates.PASSWORD,
                    "quarkus.grpc.server.ssl.client-auth", "REQUIRED",
                    "quarkus.grpc.server.plain-text", "false");
        }

        @Override
        public void stop() {
            if (dir == null) {
                return;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
