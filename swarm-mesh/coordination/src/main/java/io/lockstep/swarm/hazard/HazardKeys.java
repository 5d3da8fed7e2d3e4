package io.lockstep.swarm.hazard;

import io.lockstep.swarm.keys.SwarmKeys;

/**
 * Where hazards travel: {@code lockstep/swarm/hazards/<kind>/<node>}, one key per sender and kind, so a
 * subscriber on {@code lockstep/swarm/hazards/**} gets them all and the last chunk names the sender (checked
 * against the id inside by {@link SenderBinding}).
 */
public final class HazardKeys {

    public static final String PREFIX = SwarmKeys.PREFIX + "hazards/";
    public static final String ALL = PREFIX + "**";

    private HazardKeys() {
    }

    public static String of(HazardKind kind, String nodeId) {
        return PREFIX + kind.keyChunk() + "/" + SwarmKeys.chunk(nodeId);
    }

    /** The sender chunk of a hazard key, or null when the key is not {@code <prefix><kind>/<chunk>}. */
    public static String senderChunk(String key) {
        if (!key.startsWith(PREFIX)) {
            return null;
        }
        String rest = key.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        return rest.substring(slash + 1);
    }

    /** The kind chunk of a hazard key, or null. */
    public static HazardKind kind(String key) {
        if (senderChunk(key) == null) {
            return null;
        }
        String rest = key.substring(PREFIX.length());
        return HazardKind.ofName(rest.substring(0, rest.indexOf('/')));
    }
}
