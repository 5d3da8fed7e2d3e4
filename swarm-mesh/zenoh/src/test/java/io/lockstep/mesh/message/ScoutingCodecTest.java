package io.lockstep.mesh.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.message.scouting.Hello;
import io.lockstep.mesh.message.scouting.Scout;
import io.lockstep.mesh.message.scouting.ScoutingCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoutingCodecTest {
    private static final ZenohId ZID = ZenohId.parse("a1b2c3");

    @Test
    void scoutWithAndWithoutId() {
        byte[] b = ScoutingCodec.encode(new Scout(9, WhatAmI.PEER.mask() | WhatAmI.ROUTER.mask(), ZID));
        assertEquals(new Scout(9, 3, ZID), ScoutingCodec.decode(b, b.length));
        byte[] anon = ScoutingCodec.encode(new Scout(9, 4, null));
        assertNull(((Scout) ScoutingCodec.decode(anon, anon.length)).zid());
    }

    @Test
    void helloWithLocators() {
        Hello h = new Hello(9, WhatAmI.PEER, ZID, List.of("tcp/127.0.0.1:7447", "tcp/[::1]:7447"));
        byte[] b = ScoutingCodec.encode(h);
        assertEquals(h, ScoutingCodec.decode(b, b.length));
        Hello none = new Hello(9, WhatAmI.ROUTER, ZID, List.of());
        byte[] nb = ScoutingCodec.encode(none);
        assertEquals(none, ScoutingCodec.decode(nb, nb.length));
    }

    @Test
    void garbageIsRefused() {
        assertThrows(MalformedMessageException.class, () -> ScoutingCodec.decode(new byte[] {0x05, 0x09}, 2));
        assertThrows(MalformedMessageException.class, () -> ScoutingCodec.decode(new byte[] {0x22, 0x09, 0x01, 0x01, 0x7f}, 5));
    }
}
