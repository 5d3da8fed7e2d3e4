package io.lockstep.swarm.sim.rightofway;

import io.lockstep.platform.geometry.Vec2;

/** A zone vehicles claim before entering (a one-lane corridor, an intersection): an axis-aligned rectangle. */
record ConflictZone(int id, double minX, double minY, double maxX, double maxY) {

    /** True when a disc of radius {@code r} around {@code p} overlaps the rectangle. */
    boolean overlapsDisc(Vec2 p, double r) {
        double dx = Math.max(Math.max(minX - p.x(), 0.0), p.x() - maxX);
        double dy = Math.max(Math.max(minY - p.y(), 0.0), p.y() - maxY);
        return dx * dx + dy * dy < r * r;
    }
}
