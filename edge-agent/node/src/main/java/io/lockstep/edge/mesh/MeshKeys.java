package io.lockstep.edge.mesh;

import io.lockstep.edge.mission.BlobCache;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The Zenoh key space of the swarm:
 * <ul>
 *   <li>{@code lockstep/nodes/<node>}: liveliness token of each node (membership);</li>
 *   <li>{@code lockstep/missions/<mission>/<topic>}: an agent's {@code emit(topic, data)}; the
 *       attachment is {@code <sender node>\n<seq>};</li>
 *   <li>{@code lockstep/estop/<node>}: a peer's emergency stop, payload the reason.</li>
 * </ul>
 */
public final class MeshKeys {

    public static final String NODES = "lockstep/nodes/";
    public static final String MISSIONS = "lockstep/missions/";
    public static final String ESTOP = "lockstep/estop/";
    /** Characters with a meaning in key expressions, never allowed inside one chunk. */
    private static final Pattern PLAIN_CHUNK = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private MeshKeys() {
    }

    /** A mission or node id as one key chunk; ids that are not plain are replaced by their hash. */
    public static String chunk(String id) {
        return PLAIN_CHUNK.matcher(id).matches()
                ? id
                : "h-" + BlobCache.sha256Hex(id.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    public static String missionPrefix(String missionId) {
        return MISSIONS + chunk(missionId) + "/";
    }
}
