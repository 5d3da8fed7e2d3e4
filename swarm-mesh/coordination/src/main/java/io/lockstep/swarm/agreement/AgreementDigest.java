package io.lockstep.swarm.agreement;

import io.lockstep.swarm.allocation.Allocator;
import io.lockstep.swarm.allocation.MembershipView;
import io.lockstep.swarm.allocation.NodeIds;
import io.lockstep.swarm.coverage.CoverageSet;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a node believes, in a few bytes: mission, plan version, allocator version, the digest of its
 * sorted membership view and the digest of its completed set. Two nodes with equal digests compute the
 * same allocation. {@code sequence} increases with every digest a node publishes (so reordered copies
 * can be ignored); {@code completedCount} is informative.
 */
public record AgreementDigest(String nodeId, long sequence, String missionId, long planVersion,
                              int allocatorVersion, byte[] membershipDigest, byte[] coverageDigest,
                              int completedCount) {

    public static final int DIGEST_BYTES = 32;

    public AgreementDigest {
        NodeIds.require(nodeId);
        if (missionId == null || missionId.isEmpty()) {
            throw new IllegalArgumentException("mission id missing");
        }
        if (membershipDigest.length != DIGEST_BYTES || coverageDigest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("digests are " + DIGEST_BYTES + " bytes");
        }
        if (sequence < 0 || planVersion < 0 || allocatorVersion < 0 || allocatorVersion > 0xFFFF
                || completedCount < 0) {
            throw new IllegalArgumentException("negative or out-of-range field");
        }
        membershipDigest = membershipDigest.clone();
        coverageDigest = coverageDigest.clone();
    }

    public static AgreementDigest of(String nodeId, long sequence, MembershipView view, CoverageSet completed) {
        return new AgreementDigest(nodeId, sequence, completed.missionId(), completed.planVersion(), Allocator.VERSION,
                view.digest(), completed.digest(), completed.completedCount());
    }

    @Override
    public byte[] membershipDigest() {
        return membershipDigest.clone();
    }

    @Override
    public byte[] coverageDigest() {
        return coverageDigest.clone();
    }

    /** The components in which this digest differs from {@code other}; empty when they agree. */
    public Set<Component> differences(AgreementDigest other) {
        EnumSet<Component> diff = EnumSet.noneOf(Component.class);
        if (!missionId.equals(other.missionId)) {
            diff.add(Component.MISSION);
        }
        if (planVersion != other.planVersion) {
            diff.add(Component.PLAN_VERSION);
        }
        if (allocatorVersion != other.allocatorVersion) {
            diff.add(Component.ALLOCATOR_VERSION);
        }
        if (!Arrays.equals(membershipDigest, other.membershipDigest)) {
            diff.add(Component.MEMBERSHIP);
        }
        if (!Arrays.equals(coverageDigest, other.coverageDigest)) {
            diff.add(Component.COVERAGE);
        }
        return diff;
    }

    public boolean agreesWith(AgreementDigest other) {
        return planVersion == other.planVersion && allocatorVersion == other.allocatorVersion
                && missionId.equals(other.missionId) && Arrays.equals(coverageDigest, other.coverageDigest)
                && Arrays.equals(membershipDigest, other.membershipDigest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgreementDigest d && d.nodeId.equals(nodeId) && d.sequence == sequence
                && d.agreesWith(this) && d.completedCount == completedCount;
    }

    @Override
    public int hashCode() {
        return nodeId.hashCode() * 31 + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "AgreementDigest[" + nodeId + " #" + sequence + " " + missionId + " v" + planVersion + " alloc v"
                + allocatorVersion + " completed " + completedCount + "]";
    }
}
