package io.lockstep.swarm.keys;

import io.lockstep.swarm.codec.Sha256;
import java.util.regex.Pattern;

/**
 * The swarm's Zenoh key space, beside the node's existing {@code lockstep/nodes/<node>} liveliness
 * tokens, {@code lockstep/missions/<mission>/<topic>} agent messages and {@code lockstep/estop/<node>}:
 * <ul>
 *   <li>{@code lockstep/swarm/<mission>/coverage/<node>}: the node's {@code CoverageCodec} message,
 *       published on every completion and periodically; a queryable on the same key answers catch-up
 *       queries on {@code lockstep/swarm/<mission>/coverage/*};</li>
 *   <li>{@code lockstep/swarm/<mission>/digest/<node>}: the node's {@code AgreementDigestCodec} message;</li>
 *   <li>{@code lockstep/swarm/<mission>/member/<node>}: the node's {@code MemberCodec} announcement.</li>
 * </ul>
 * Ids become one key chunk exactly as in the node's {@code MeshKeys.chunk}: plain ids as they are,
 * others as {@code h-} and the first 32 hex digits of their UTF-8 SHA-256.
 */
public final class SwarmKeys {

    public static final String PREFIX = "lockstep/swarm/";
    private static final Pattern PLAIN_CHUNK = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private SwarmKeys() {
    }

    public static String chunk(String id) {
        return PLAIN_CHUNK.matcher(id).matches() ? id : "h-" + Sha256.hex(Sha256.of(id)).substring(0, 32);
    }

    public static String mission(String missionId) {
        return PREFIX + chunk(missionId) + "/";
    }

    public static String coverage(String missionId, String nodeId) {
        return mission(missionId) + "coverage/" + chunk(nodeId);
    }

    /** Every node's coverage of the mission: the catch-up query and the subscription. */
    public static String coverageAll(String missionId) {
        return mission(missionId) + "coverage/*";
    }

    public static String digest(String missionId, String nodeId) {
        return mission(missionId) + "digest/" + chunk(nodeId);
    }

    public static String digestAll(String missionId) {
        return mission(missionId) + "digest/*";
    }

    public static String member(String missionId, String nodeId) {
        return mission(missionId) + "member/" + chunk(nodeId);
    }

    public static String memberAll(String missionId) {
        return mission(missionId) + "member/*";
    }

    /** Where a node announces its right-of-way intent (all missions: vehicles of any mission can meet). */
    public static String negotiation(String nodeId) {
        return PREFIX + "negotiation/" + chunk(nodeId);
    }

    public static String negotiationAll() {
        return PREFIX + "negotiation/*";
    }
}
