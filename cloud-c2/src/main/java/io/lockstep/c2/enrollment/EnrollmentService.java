package io.lockstep.c2.enrollment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.lockstep.c2.config.C2Config;
import io.lockstep.pki.Enrolment;
import io.lockstep.pki.EnrolmentRefusedException;
import io.lockstep.pki.EnrolmentTokens;
import io.lockstep.pki.FleetCa;
import io.lockstep.pki.Pem;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Node enrolment with the fleet CA that C2 holds ({@code lockstep.c2.enrollment.ca-dir}): one-time tokens for a
 * node id, redeemed for a certificate over the node's own public key.
 */
@ApplicationScoped
public class EnrollmentService {

    private static final Logger LOG = Logger.getLogger(EnrollmentService.class);

    /** A token and when it stops working. */
    @Schema(example = "{\"nodeId\": \"node-7\", \"token\": \"3q2-7wXbT0m1c9Yp4kL8sQ\", \"expiresAt\": \"2026-12-02T13:12:49Z\"}")
    public record IssuedToken(String nodeId, String token, Instant expiresAt) {
    }

    /** What an enrolled node receives: its chain (leaf, then CA) and the CA to trust. */
    @Schema(example = "{\"nodeId\": \"node-7\", \"certificateChain\": \"-----BEGIN CERTIFICATE-----\\nMIIB…(node-7, signed by the fleet CA)\\n-----END CERTIFICATE-----\\n-----BEGIN CERTIFICATE-----\\nMIIB…(fleet CA)\\n-----END CERTIFICATE-----\\n\", \"caCertificate\": \"-----BEGIN CERTIFICATE-----\\nMIIB…(fleet CA)\\n-----END CERTIFICATE-----\\n\"}")
    public record Enrolled(String nodeId, String certificateChain, String caCertificate) {
    }

    private final Optional<Path> caDir;
    private final Duration defaultTtl;
    private final Clock clock;
    private volatile Enrolment enrolment;

    public EnrollmentService(C2Config config, Clock clock) {
        this.caDir = config.enrollment().caDir();
        this.defaultTtl = config.enrollment().tokenTtl();
        this.clock = clock;
    }

    public boolean enabled() {
        return caDir.isPresent();
    }

    public Duration defaultTtl() {
        return defaultTtl;
    }

    public IssuedToken issueToken(String nodeId, Duration ttl) {
        Enrolment e = enrolment();
        try {
            String token = e.tokens().issue(nodeId, ttl);
            LOG.infof("Issued an enrolment token for node %s, valid for %s", nodeId, ttl);
            return new IssuedToken(nodeId, token, clock.instant().plus(ttl));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot store the enrolment token", ex);
        }
    }

    public Enrolled enrol(String nodeId, String token, PublicKey key) throws EnrolmentRefusedException {
        Enrolment e = enrolment();
        try {
            String chain = e.enrol(nodeId, token, key);
            LOG.infof("Enrolled node %s: certificate issued by the fleet CA", nodeId);
            return new Enrolled(nodeId, chain, Pem.certificate(e.ca().certificate()));
        } catch (EnrolmentRefusedException refused) {
            LOG.warnf("Refused the enrolment of node %s: %s", nodeId, refused.getMessage());
            throw refused;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read or update the enrolment tokens", ex);
        }
    }

    private Enrolment enrolment() {
        Enrolment e = enrolment;
        if (e == null) {
            synchronized (this) {
                if (enrolment == null) {
                    Path dir = caDir.orElseThrow(() -> new IllegalStateException("enrolment is not configured"));
                    try {
                        enrolment = new Enrolment(FleetCa.load(dir, clock), new EnrolmentTokens(dir, clock));
                    } catch (IOException ex) {
                        throw new UncheckedIOException("cannot load the fleet CA from " + dir, ex);
                    }
                }
                e = enrolment;
            }
        }
        return e;
    }
}
