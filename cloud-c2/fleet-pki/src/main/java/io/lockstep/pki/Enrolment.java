package io.lockstep.pki;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;

/**
 * Enrols a node: redeems its one-time token and issues a certificate for its public key (the private key never
 * leaves the node). Whoever holds the CA directory runs this: C2 ({@code POST /api/v1/enrollments}) or the CLI
 * offline.
 */
public final class Enrolment {
    private final FleetCa ca;
    private final EnrolmentTokens tokens;

    public Enrolment(FleetCa ca, EnrolmentTokens tokens) {
        this.ca = ca;
        this.tokens = tokens;
    }

    /** The issued certificate chain (leaf, then CA) as PEM. */
    public String enrol(String nodeId, String token, PublicKey nodeKey) throws IOException, EnrolmentRefusedException {
        NodeIds.require(nodeId);
        tokens.redeem(nodeId, token);
        X509Certificate certificate = ca.issueNode(nodeId, nodeKey);
        return ca.chainPem(certificate);
    }

    public FleetCa ca() {
        return ca;
    }

    public EnrolmentTokens tokens() {
        return tokens;
    }
}
