package io.lockstep.mesh.scouting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.scouting.Hello;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SCOUT/HELLO over unicast loopback UDP: the same path as multicast scouting, without sending multicast. */
class ScoutingTest {

    @Test
    void scoutFindsAResponderAndItsLocators() throws Exception {
        ZenohId responderId = ZenohId.random();
        try (ScoutResponder responder = ScoutResponder.unicast(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                WhatAmI.PEER, responderId, () -> List.of("tcp/127.0.0.1:7447"))) {
            List<Hello> found = Scouter.scout(responder.localAddress(), WhatAmI.PEER.mask(), ZenohId.random(),
                    Duration.ofMillis(500));
            assertEquals(1, found.size());
            assertEquals(responderId, found.get(0).zid());
            assertEquals(WhatAmI.PEER, found.get(0).whatAmI());
            assertEquals(List.of("tcp/127.0.0.1:7447"), found.get(0).locators());
        }
    }

    @Test
    void responderIgnoresScoutsForOtherRolesAndGarbage() throws Exception {
        try (ScoutResponder responder = ScoutResponder.unicast(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                WhatAmI.PEER, ZenohId.random(), List::of)) {
            try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
                byte[] junk = {0x7f, 0x00};
                s.send(new java.net.DatagramPacket(junk, junk.length, responder.localAddress()));
            }
            assertTrue(Scouter.scout(responder.localAddress(), WhatAmI.ROUTER.mask(), ZenohId.random(),
                    Duration.ofMillis(300)).isEmpty());
            assertEquals(1, Scouter.scout(responder.localAddress(), WhatAmI.PEER.mask(), ZenohId.random(),
                    Duration.ofMillis(500)).size(), "still answering after garbage");
        }
    }
}
