package io.lockstep.mesh.message.scouting;

import io.lockstep.mesh.message.ZenohId;

/**
 * SCOUT: {@code |Z|X|X|SCOUT|} version, {@code |zid_len-1(4)|I|what(3)|}, zid if I. {@code what} is a bit set of
 * {@link io.lockstep.mesh.message.WhatAmI#mask()} values being looked for.
 */
public record Scout(int version, int what, ZenohId zid) implements ScoutingMessage {
}
