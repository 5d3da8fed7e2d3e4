package io.lockstep.mesh.session;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;

/**
 * A node this session currently has a transport with; {@code identity} is what its TLS certificate names (null
 * over plain TCP).
 */
public record PeerInfo(ZenohId zid, WhatAmI whatAmI, String address, String identity) {
}
