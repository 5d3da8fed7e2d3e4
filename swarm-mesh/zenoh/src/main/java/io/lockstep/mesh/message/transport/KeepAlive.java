package io.lockstep.mesh.message.transport;

/** KEEP_ALIVE: a bare header, sent when nothing else was sent for a while so the peer's lease does not expire. */
public record KeepAlive() implements TransportMessage {
}
