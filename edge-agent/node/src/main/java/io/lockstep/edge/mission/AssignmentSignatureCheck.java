package io.lockstep.edge.mission;

import com.google.protobuf.InvalidProtocolBufferException;
import io.lockstep.proto.signing.MissionSigningKeys;
import io.lockstep.proto.v1.AssignMission;
import io.lockstep.proto.v1.MissionAssignment;
import java.security.PublicKey;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Verifies C2's signature on an assignment against the pinned mission signing key
 * ({@code lockstep.node.c2.mission-signing-key}, docs/mission-approval.md). With a key pinned, an unsigned
 * assignment, one signed by another key, one whose signature does not verify, and one whose parsed
 * {@code assignment} differs from the signed bytes are all refused; the node runs the assignment parsed from
 * the signed bytes. Without a key every assignment is accepted and a warning says so (development only).
 */
public final class AssignmentSignatureCheck {

    private static final Logger LOG = Logger.getLogger(AssignmentSignatureCheck.class);

    private final Optional<PublicKey> pinned;
    private final String pinnedId;

    private AssignmentSignatureCheck(Optional<PublicKey> pinned) {
        this.pinned = pinned;
        this.pinnedId = pinned.map(MissionSigningKeys::keyId).orElse("");
    }

    /** Accepts every assignment, signed or not, with a warning for each (development). */
    public static AssignmentSignatureCheck unpinned() {
        return new AssignmentSignatureCheck(Optional.empty());
    }

    public static AssignmentSignatureCheck pinned(PublicKey key) {
        return new AssignmentSignatureCheck(Optional.of(key));
    }

    /** A key as PEM text or the base64 of its X.509 DER; blank: unpinned. */
    public static AssignmentSignatureCheck of(Optional<String> key) {
        return key.filter(k -> !k.isBlank()).map(MissionSigningKeys::parsePublicKey)
                .map(AssignmentSignatureCheck::pinned).orElseGet(AssignmentSignatureCheck::unpinned);
    }

    public boolean isPinned() {
        return pinned.isPresent();
    }

    public String pinnedKeyId() {
        return pinnedId;
    }

    /** @return the assignment to run; @throws InvalidAssignmentException why it is refused */
    public MissionAssignment verify(AssignMission assign) throws InvalidAssignmentException {
        if (pinned.isEmpty()) {
            LOG.warnf("no mission signing key is pinned (lockstep.node.c2.mission-signing-key): accepting mission %s"
                    + " without checking C2's signature; pin C2's key outside development",
                    assign.getAssignment().getMission().getId());
            return assign.getAssignment();
        }
        if (assign.getSignature().isEmpty() || assign.getSignedAssignment().isEmpty()) {
            throw new InvalidAssignmentException("unsigned assignment refused: this node pins C2's mission signing key "
                    + pinnedId);
        }
        if (!assign.getSigningKeyId().equals(pinnedId)) {
            throw new InvalidAssignmentException("assignment signed with key '" + clip(assign.getSigningKeyId())
                    + "' refused: this node pins C2's mission signing key " + pinnedId);
        }
        byte[] signed = assign.getSignedAssignment().toByteArray();
        if (!MissionSigningKeys.verify(pinned.get(), signed, assign.getSignature().toByteArray())) {
            throw new InvalidAssignmentException("assignment signature does not verify with the pinned key " + pinnedId
                    + ": the assignment or its signature was altered");
        }
        MissionAssignment assignment;
        try {
            assignment = MissionAssignment.parseFrom(signed);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidAssignmentException("the signed assignment bytes are not a MissionAssignment");
        }
        if (assign.hasAssignment() && !assign.getAssignment().equals(assignment)) {
            throw new InvalidAssignmentException("assignment differs from the bytes C2 signed: it was altered");
        }
        return assignment;
    }

    private static String clip(String text) {
        String printable = text.replaceAll("[^A-Za-z0-9_.-]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) : printable;
    }
}
