package io.lockstep.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.cli.Lockstep;
import io.lockstep.pki.Pem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The offline path: fleet init, a token, enrolment with it, and the token refused the second time. */
class NodeEnrollCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Lockstep.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aNodeEnrolsOnceWithItsTokenAndGetsACertificateNamingIt() throws Exception {
        Path ca = dir.resolve("ca");
        assertEquals(0, run("fleet", "init", "--ca", ca.toString()).exit());
        Run token = run("node", "enroll-token", "--node", "rover-1", "--ca", ca.toString());
        assertEquals(0, token.exit(), token.err());
        String secret = token.out().strip();

        Path out = dir.resolve("rover-1");
        Run enrolled = run("node", "enroll", "--node", "rover-1", "--token", secret, "--ca", ca.toString(),
                "--out", out.toString());

        assertEquals(0, enrolled.exit(), enrolled.err());
        List<X509Certificate> chain = Pem.readCertificates(out.resolve("node.crt"));
        assertEquals("CN=rover-1", chain.get(0).getSubjectX500Principal().getName());
        chain.get(0).verify(Pem.readCertificates(out.resolve("ca.crt")).get(0).getPublicKey());
        assertEquals(chain.get(0).getPublicKey().getAlgorithm(), Pem.readPrivateKey(out.resolve("node.key")).getAlgorithm());
        assertTrue(enrolled.out().contains("lockstep.mesh.tls.certificate="));

        Run again = run("node", "enroll", "--node", "rover-1", "--token", secret, "--ca", ca.toString(),
                "--out", dir.resolve("again").toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("already used"), again.err());
        assertTrue(Files.notExists(dir.resolve("again")));
    }

    @Test
    void aTokenForAnotherNodeEnrolsNothing() {
        Path ca = dir.resolve("ca");
        run("fleet", "init", "--ca", ca.toString());
        String secret = run("node", "enroll-token", "--node", "rover-1", "--ca", ca.toString()).out().strip();

        Run other = run("node", "enroll", "--node", "rover-2", "--token", secret, "--ca", ca.toString(),
                "--out", dir.resolve("rover-2").toString());

        assertEquals(1, other.exit());
        assertTrue(other.err().contains("another node"), other.err());
    }

    @Test
    void fleetInitNeverOverwritesACa() {
        Path ca = dir.resolve("ca");
        assertEquals(0, run("fleet", "init", "--ca", ca.toString()).exit());

        assertEquals(1, run("fleet", "init", "--ca", ca.toString()).exit());
    }

    @Test
    void c2sLinkCertificateComesFromTheFleetCaAsPkcs12Stores() throws Exception {
        Path ca = dir.resolve("ca");
        run("fleet", "init", "--ca", ca.toString());
        Path out = dir.resolve("c2");

        Run issued = run("fleet", "c2-cert", "--ca", ca.toString(), "--host", "localhost", "--ip", "127.0.0.1",
                "--out", out.toString());

        assertEquals(0, issued.exit(), issued.err());
        char[] password = Files.readString(out.resolve("stores.password")).strip().toCharArray();
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(out.resolve("c2.p12"))) {
            keys.load(in, password);
        }
        X509Certificate c2 = (X509Certificate) keys.getCertificate("c2");
        c2.verify(Pem.readCertificates(ca.resolve("ca.crt")).get(0).getPublicKey());
        assertTrue(c2.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.1")));
    }
}
