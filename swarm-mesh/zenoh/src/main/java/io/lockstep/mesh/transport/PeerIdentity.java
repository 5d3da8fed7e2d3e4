package io.lockstep.mesh.transport;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The identity a TLS peer's certificate names: the SAN URI {@code lockstep:node:<id>} when present, otherwise the
 * subject's common name (CN). C2's link applies the same rule, so a node has one id on both.
 */
public final class PeerIdentity {

    public static final String SAN_URI_PREFIX = "lockstep:node:";
    private static final int SAN_URI = 6;

    private PeerIdentity() {
    }

    /** The identity of an authenticated TLS session's peer, or null when the peer presented no certificate. */
    public static String of(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? of(leaf) : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** The identity {@code certificate} names, or null when it names none. */
    public static String of(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (name.size() == 2 && Integer.valueOf(SAN_URI).equals(name.get(0))
                            && name.get(1) instanceof String uri && uri.startsWith(SAN_URI_PREFIX)
                            && uri.length() > SAN_URI_PREFIX.length()) {
                        return uri.substring(SAN_URI_PREFIX.length());
                    }
                }
            }
            List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdns.get(i).getValue());
                }
            }
            return null;
        } catch (CertificateParsingException | InvalidNameException e) {
            return null;
        }
    }
}
