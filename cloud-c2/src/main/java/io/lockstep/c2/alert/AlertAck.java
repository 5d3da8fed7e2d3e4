package io.lockstep.c2.alert;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One acknowledgement: which alert, who acknowledged it, when (Unix ms), and an optional note. */
@Schema(example = "{\"alertId\": \"estop:node-1:5df9ebf8-ac56-4a9a-a594-dfb23734d1e3:114\", \"nodeId\": \"node-1\", \"by\": \"alice\", \"atMs\": 1796213577978, \"note\": \"checked on site\"}")
public record AlertAck(String alertId, String nodeId, String by, long atMs, String note) {
}
