package io.lockstep.c2.alert;

/** One acknowledgement: which alert, who acknowledged it, when (Unix ms), and an optional note. */
public record AlertAck(String alertId, String nodeId, String by, long atMs, String note) {
}
