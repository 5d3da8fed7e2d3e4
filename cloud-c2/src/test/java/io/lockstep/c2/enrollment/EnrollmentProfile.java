package io.lockstep.c2.enrollment;

import io.lockstep.pki.FleetCa;
import io.lockstep.pki.NodeKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * C2 holding a fleet CA made by {@code fleet-pki} (as {@code lockstep fleet init} makes it): enrolment on, and the
 * link requiring client certificates from that CA, with C2's own certificate issued by it.
 */
public class EnrollmentProfile implements QuarkusTestProfile {

    static final String PASSWORD = "lockstep-test";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FleetCaDir.class));
    }

    public static class FleetCaDir implements QuarkusTestResourceLifecycleManager {

        private Path dir;

        @Override
        public Map<String, String> start() {
            try {
                Files.createDirectories(Path.of("target"));
                dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "enrollment-ca-");
                FleetCa ca = FleetCa.create(dir.resolve("ca"), "test fleet CA", Clock.systemUTC());
                KeyPair c2 = NodeKeys.generate();
                Certificate c2Cert = ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1"),
                        c2.getPublic());
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("c2", c2.getPrivate(), PASSWORD.toCharArray(),
                        new Certificate[] {c2Cert, ca.certificate()});
                store(keys, dir.resolve("c2.p12"));
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("fleet-ca", ca.certificate());
                store(trust, dir.resolve("trust.p12"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the test fleet CA", e);
            }
            return Map.of(
                    "lockstep.c2.enrollment.ca-dir", dir.resolve("ca").toString(),
                    "quarkus.grpc.server.ssl.key-store", dir.resolve("c2.p12").toString(),
                    "quarkus.grpc.server.ssl.key-store-type", "pkcs12",
                    "quarkus.grpc.server.ssl.key-store-password", PASSWORD,
                    "quarkus.grpc.server.ssl.trust-store", dir.resolve("trust.p12").toString(),
                    "quarkus.grpc.server.ssl.trust-store-type", "pkcs12",
                    "quarkus.grpc.server.ssl.trust-store-password", PASSWORD,
                    "quarkus.grpc.server.ssl.client-auth", "REQUIRED",
                    "quarkus.grpc.server.plain-text", "false");
        }

        private static void store(KeyStore store, Path file) throws Exception {
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD.toCharArray());
            }
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
