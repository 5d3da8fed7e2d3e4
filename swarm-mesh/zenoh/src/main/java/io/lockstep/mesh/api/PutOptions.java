package io.lockstep.mesh.api;

import io.lockstep.mesh.message.payload.Encoding;
import io.lockstep.mesh.transport.CongestionControl;

/**
 * Options of a put, a delete or a publisher. Defaults: DROP, priority DATA, reliable, no encoding/attachment,
 * delivered to local subscribers and peers ({@link Locality#ANY}).
 */
public record PutOptions(Encoding encoding, byte[] attachment, CongestionControl congestionControl, Priority priority,
        boolean express, boolean reliable, Locality allowedDestination) {
    public static final PutOptions DEFAULT = new PutOptions(null, null, CongestionControl.DROP, Priority.DATA, false, true,
            Locality.ANY);

    public PutOptions {
        java.util.Objects.requireNonNull(allowedDestination, "allowedDestination");
    }

    public PutOptions withEncoding(Encoding value) {
        return new PutOptions(value, attachment, congestionControl, priority, express, reliable, allowedDestination);
    }

    public PutOptions withAttachment(byte[] value) {
        return new PutOptions(encoding, value, congestionControl, priority, express, reliable, allowedDestination);
    }

    public PutOptions withCongestionControl(CongestionControl value) {
        return new PutOptions(encoding, attachment, value, priority, express, reliable, allowedDestination);
    }

    public PutOptions withPriority(Priority value) {
        return new PutOptions(encoding, attachment, congestionControl, value, express, reliable, allowedDestination);
    }

    public PutOptions withExpress(boolean value) {
        return new PutOptions(encoding, attachment, congestionControl, priority, value, reliable, allowedDestination);
    }

    public PutOptions withReliable(boolean value) {
        return new PutOptions(encoding, attachment, congestionControl, priority, express, value, allowedDestination);
    }

    /** Where the put may go: {@link Locality#REMOTE} skips this session's own subscribers. */
    public PutOptions withAllowedDestination(Locality value) {
        return new PutOptions(encoding, attachment, congestionControl, priority, express, reliable, value);
    }
}
