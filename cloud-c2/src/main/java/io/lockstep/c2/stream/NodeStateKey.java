package io.lockstep.c2.stream;

import io.lockstep.c2.fleet.NodeRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * What the hub compares when it re-reads a node: its stored fields but those that change with nearly every
 * message ({@link NodeRegistry#freshnessField}), and whether its link is up. Equal keys: the node's view did not
 * change in anything but its freshness fields, so it is neither rebuilt nor sent.
 */
record NodeStateKey(boolean connected, Map<String, String> fields) {

    static NodeStateKey of(Map<String, String> stored, boolean connected) {
        Map<String, String> state = new HashMap<>(stored);
        state.keySet().removeIf(NodeRegistry::freshnessField);
        return new NodeStateKey(connected, state);
    }
}
