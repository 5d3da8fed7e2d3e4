package io.lockstep.cli.pki;

import io.lockstep.pki.FleetCa;
import io.lockstep.pki.NodeKeys;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockstep fleet c2-cert --ca DIR --host NAME [--ip IP] --out DIR}: C2's link certificate from the fleet CA,
 * as the PKCS#12 key store and trust store C2's gRPC server takes.
 */
@Command(name = "c2-cert", mixinStandardHelpOptions = true,
        description = "Issue C2's link certificate from the fleet CA: OUT/c2.p12 and OUT/fleet-ca.p12 (PKCS#12).")
public final class FleetC2CertCommand implements Callable<Integer> {

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "the fleet CA directory")
    Path caDir;

    @Option(names = "--host", required = true, paramLabel = "NAME", description = "DNS name nodes dial (repeatable)")
    List<String> hosts;

    @Option(names = "--ip", paramLabel = "IP", description = "IP address nodes dial (repeatable)")
    List<String> ips = List.of();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the two stores")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FleetCa ca = FleetCa.load(caDir, Clock.systemUTC());
        KeyPair key = NodeKeys.generate();
        Certificate cert = ca.issueServer(hosts.get(0), hosts, ips, key.getPublic());
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("c2", key.getPrivate(), password, new Certificate[] {cert, ca.certificate()});
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("fleet-ca", ca.certificate());
        Files.createDirectories(out);
        store(keys, out.resolve("c2.p12"), password);
        store(trust, out.resolve("fleet-ca.p12"), password);
        Path passwordFile = out.resolve("stores.password");
        Files.deleteIfExists(passwordFile);
        Files.writeString(passwordFile, new String(password) + "\n");
        passwordFile.toFile().setReadable(false, false);
        passwordFile.toFile().setReadable(true, true);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("C2 certificate for %s written to %s (store password in %s)%n", String.join(", ", hosts), out,
                passwordFile);
        o.println("quarkus.grpc.server.ssl.key-store=" + out.resolve("c2.p12"));
        o.println("quarkus.grpc.server.ssl.trust-store=" + out.resolve("fleet-ca.p12"));
        o.println("(type pkcs12, both passwords from " + passwordFile + ", client-auth=REQUIRED, plain-text=false)");
        return 0;
    }

    private static void store(KeyStore store, Path file, char[] password) throws Exception {
        try (OutputStream stream = Files.newOutputStream(file)) {
            store.store(stream, password);
        }
    }
}
