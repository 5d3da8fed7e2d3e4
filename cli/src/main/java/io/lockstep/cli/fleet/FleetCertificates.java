package io.lockstep.cli.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway fleet CA and the certificates it issues for one local fleet: C2's (a PKCS#12 key store plus
 * a trust store holding only the CA, as C2's gRPC server takes them) and each node's (PEM chain, PKCS#8
 * key and the CA as the only trusted certificate, as the node's link takes them).
 *
 * <p>The JDK has no public API to sign certificates, but it ships {@code keytool}, which does; the only
 * thing keytool cannot do, writing a private key as PEM, is done here through the KeyStore API.
 */
public final class FleetCertificates {
    private static final String KEY_ALGORITHM = "EC";
    private static final String VALIDITY_DAYS = "2";

    private final Path dir;
    private final String password;

    private FleetCertificates(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    /** Creates the CA and C2's certificate (valid for 127.0.0.1 and localhost) in {@code dir}. */
    public static FleetCertificates create(Path dir) {
        FleetCertificates pki = new FleetCertificates(dir, randomPassword());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        pki.keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Lockstep throwaway fleet CA",
                "-ext", "bc:c", "-keystore", pki.file("ca.p12"));
        pki.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", pki.file("ca.p12"),
                "-file", pki.file("ca.crt"));
        pki.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", pki.file("ca.crt"),
                "-keystore", pki.file("fleet-ca.p12"));
        pki.issue("c2", "CN=lockstep-c2", "SAN=ip:127.0.0.1,dns:localhost");
        return pki;
    }

    /** System properties that make C2's link require fleet certificates. */
    public List<String> c2Properties() {
        return List.of(
                "-Dquarkus.grpc.server.plain-text=false",
                "-Dquarkus.grpc.server.ssl.key-store=" + file("c2.p12"),
                "-Dquarkus.grpc.server.ssl.key-store-type=pkcs12",
                "-Dquarkus.grpc.server.ssl.key-store-password=" + password,
                "-Dquarkus.grpc.server.ssl.trust-store=" + file("fleet-ca.p12"),
                "-Dquarkus.grpc.server.ssl.trust-store-type=pkcs12",
                "-Dquarkus.grpc.server.ssl.trust-store-password=" + password,
                "-Dquarkus.grpc.server.ssl.client-auth=REQUIRED");
    }

    /** Issues {@code nodeId}'s certificate and returns the properties that make its link use it. */
    public List<String> nodeProperties(String nodeId) {
        issue(nodeId, "CN=" + nodeId, "SAN=dns:" + nodeId);
        writePemKey(nodeId);
        writePemChain(nodeId);
        return List.of(
                "-Dlockstep.node.c2.tls.cert=" + file(nodeId + "-chain.pem"),
                "-Dlockstep.node.c2.tls.key=" + file(nodeId + ".key"),
                "-Dlockstep.node.c2.tls.trust=" + file("ca.crt"));
    }

    /**
     * The {@code lockstep.mesh.tls.*} properties of {@code nodeId}, whose certificate {@link #nodeProperties} issued:
     * the same fleet identity on the mesh as on the link (docs/mesh-security.md).
     */
    public List<String> meshProperties(String nodeId) {
        return List.of(
                "-Dlockstep.mesh.tls.certificate=" + file(nodeId + "-chain.pem"),
                "-Dlockstep.mesh.tls.private-key=" + file(nodeId + ".key"),
                "-Dlockstep.mesh.tls.root-ca=" + file("ca.crt"));
    }

    private void issue(String alias, String dname, String san) {
        String store = file(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-dname", dname, "-keystore", store);
        keytool("-certreq", "-alias", alias, "-keystore", store, "-file", file(alias + ".csr"));
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", file("ca.p12"), "-infile", file(alias + ".csr"),
                "-outfile", file(alias + ".crt"), "-ext", san, "-ext", "eku=serverAuth,clientAuth");
        // Replace the self-signed certificate with the CA-issued chain.
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", file("ca.crt"), "-keystore", store);
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", file(alias + ".crt"), "-keystore", store);
    }

    private void writePemKey(String alias) {
        try (InputStream in = Files.newInputStream(dir.resolve(alias + ".p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            Key key = store.getKey(alias, password.toCharArray());
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(dir.resolve(alias + ".key"), pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key of " + alias, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key of " + alias, e);
        }
    }

    private void writePemChain(String alias) {
        try {
            Files.writeString(dir.resolve(alias + "-chain.pem"),
                    Files.readString(dir.resolve(alias + ".crt")) + Files.readString(dir.resolve("ca.crt")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chain of " + alias, e);
        }
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        if (List.of(args).contains("-genkeypair")) {
            command.addAll(List.of("-keyalg", KEY_ALGORITHM, "-groupname", "secp256r1", "-validity", VALIDITY_DAYS));
        }
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", password));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool (it ships with every JDK)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }

    private String file(String name) {
        return dir.resolve(name).toAbsolutePath().toString();
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
