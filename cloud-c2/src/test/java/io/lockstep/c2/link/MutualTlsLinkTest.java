package io.lockstep.c2.link;

import io.quarkus.test.security.TestSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.FleetCertificates;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.LogCapture;
import io.lockstep.proto.v1.C2ToEdge;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@TestProfile(MutualTlsProfile.class)
@QuarkusTestResource(C2TestResources.class)
class MutualTlsLinkTest {

    /** The node id in the CN of FleetCertificates.NODE_KEY_STORE. */
    private static final String CERTIFIED_NODE = "node-tls-1";

    private static FleetCertificates pki() {
        Path keyStore = Path.of(ConfigProvider.getConfig().getValue("quarkus.grpc.server.ssl.key-store", String.class));
        return FleetCertificates.existing(keyStore.getParent());
    }

    /** Proves the TLS link is up, so a refusal below is due to the client's credentials. */
    private static void assertATrustedNodeConnects() throws Exception {
        try (FakeEdgeNode node = FakeEdgeNode.connectTls(pki().clientContext(FleetCertificates.NODE_KEY_STORE))) {
            C2ToEdge welcome = node.hello(CERTIFIED_NODE);

            assertThat(welcome.hasWelcome()).isTrue();
        }
    }

    @Test
    void aNodeWithACertificateSignedByTheFleetCaConnects() throws Exception {
        assertATrustedNodeConnects();
    }

    @Test
    void aNodeWithASelfSignedCertificateIsRefused() throws Exception {
        assertATrustedNodeConnects();
        try (FakeEdgeNode node = FakeEdgeNode.connectTls(pki().clientContext(FleetCertificates.ROGUE_KEY_STORE))) {
            node.send(FakeEdgeNode.hello(Fixtures.uniqueId("rogue"), 0));

            assertThat(node.awaitEnd().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void aNodeWithoutACertificateIsRefused() throws Exception {
        assertATrustedNodeConnects();
        try (FakeEdgeNode node = FakeEdgeNode.connectTls(pki().clientContext(null))) {
            node.send(FakeEdgeNode.hello(Fixtures.uniqueId("anonymous"), 0));

            assertThat(node.awaitEnd().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void refusedHandshakesAreLogged() throws Exception {
        assertATrustedNodeConnects();
        try (LogCapture log = LogCapture.of(RefusedHandshakeLog.class.getName())) {
            try (FakeEdgeNode node = FakeEdgeNode.connectTls(pki().clientContext(FleetCertificates.ROGUE_KEY_STORE))) {
                node.send(FakeEdgeNode.hello(Fixtures.uniqueId("rogue"), 0));
                assertThat(node.awaitEnd().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            }
            try (FakeEdgeNode node = FakeEdgeNode.connectTls(pki().clientContext(null))) {
                node.send(FakeEdgeNode.hello(Fixtures.uniqueId("anonymous"), 0));
                assertThat(node.awaitEnd().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            }
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (log.messages().stream().filter(m -> m.contains("refused during the TLS handshake")).count() < 2) {
                assertThat(System.nanoTime()).as("log lines so far: %s", log.messages()).isLessThan(deadline);
                Thread.sleep(50);
            }
            int before = log.messages().size();
            // A trusted node's connection is not reported.
            assertATrustedNodeConnects();
            assertThat(log.messages()).hasSize(before);
        }
    }

    @Test
    void aPlaintextNodeIsRefused() throws Exception {
        assertATrustedNodeConnects();
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(FakeEdgeNode.hello(Fixtures.uniqueId("plain"), 0));

            assertThat(node.awaitEnd().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void aNodeWhoseHelloNamesAnotherNodeThanItsCertificateIsRefused() throws Exception {
        assertATrustedNodeConnects();
        try (FakeEdgeNode node = FakeEdgeNode.connectTls(pki().clientContext(FleetCertificates.NODE_KEY_STORE))) {
            node.send(FakeEdgeNode.hello("node-b", 0));

            Status end = node.awaitEnd();
            assertThat(end.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(end.getDescription()).contains("node-b").contains(CERTIFIED_NODE);
        }
    }
}
