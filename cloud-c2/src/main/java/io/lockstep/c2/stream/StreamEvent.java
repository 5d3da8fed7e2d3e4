package io.lockstep.c2.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A timeline entry or alert (state change, supervisor intervention, fault, divergence, link loss), numbered in
 * the order the hub recorded it.
 */
record StreamEvent(long seq, String nodeId, ObjectNode value) {
}
