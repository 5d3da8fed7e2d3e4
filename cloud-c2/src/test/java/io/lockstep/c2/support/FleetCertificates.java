package io.lockstep.c2.support;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away PKI made with the JDK's keytool: a fleet CA, a C2 server certificate and a node client
 * certificate signed by it, and a "rogue" node certificate that is only self-signed. All PKCS#12.
 */
public final class FleetCertificates {

    public static final String PASSWORD = "lockstep-test";
    public static final String CA_TRUST_STORE = "fleet-ca-trust.p12";
    public static final String C2_KEY_STORE = "c2.p12";
    public static final String NODE_KEY_STORE = "node.p12";
    public static final String ROGUE_KEY_STORE = "rogue.p12";

    private final Path dir;

    private FleetCertificates(Path dir) {
        this.dir = dir;
    }

    public static FleetCertificates generate(Path dir) {
        FleetCertificates pki = new FleetCertificates(dir);
        pki.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=lockstep-fleet-ca",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        pki.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        pki.keytool("-importcert", "-noprompt", "-alias", "fleet-ca", "-file", "ca.pem", "-keystore", CA_TRUST_STORE);
        pki.signed("c2", C2_KEY_STORE, "CN=localhost", "san=dns:localhost,ip:127.0.0.1");
        pki.signed("node", NODE_KEY_STORE, "CN=node-tls-1", null);
        pki.keytool("-genkeypair", "-alias", "rogue", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=node-tls-1",
                "-validity", "2", "-keystore", ROGUE_KEY_STORE);
        return pki;
    }

    /** Certificates generated earlier into {@code dir}. */
    public static FleetCertificates existing(Path dir) {
        return new FleetCertificates(dir);
    }

    public Path path(String file) {
        return dir.resolve(file);
    }

    /** A client TLS context that trusts the fleet CA and presents {@code keyStore}'s key, or no key when null. */
    public SslContext clientContext(String keyStore) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(CA_TRUST_STORE));
            SslContextBuilder builder = GrpcSslContexts.forClient().trustManager(trust);
            if (keyStore != null) {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore), PASSWORD.toCharArray());
                builder.keyManager(keys);
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot build the test TLS context", e);
        }
    }

    private KeyStore load(String file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private void signed(String alias, String keyStore, String dname, String san) {
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", keyStore);
        keytool("-certreq", "-alias", alias, "-keystore", keyStore, "-file", alias + ".csr");
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12",
                "-infile", alias + ".csr", "-outfile", alias + ".pem", "-validity", "2"));
        if (san != null) {
            sign.addAll(List.of("-ext", san));
        }
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "fleet-ca", "-file", "ca.pem", "-keystore", keyStore);
        keytool("-importcert", "-alias", alias, "-file", alias + ".pem", "-keystore", keyStore);
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        if (!List.of(args).contains("-exportcert")) {
            command.addAll(List.of("-storetype", "PKCS12"));
        }
        command.addAll(List.of("-storepass", PASSWORD));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
