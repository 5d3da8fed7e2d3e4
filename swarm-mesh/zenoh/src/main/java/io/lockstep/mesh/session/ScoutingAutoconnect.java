package io.lockstep.mesh.session;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.scouting.Hello;
import io.lockstep.mesh.scouting.ScoutResponder;
import io.lockstep.mesh.scouting.Scouter;
import io.lockstep.mesh.transport.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Multicast scouting for a session: answers SCOUTs (peers only) and, every few seconds, scouts for peers or
 * routers and connects to the TCP locators they announce.
 */
final class ScoutingAutoconnect {
    private static final System.Logger LOG = System.getLogger(ScoutingAutoconnect.class.getName());
    private static final Duration ROUND = Duration.ofSeconds(1);
    private static final long PERIOD_MS = 5_000;
    private final SessionCore core;
    private final InetSocketAddress group;
    private final Set<String> dialed = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private ScoutResponder responder;

    ScoutingAutoconnect(SessionCore core) {
        this.core = core;
        this.group = Scouter.address(core.config().scoutingGroup());
        this.thread = new Thread(this::loop, "zenoh-scouting");
        thread.setDaemon(true);
    }

    void start() throws IOException {
        if (core.config().mode() == WhatAmI.PEER) {
            responder = ScoutResponder.multicast(group, WhatAmI.PEER, core.zid(),
                    () -> core.listenEndpoints().stream().map(Endpoint::toString).toList());
        }
        thread.start();
    }

    private void loop() {
        int wanted = core.config().mode() == WhatAmI.PEER ? WhatAmI.PEER.mask() | WhatAmI.ROUTER.mask() : WhatAmI.ROUTER.mask();
        while (!core.isClosed()) {
            try {
                for (Hello h : Scouter.scout(group, wanted, core.zid(), ROUND)) {
                    if (core.isConnectedTo(h.zid())) {
                        continue;
                    }
                    for (String locator : h.locators()) {
                        if (locator.startsWith("tcp/") && dialed.add(locator)) {
                            core.addConnector(Endpoint.parse(locator));
                            break;
                        }
                    }
                }
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "scouting round failed: {0}", e.getMessage());
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    void close() {
        thread.interrupt();
        if (responder != null) {
            responder.close();
        }
    }
}
