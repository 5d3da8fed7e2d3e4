package io.lockstep.mesh.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Mutual TLS for {@code tls/host:port} links: this session's certificate and key, and the CA that every peer's
 * certificate must chain to. Both sides present a certificate; host names are not checked (peers are known by the
 * identity their certificate names, see {@link PeerIdentity}, not by their address).
 */
public record TlsSettings(SSLContext context) {

    public static final String PROTOCOL = "TLSv1.3";

    /**
     * Reads PEM files: {@code certificate} (the chain, leaf first), {@code privateKey} (PKCS#8, "BEGIN PRIVATE KEY",
     * EC or RSA) and {@code rootCa} (the fleet CA).
     */
    public static TlsSettings fromPem(Path certificate, Path privateKey, Path rootCa) throws IOException {
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            Collection<? extends Certificate> chain;
            try (InputStream in = Files.newInputStream(certificate)) {
                chain = x509.generateCertificates(in);
            }
            if (chain.isEmpty()) {
                throw new IOException(certificate + " holds no certificate");
            }
            Collection<? extends Certificate> roots;
            try (InputStream in = Files.newInputStream(rootCa)) {
                roots = x509.generateCertificates(in);
            }
            if (roots.isEmpty()) {
                throw new IOException(rootCa + " holds no certificate");
            }
            PrivateKey key = readKey(privateKey, chain.iterator().next().getPublicKey().getAlgorithm());
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("node", key, password, chain.toArray(Certificate[]::new));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate root : roots) {
                trust.setCertificateEntry("ca-" + i++, root);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return new TlsSettings(context);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the mesh TLS context from " + certificate + ", " + privateKey + ", "
                    + rootCa + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey readKey(Path file, String algorithm) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(file + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
        String base64 = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
