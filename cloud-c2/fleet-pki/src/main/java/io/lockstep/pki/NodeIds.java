package io.lockstep.pki;

import java.util.regex.Pattern;

/** Which node ids a certificate may name: the ids C2 accepts in Hello. */
public final class NodeIds {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private NodeIds() {
    }

    public static String require(String nodeId) {
        if (nodeId == null || !ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("node id must be 1-128 characters of A-Z a-z 0-9 _ . - starting with a "
                    + "letter or digit, got " + (nodeId == null ? "none" : "'" + nodeId + "'"));
        }
        return nodeId;
    }
}
