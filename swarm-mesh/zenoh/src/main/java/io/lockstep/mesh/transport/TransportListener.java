package io.lockstep.mesh.transport;

import io.lockstep.mesh.message.network.NetworkMessage;

/** Receives what a {@link PeerTransport} decodes, on its reader thread. */
public interface TransportListener {
    void onMessage(PeerTransport transport, NetworkMessage message);

    /** Called exactly once, whether we closed, the peer closed, or the link failed. */
    void onClosed(PeerTransport transport, String reason);
}
