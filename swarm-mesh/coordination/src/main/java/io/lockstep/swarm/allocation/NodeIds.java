package io.lockstep.swarm.allocation;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * Node ids: 1..128 UTF-8 bytes, no control characters. Ordered by their UTF-8 bytes compared unsigned
 * (not {@link String#compareTo}, which orders UTF-16 units and differs for supplementary characters).
 */
public final class NodeIds {

    public static final int MAX_BYTES = 128;

    /**
     * The canonical order of node ids everywhere in the swarm (membership, tie breaks, alerts): by UTF-8
     * bytes compared unsigned, which is the same as comparing code points, computed here without encoding.
     */
    public static final Comparator<String> ORDER = NodeIds::compareCodePoints;

    private static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (!Character.isSurrogate(ca) && !Character.isSurrogate(cb)) {
                    return Character.compare(ca, cb);
                }
                // a surrogate pair encodes a code point above U+FFFF, so it sorts after U+E000..U+FFFF
                return Integer.compare(a.codePointAt(i), b.codePointAt(i));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private NodeIds() {
    }

    public static String require(String nodeId) {
        if (nodeId == null) {
            throw new IllegalArgumentException("node id missing");
        }
        boolean ascii = true;
        for (int i = 0; i < nodeId.length(); i++) {
            char c = nodeId.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("node id contains a control character");
            }
            ascii &= c < 0x80;
        }
        int length = ascii ? nodeId.length() : nodeId.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > MAX_BYTES) {
            throw new IllegalArgumentException("node id must be 1.." + MAX_BYTES + " UTF-8 bytes");
        }
        return nodeId;
    }
}
