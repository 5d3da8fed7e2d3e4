package io.lockstep.swarm.sim;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.swarm.cells.PointE7;

/**
 * The mission's local east/north frame in metres around an origin, equirectangular with the mean Earth
 * radius (docs/wire-contracts.md, "Coordinates"). {@link StrictMath} keeps it bit-identical across JVMs.
 */
public record LocalFrame(PointE7 origin) {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private double cosLat0() {
        return StrictMath.cos(StrictMath.toRadians(origin.latE7() / 1e7));
    }

    public Vec2 toLocal(PointE7 p) {
        double x = EARTH_RADIUS_M * StrictMath.toRadians((p.lonE7() - (long) origin.lonE7()) / 1e7) * cosLat0();
        double y = EARTH_RADIUS_M * StrictMath.toRadians((p.latE7() - (long) origin.latE7()) / 1e7);
        return new Vec2(x, y);
    }

    public PointE7 toE7(Vec2 local) {
        double lat = origin.latE7() / 1e7 + StrictMath.toDegrees(local.y() / EARTH_RADIUS_M);
        double lon = origin.lonE7() / 1e7 + StrictMath.toDegrees(local.x() / (EARTH_RADIUS_M * cosLat0()));
        return new PointE7((int) StrictMath.round(lat * 1e7), (int) StrictMath.round(lon * 1e7));
    }
}
