package io.lockstep.edge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PKI made with the openssl command line: a fleet CA with a C2 server certificate
 * (localhost / 127.0.0.1) and a node client certificate, plus an unrelated "rogue" CA with its own
 * server certificate. Keys are PKCS#8 PEM (what Netty reads).
 */
public final class TestCertificates {

    public final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static boolean opensslAvailable() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            // Generous: on a loaded machine a short wait would silently skip the TLS tests.
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCertificates c = new TestCertificates(dir);
        c.ca("fleet-ca");
        c.ca("rogue-ca");
        c.leaf("c2", "fleet-ca", "localhost", true);
        c.leaf("node", "fleet-ca", "node-1", false);
        c.leaf("rogue-c2", "rogue-ca", "localhost", true);
        return c;
    }

    public Path cert(String name) {
        return dir.resolve(name + ".crt");
    }

    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    private void ca(String name) throws IOException, InterruptedException {
        key(name, name);
        run("openssl", "req", "-x509", "-new", "-key", key(name).toString(), "-sha256", "-days", "2",
                "-subj", "/CN=" + name, "-out", cert(name).toString());
    }

    private void leaf(String name, String issuer, String cn, boolean server) throws IOException, InterruptedException {
        key(name, name);
        Path csr = dir.resolve(name + ".csr");
        run("openssl", "req", "-new", "-key", key(name).toString(), "-subj", "/CN=" + cn, "-out", csr.toString());
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, server
                ? "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
                : "extendedKeyUsage=clientAuth\n");
        run("openssl", "x509", "-req", "-in", csr.toString(), "-CA", cert(issuer).toString(), "-CAkey",
                key(issuer).toString(), "-CAcreateserial", "-days", "2", "-sha256", "-extfile", ext.toString(),
                "-out", cert(name).toString());
    }

    private void key(String ignored, String name) throws IOException, InterruptedException {
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                key(name).toString());
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl failed: " + String.join(" ", cmd) + "\n" + out);
        }
    }
}
