package io.lockstep.c2.link;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The node id a fleet certificate names: the SAN URI {@code lockstep:node:<id>} when the certificate has one
 * (what {@code lockstep node enroll} issues), otherwise the subject's common name (CN). The mesh applies the same
 * rule (see docs/mesh-security.md).
 */
public final class CertifiedNodeId {

    public static final String SAN_URI_PREFIX = "lockstep:node:";
    private static final int SAN_URI = 6;

    private CertifiedNodeId() {
    }

    /** The node id of the TLS peer's leaf certificate; empty without TLS or without a client certificate. */
    public static Optional<String> of(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return Optional.empty();
            }
            return of(leaf);
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> of(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (name.size() == 2 && Integer.valueOf(SAN_URI).equals(name.get(0))
                            && name.get(1) instanceof String uri && uri.startsWith(SAN_URI_PREFIX)) {
                        return Optional.of(uri.substring(SAN_URI_PREFIX.length()));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        try {
            List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdns.get(i).getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
