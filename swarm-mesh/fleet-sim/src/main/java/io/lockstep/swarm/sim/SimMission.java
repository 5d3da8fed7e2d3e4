package io.lockstep.swarm.sim;

import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.sim.World;
import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.cells.CellSize;
import io.lockstep.swarm.cells.GridDecomposition;
import io.lockstep.swarm.cells.PointE7;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A simulated survey mission: the area (WGS84, E7), the frame origin, the cell size, the tick period,
 * the vehicles' cruise speed and a tick limit; optionally a world (obstacles) instead of an open field
 * around the area.
 */
public record SimMission(String missionId, PointE7 origin, List<PointE7> area, double cellSizeM, int tickPeriodMs,
                         double speedMps, int maxTicks, Optional<World> world) {

    public SimMission {
        area = List.copyOf(area);
        if (!(cellSizeM >= 1 && cellSizeM <= 10_000)) {
            throw new IllegalArgumentException("cellSizeM must be 1..10000");
        }
        if (tickPeriodMs < 1 || tickPeriodMs > 10_000) {
            throw new IllegalArgumentException("tickPeriodMs must be 1..10000");
        }
        if (!(speedMps > 0 && speedMps <= 100)) {
            throw new IllegalArgumentException("speedMps must be in (0, 100]");
        }
        if (maxTicks < 1 || maxTicks > 10_000_000) {
            throw new IllegalArgumentException("maxTicks must be 1..10000000");
        }
    }

    /**
     * The built-in mission: an L-shaped 100 m x 60 m field near Zurich cut into 20 m cells, 200 ms ticks,
     * 8 m/s vehicles. Small on purpose: it is what CI runs hundreds of times.
     */
    public static SimMission small() {
        PointE7 origin = new PointE7(473_977_000, 85_456_000);
        LocalFrame frame = new LocalFrame(origin);
        double[][] metres = {{0, 0}, {100, 0}, {100, 30}, {60, 30}, {60, 60}, {0, 60}};
        List<PointE7> area = new ArrayList<>();
        for (double[] m : metres) {
            area.add(frame.toE7(new Vec2(m[0], m[1])));
        }
        return new SimMission("sim-survey", origin, area, 20, 200, 8, 3000, Optional.empty());
    }

    public SimMission withTickPeriodMs(int ms) {
        return new SimMission(missionId, origin, area, cellSizeM, ms, speedMps, maxTicks, world);
    }

    public SimMission withMaxTicks(int ticks) {
        return new SimMission(missionId, origin, area, cellSizeM, tickPeriodMs, speedMps, ticks, world);
    }

    public LocalFrame frame() {
        return new LocalFrame(origin);
    }

    public CellPlan plan() {
        return GridDecomposition.plan(missionId, 1, area, CellSize.ofMetres(cellSizeM, origin.latE7()));
    }

    public double tickSeconds() {
        return tickPeriodMs / 1000.0;
    }

    /** The given world, or an open field 30 m around the area with the base at its south-west corner. */
    public World resolveWorld() {
        if (world.isPresent()) {
            return world.get();
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (PointE7 p : area) {
            Vec2 v = frame().toLocal(p);
            minX = Math.min(minX, v.x());
            minY = Math.min(minY, v.y());
            maxX = Math.max(maxX, v.x());
            maxY = Math.max(maxY, v.y());
        }
        AxisAlignedRectangle bounds = new AxisAlignedRectangle(new Vec2(minX - 30, minY - 30),
                new Vec2(maxX + 30, maxY + 30));
        return new World("open-field", bounds, new Vec2(minX - 10, minY - 10), List.of(), List.of());
    }
}
