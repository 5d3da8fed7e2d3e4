package io.lockstep.mesh.transport;

import java.io.IOException;

/** The INIT/OPEN exchange failed: wrong message, wrong version, or the peer closed. */
public final class HandshakeException extends IOException {
    public HandshakeException(String message) {
        super(message);
    }
}
