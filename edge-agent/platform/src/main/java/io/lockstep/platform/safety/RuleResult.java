package io.lockstep.platform.safety;

import io.lockstep.platform.geometry.Vec2;

/** What one supervisor rule made of a velocity command: the velocity to pass on and, if it acted, why. */
record RuleResult(Vec2 velocity, String detail) {

    static RuleResult unchanged(Vec2 velocity) {
        return new RuleResult(velocity, null);
    }

    static RuleResult changed(Vec2 velocity, String detail) {
        return new RuleResult(velocity, detail);
    }

    boolean acted() {
        return detail != null;
    }
}
