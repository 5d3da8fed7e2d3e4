package io.lockstep.pki;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and signs one X.509 v3 certificate (ECDSA P-256 with SHA-256): subject CN, validity, basic constraints,
 * key usage, extended key usage and subject alternative names (URI, DNS, IP).
 */
final class CertificateBuilder {
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXT_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final SecureRandom RANDOM = new SecureRandom();

    private String subjectCn;
    private PublicKey subjectKey;
    private Instant notBefore;
    private Instant notAfter;
    private boolean ca;
    private final List<byte[]> altNames = new ArrayList<>();

    CertificateBuilder subject(String commonName, PublicKey key) {
        this.subjectCn = commonName;
        this.subjectKey = key;
        return this;
    }

    CertificateBuilder validity(Instant from, Instant until) {
        this.notBefore = from;
        this.notAfter = until;
        return this;
    }

    CertificateBuilder ca() {
        this.ca = true;
        return this;
    }

    CertificateBuilder uri(String uri) {
        altNames.add(Der.context(6, false, uri.getBytes(StandardCharsets.US_ASCII)));
        return this;
    }

    CertificateBuilder dns(String name) {
        altNames.add(Der.context(2, false, name.getBytes(StandardCharsets.US_ASCII)));
        return this;
    }

    CertificateBuilder ip(String address) {
        try {
            altNames.add(Der.context(7, false, InetAddress.getByName(address).getAddress()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
        return this;
    }

    static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
    }

    /** Signs with {@code issuerKey}; {@code issuerName} is the issuer's encoded subject (null: self-signed). */
    X509Certificate sign(byte[] issuerName, PrivateKey issuerKey) throws GeneralSecurityException {
        byte[] subject = name(subjectCn);
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_SHA256));
        byte[] tbs = Der.sequence(
                Der.context(0, true, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(127, RANDOM).add(BigInteger.ONE)),
                algorithm,
                issuerName == null ? subject : issuerName,
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                subject,
                subjectKey.getEncoded(),
                Der.context(3, true, Der.sequence(extensions())));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey);
        signer.update(tbs);
        byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign(), 0));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
    }

    private byte[][] extensions() {
        List<byte[]> out = new ArrayList<>();
        out.add(extension(BASIC_CONSTRAINTS, true, ca ? Der.sequence(Der.bool(true)) : Der.sequence()));
        // keyCertSign + cRLSign for the CA (bits 5, 6), digitalSignature for the others (bit 0).
        out.add(extension(KEY_USAGE, true, ca ? Der.bitString(new byte[] {0x06}, 1)
                : Der.bitString(new byte[] {(byte) 0x80}, 7)));
        if (!ca) {
            out.add(extension(EXT_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH), Der.oid(CLIENT_AUTH))));
        }
        if (!altNames.isEmpty()) {
            out.add(extension(SUBJECT_ALT_NAME, false, Der.sequence(altNames.toArray(byte[][]::new))));
        }
        return out.toArray(byte[][]::new);
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }
}
