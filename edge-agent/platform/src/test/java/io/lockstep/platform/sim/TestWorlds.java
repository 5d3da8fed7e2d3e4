package io.lockstep.platform.sim;

import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Circle;
import io.lockstep.platform.geometry.Vec2;
import java.util.List;

/** Small hand-built worlds for the simulator and supervisor tests. */
public final class TestWorlds {

    private TestWorlds() {
    }

    /** 100 x 100 m, base at (50, 50), nothing else. */
    public static World empty() {
        return new World("empty", new AxisAlignedRectangle(Vec2.ZERO, new Vec2(100, 100)), new Vec2(50, 50),
                List.of(), List.of());
    }

    /** 100 x 100 m, base at (10, 50), a pillar of radius 2 centred at (60, 50). */
    public static World withPillar() {
        return new World("pillar", new AxisAlignedRectangle(Vec2.ZERO, new Vec2(100, 100)), new Vec2(10, 50),
                List.of(new Obstacle("pillar", new Circle(new Vec2(60, 50), 2))), List.of());
    }

    /** 100 x 100 m, base at (10, 10), a smoke zone of radius 15 (visibility 5 m) centred at (50, 50). */
    public static World withSmoke() {
        return new World("smoke", new AxisAlignedRectangle(Vec2.ZERO, new Vec2(100, 100)), new Vec2(10, 10),
                List.of(), List.of(new HazardZone("smoke", new Circle(new Vec2(50, 50), 15), 5.0)));
    }
}
