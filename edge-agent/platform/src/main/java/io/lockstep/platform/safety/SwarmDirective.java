package io.lockstep.platform.safety;

import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Vec2;
import java.util.List;
import java.util.Objects;

/**
 * What the swarm's right of way asks of the vehicle, one immutable value set by the node (docs/right-of-way.md):
 * nothing, hold short of the zones another node has ({@code keepOut}, local frame, already widened by the
 * vehicle's half safety distance), or back out of a zone at {@code retreatVelocity}.
 */
public record SwarmDirective(Kind kind, List<AxisAlignedRectangle> keepOut, Vec2 retreatVelocity, String reason) {

    public enum Kind { NONE, HOLD, RETREAT }

    public static final SwarmDirective NONE = new SwarmDirective(Kind.NONE, List.of(), Vec2.ZERO, "");

    public SwarmDirective {
        Objects.requireNonNull(kind, "kind");
        keepOut = List.copyOf(keepOut);
        Objects.requireNonNull(retreatVelocity, "retreatVelocity");
        Objects.requireNonNull(reason, "reason");
        if (!retreatVelocity.isFinite()) {
            throw new IllegalArgumentException("retreat velocity must be finite");
        }
    }

    public static SwarmDirective hold(List<AxisAlignedRectangle> keepOut, String reason) {
        return new SwarmDirective(Kind.HOLD, keepOut, Vec2.ZERO, reason);
    }

    public static SwarmDirective retreat(Vec2 velocity, String reason) {
        return new SwarmDirective(Kind.RETREAT, List.of(), velocity, reason);
    }
}
