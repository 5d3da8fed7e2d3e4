package io.lockstep.mesh.message.scouting;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import java.util.List;

/** HELLO: {@code |Z|X|L|HELLO|} version, {@code |zid_len-1(4)|x|x|wai(2)|}, zid, locators if L. */
public record Hello(int version, WhatAmI whatAmI, ZenohId zid, List<String> locators) implements ScoutingMessage {
    public Hello {
        locators = List.copyOf(locators);
    }
}
