package io.lockstep.c2.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One entry of the hub's latest-wins state: a JSON value and the hub sequence number it was written at. */
record Versioned(long seq, ObjectNode value) {
}
