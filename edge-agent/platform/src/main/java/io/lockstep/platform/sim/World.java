package io.lockstep.platform.sim;

import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Vec2;
import java.util.List;

/**
 * The simulated field: its outer bounds (walls for the range sensor and the vehicle), solid obstacles,
 * hazard zones and the base the vehicles start from and return to. Build one with {@link WorldFile}.
 */
public record World(String name, AxisAlignedRectangle bounds, Vec2 base, List<Obstacle> obstacles,
        List<HazardZone> hazardZones) {

    public World {
        obstacles = List.copyOf(obstacles);
        hazardZones = List.copyOf(hazardZones);
    }

    /** Whether a vehicle may stand at {@code point}: inside the bounds and outside every obstacle. */
    public boolean isFree(Vec2 point) {
        return bounds.contains(point) && obstacles.stream().noneMatch(o -> o.shape().contains(point));
    }

    /** The hazard zones that contain {@code point}. */
    public List<HazardZone> hazardZonesAt(Vec2 point) {
        return hazardZones.stream().filter(zone -> zone.shape().contains(point)).toList();
    }
}
