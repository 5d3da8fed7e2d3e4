package io.lockstep.edge.mesh;

import io.lockstep.mesh.api.Sample;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Binds what a mesh message claims to be from to who sent it. Over {@code tls/} links every sample carries its
 * sender's certified node id ({@link Sample#peerIdentity()}, from the fleet certificate); a message whose claimed
 * sender (the {@code <node>} chunk of its key, or the sender in its attachment) names another node is refused,
 * counted and logged. With {@code requireAuthenticated} (the mesh runs with TLS), a sample from a peer without a
 * certificate is refused as well; only this node's own publications come without one. Without TLS (development),
 * unauthenticated samples pass: nothing can be checked.
 *
 * <p>Every mesh channel that acts on a peer's word (e-stops, hazards, coverage, mission messages) calls
 * {@link #allows} before queueing or acting on a sample.
 */
public final class MeshSenderCheck {

    private static final Logger LOG = Logger.getLogger(MeshSenderCheck.class);
    private static final int LOGGED_IN_FULL = 20;

    private final String selfChunk;
    private final boolean requireAuthenticated;
    private final AtomicLong refused = new AtomicLong();

    public MeshSenderCheck(String selfNodeId, boolean requireAuthenticated) {
        this.selfChunk = MeshKeys.chunk(selfNodeId);
        this.requireAuthenticated = requireAuthenticated;
    }

    /**
     * True when {@code sample} may speak as {@code claimedSender} (a node id or its key chunk, see
     * {@link MeshKeys#chunk}); false (counted and logged, naming {@code channel}) otherwise.
     */
    public boolean allows(Sample sample, String claimedSender, String channel) {
        String claimedChunk = MeshKeys.chunk(claimedSender);
        String identity = sample.peerIdentity();
        if (identity == null) {
            if (!requireAuthenticated || claimedChunk.equals(selfChunk)) {
                return true;
            }
            return refuse(channel, sample, claimedSender, "no fleet certificate");
        }
        if (MeshKeys.chunk(identity).equals(claimedChunk)) {
            return true;
        }
        return refuse(channel, sample, claimedSender, "certified as node '" + identity + "'");
    }

    private boolean refuse(String channel, Sample sample, String claimed, String why) {
        long n = refused.incrementAndGet();
        if (n <= LOGGED_IN_FULL || n % 100 == 0) {
            LOG.warnf("refused a %s message on %s claiming to be from '%s': the sender is %s (%d refused so far)",
                    channel, sample.keyExpr(), claimed, why, n);
        }
        return false;
    }

    /** Mesh messages refused because their sender was not who they claimed to be. */
    public long refused() {
        return refused.get();
    }

    public boolean requiresAuthentication() {
        return requireAuthenticated;
    }
}
