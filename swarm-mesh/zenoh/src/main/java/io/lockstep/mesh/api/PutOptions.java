package io.lockstep.mesh.api;

import io.lockstep.mesh.message.payload.Encoding;
import io.lockstep.mesh.transport.CongestionControl;

/** Options of a put, a delete or a publisher. Defaults: DROP, priority DATA, reliable, no encoding/attachment. */
public record PutOptions(Encoding encoding, byte[] attachment, CongestionControl congestionControl, Priority priority,
        boolean express, boolean reliable) {
    public static final PutOptions DEFAULT = new PutOptions(null, null, CongestionControl.DROP, Priority.DATA, false, true);

    public PutOptions withEncoding(Encoding value) {
        return new PutOptions(value, attachment, congestionControl, priority, express, reliable);
    }

    public PutOptions withAttachment(byte[] value) {
        return new PutOptions(encoding, value, congestionControl, priority, express, reliable);
    }

    public PutOptions withCongestionControl(CongestionControl value) {
        return new PutOptions(encoding, attachment, value, priority, express, reliable);
    }

    public PutOptions withPriority(Priority value) {
        return new PutOptions(encoding, attachment, congestionControl, value, express, reliable);
    }

    public PutOptions withExpress(boolean value) {
        return new PutOptions(encoding, attachment, congestionControl, priority, value, reliable);
    }

    public PutOptions withReliable(boolean value) {
        return new PutOptions(encoding, attachment, congestionControl, priority, express, value);
    }
}
