package io.lockstep.mesh.session;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;

/** A node this session currently has a transport with. */
public record PeerInfo(ZenohId zid, WhatAmI whatAmI, String address) {
}
