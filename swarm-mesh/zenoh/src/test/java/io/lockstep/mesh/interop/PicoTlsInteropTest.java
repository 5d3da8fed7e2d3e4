package io.lockstep.mesh.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Publisher;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.lockstep.mesh.testing.TestFleetPki;
import io.lockstep.pki.NodeCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lockstep's {@code tls/} links against zenoh-pico's TLS examples ({@code z_pub_tls}, {@code z_sub_tls}, built with
 * {@code Z_FEATURE_LINK_TLS=1} against Mbed TLS), mutual TLS both ways with fleet-CA certificates made here.
 */
@EnabledIfEnvironmentVariable(named = "ZENOH_PICO_EXAMPLES", matches = ".+", disabledReason = "zenoh-pico TLS interop "
        + "needs ZENOH_PICO_EXAMPLES set to zenoh-pico's built examples (cmake -DZ_FEATURE_LINK_TLS=1, see docs/zenoh.md)")
class PicoTlsInteropTest {
    private static final Path EXAMPLES = Path.of(System.getenv().getOrDefault("ZENOH_PICO_EXAMPLES", "."));
    private static final long WAIT = PicoWaits.WAIT_SECONDS;
    @TempDir
    Path dir;
    private TestFleetPki fleet;
    private NodeCredentials pico;

    @BeforeEach
    void fleet() throws IOException {
        assumeTrue(Files.isExecutable(EXAMPLES.resolve("z_pub_tls")) && Files.isExecutable(EXAMPLES.resolve("z_sub_tls")),
                EXAMPLES + " has no z_pub_tls/z_sub_tls: zenoh-pico was built without -DZ_FEATURE_LINK_TLS=1");
        fleet = new TestFleetPki(dir.resolve("fleet"));
        pico = fleet.nodeFiles("pico-node");
    }

    private Session java(boolean javaListens, String endpoint) throws IOException {
        Config c = Config.peer().reconnectBackoff(100, 500).tls(fleet.node("java-node"));
        return Zenoh.open(javaListens ? c.listen(endpoint) : c.connect(endpoint));
    }

    /** Pico as a peer with the fleet CA and its node certificate, presented both as client and as listener. */
    private List<String> picoArgs(boolean javaListens, String endpoint, NodeCredentials who, String... extra) {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("-m", "peer", javaListens ? "-e" : "-l", endpoint, "-C", who.rootCa().toString(), "-M",
                "-R", who.privateKey().toString(), "-S", who.certificate().toString()));
        if (!javaListens) {
            args.addAll(List.of("-P", who.privateKey().toString(), "-Q", who.certificate().toString()));
        }
        return args;
    }

    @ParameterizedTest(name = "java listens: {0}")
    @ValueSource(booleans = {true, false})
    void picoPublishesOverTlsAndEachSampleNamesPicosCertifiedNode(boolean javaListens) throws Exception {
        String ep = PicoWaits.freeEndpoint("tls");
        LinkedBlockingQueue<Sample> got = new LinkedBlockingQueue<>();
        Session s = null;
        PicoProcess p = null;
        try {
            String[] args = picoArgs(javaListens, ep, pico, "-k", "demo/example/pico", "-v", "hello", "-n", "4")
                    .toArray(String[]::new);
            if (javaListens) {
                s = java(true, ep);
                s.declareSubscriber("demo/**", got::add);
                p = PicoProcess.start(EXAMPLES, "z_pub_tls", args);
            } else {
                p = PicoProcess.start(EXAMPLES, "z_pub_tls", args);
                p.await("Declaring publisher", WAIT);
                s = java(false, ep);
                s.declareSubscriber("demo/**", got::add);
            }
            Sample sample = got.poll(WAIT, TimeUnit.SECONDS);
            assertTrue(sample != null, "no sample from pico over TLS");
            assertEquals("demo/example/pico", sample.keyExpr());
            assertTrue(sample.payloadAsString().endsWith("] hello"), sample.payloadAsString());
            assertEquals("pico-node", sample.peerIdentity());
            assertEquals("pico-node", s.peers().get(0).identity());
        } finally {
            if (p != null) {
                p.close();
            }
            if (s != null) {
                s.close();
            }
        }
    }

    @ParameterizedTest(name = "java listens: {0}")
    @ValueSource(booleans = {true, false})
    void javaPublishesOverTlsPicoSubscribes(boolean javaListens) throws Exception {
        String ep = PicoWaits.freeEndpoint("tls");
        Session s = javaListens ? java(true, ep) : null;
        try (PicoProcess p = PicoProcess.start(EXAMPLES, "z_sub_tls",
                picoArgs(javaListens, ep, pico, "-k", "demo/**", "-n", "3").toArray(String[]::new))) {
            if (!javaListens) {
                p.await("Press CTRL-C", WAIT);
                s = java(false, ep);
            }
            PicoWaits.awaitPeer(s);
            Publisher pub = s.declarePublisher("demo/example/java", PutOptions.DEFAULT);
            PicoWaits.awaitSubscriber(pub);
            for (int i = 0; i < 3; i++) {
                pub.put("msg " + i);
            }
            p.await("'demo/example/java': 'msg 2'", WAIT);
            assertTrue(p.waitExit(WAIT), "pico exits after its 3 samples");
        } finally {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void picoWithACertificateFromAnotherCaCannotJoin() throws Exception {
        String ep = PicoWaits.freeEndpoint("tls");
        NodeCredentials rogue = new TestFleetPki(dir.resolve("rogue")).nodeFiles("pico-node");
        try (Session s = java(true, ep);
                PicoProcess p = PicoProcess.start(EXAMPLES, "z_pub_tls",
                        picoArgs(true, ep, rogue, "-k", "demo/example/pico", "-n", "1").toArray(String[]::new))) {
            p.await("Unable to open session", WAIT);
            assertTrue(s.peers().isEmpty());
        }
    }
}
