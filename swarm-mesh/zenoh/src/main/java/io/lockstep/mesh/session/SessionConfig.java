package io.lockstep.mesh.session;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.transport.Endpoint;
import java.util.List;

/**
 * Everything a session needs to start.
 *
 * @param reconnectInitialMillis first retry delay of a connect endpoint; doubled after each failure
 * @param reconnectMaxMillis the delay stops growing here
 * @param multicastScouting answer and send SCOUT on {@code scoutingGroup} (host:port) and connect to what is found
 */
public record SessionConfig(ZenohId zid, WhatAmI mode, List<Endpoint> listen, List<Endpoint> connect,
        long leaseMillis, int batchSize, int maxMessageSize, int queueCapacity, long reconnectInitialMillis,
        long reconnectMaxMillis, boolean multicastScouting, String scoutingGroup) {
    public SessionConfig {
        listen = List.copyOf(listen);
        connect = List.copyOf(connect);
        if (mode == WhatAmI.ROUTER) {
            throw new IllegalArgumentException("router mode is not supported: use peer or client");
        }
        if (mode == WhatAmI.CLIENT && connect.isEmpty() && !multicastScouting) {
            throw new IllegalArgumentException("client mode needs a connect endpoint (or scouting) to find a router");
        }
    }
}
