package io.lockstep.swarm.sim;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Thousands of injected bad messages would flood the test log with drop warnings; the counts are asserted. */
final class QuietPeers {

    private static final Logger PEER_LOG = Logger.getLogger("io.lockstep.swarm.peer.SwarmPeer");

    private QuietPeers() {
    }

    static void apply() {
        PEER_LOG.setLevel(Level.SEVERE);
    }
}
