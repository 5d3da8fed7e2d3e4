package io.lockstep.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The fleet certificate authority, kept in one directory: {@code ca.crt} (PEM, give it to C2 and every node as the
 * trust anchor), {@code ca.key} (PKCS#8 PEM, owner-only) and the enrolment tokens ({@link EnrolmentTokens}).
 * Node certificates name their node as SAN URI {@code lockstep:node:<id>} and as subject CN.
 */
public final class FleetCa {
    public static final String CERTIFICATE = "ca.crt";
    public static final String KEY = "ca.key";
    public static final String NODE_URI_PREFIX = "lockstep:node:";
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    public static final Duration NODE_VALIDITY = Duration.ofDays(365);
    /** Issued certificates start a little in the past, so a node whose clock lags slightly accepts them. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final Path dir;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Clock clock;

    private FleetCa(Path dir, X509Certificate certificate, PrivateKey key, Clock clock) {
        this.dir = dir;
        this.certificate = certificate;
        this.key = key;
        this.clock = clock;
    }

    /** Creates a new CA in {@code dir}; refuses to overwrite an existing one. */
    public static FleetCa create(Path dir, String name, Clock clock) throws IOException {
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(KEY)) || Files.exists(dir.resolve(CERTIFICATE))) {
            throw new FileAlreadyExistsException(dir.resolve(KEY).toString(), null, "a fleet CA already exists here");
        }
        KeyPair pair = NodeKeys.generate();
        Instant now = clock.instant();
        try {
            X509Certificate ca = new CertificateBuilder().subject(name, pair.getPublic()).ca()
                    .validity(now.minus(BACKDATE), now.plus(CA_VALIDITY)).sign(null, pair.getPrivate());
            writePrivate(dir.resolve(KEY), Pem.privateKey(pair.getPrivate()));
            Files.writeString(dir.resolve(CERTIFICATE), Pem.certificate(ca), StandardCharsets.US_ASCII);
            return new FleetCa(dir, ca, pair.getPrivate(), clock);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the CA certificate", e);
        }
    }

    public static FleetCa load(Path dir, Clock clock) throws IOException {
        X509Certificate ca = Pem.readCertificates(dir.resolve(CERTIFICATE)).get(0);
        PrivateKey key = Pem.readPrivateKey(dir.resolve(KEY));
        return new FleetCa(dir, ca, key, clock);
    }

    public Path dir() {
        return dir;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A node certificate for {@code nodeId} (client and server use: the C2 link and the mesh). */
    public X509Certificate issueNode(String nodeId, PublicKey nodeKey) {
        NodeIds.require(nodeId);
        return issue(new CertificateBuilder().subject(nodeId, nodeKey).uri(NODE_URI_PREFIX + nodeId).dns(nodeId),
                NODE_VALIDITY);
    }

    /** A server certificate (C2) valid for these DNS names and IP addresses. */
    public X509Certificate issueServer(String commonName, List<String> dnsNames, List<String> ipAddresses,
            PublicKey serverKey) {
        CertificateBuilder b = new CertificateBuilder().subject(commonName, serverKey);
        dnsNames.forEach(b::dns);
        ipAddresses.forEach(b::ip);
        return issue(b, NODE_VALIDITY);
    }

    private X509Certificate issue(CertificateBuilder builder, Duration validity) {
        Instant now = clock.instant();
        Instant until = now.plus(validity);
        if (until.isAfter(certificate.getNotAfter().toInstant())) {
            until = certificate.getNotAfter().toInstant();
        }
        try {
            return builder.validity(now.minus(BACKDATE), until)
                    .sign(certificate.getSubjectX500Principal().getEncoded(), key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate with the fleet CA", e);
        }
    }

    /** The certificate followed by the CA's: what a node presents. */
    public String chainPem(X509Certificate leaf) {
        return Pem.certificate(leaf) + Pem.certificate(certificate);
    }

    static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
