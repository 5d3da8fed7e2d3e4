package io.lockstep.mesh.transport;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;

/**
 * Whether a peer may open a session, decided as soon as its INIT is read: before the listener sends its INIT ack
 * (so it never sends an OPEN ack) and before the connecting side sends its OPEN syn. The peer's certified identity,
 * if any, is already known then ({@link TcpLink#peerIdentity()}): the TLS handshake precedes the Zenoh one.
 */
@FunctionalInterface
public interface PeerAdmission {

    /** Admits every peer (tests of the handshake alone). */
    PeerAdmission ANY = (link, zid, whatAmI) -> null;

    /** Null to admit the peer; otherwise why it is refused. */
    Refusal refusal(TcpLink link, ZenohId peerZid, WhatAmI peerWhatAmI);

    /** Why a peer was refused, and the CLOSE reason code it is told. */
    record Refusal(int closeReason, String why) {
    }
}
