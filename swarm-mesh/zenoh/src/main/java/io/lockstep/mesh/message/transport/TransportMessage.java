package io.lockstep.mesh.message.transport;

/** A transport-layer message: one per length-prefixed unit on a TCP link. */
public sealed interface TransportMessage permits Init, Open, Close, KeepAlive, Frame, Fragment {
}
