package io.lockstep.platform.geometry;

/**
 * An immutable 2-D vector in the local metric frame (x east, y north, metres or metres per second).
 */
public record Vec2(double x, double y) {

    public static final Vec2 ZERO = new Vec2(0.0, 0.0);

    /** The unit vector at {@code radians} counter-clockwise from east. */
    public static Vec2 unitAt(double radians) {
        return new Vec2(Math.cos(radians), Math.sin(radians));
    }

    public Vec2 plus(Vec2 other) {
        return new Vec2(x + other.x, y + other.y);
    }

    public Vec2 minus(Vec2 other) {
        return new Vec2(x - other.x, y - other.y);
    }

    public Vec2 times(double factor) {
        return new Vec2(x * factor, y * factor);
    }

    public double dot(Vec2 other) {
        return x * other.x + y * other.y;
    }

    /** The z component of the 3-D cross product: positive when {@code other} is counter-clockwise of this. */
    public double cross(Vec2 other) {
        return x * other.y - y * other.x;
    }

    public double length() {
        return Math.hypot(x, y);
    }

    public double distanceTo(Vec2 other) {
        return Math.hypot(x - other.x, y - other.y);
    }

    /** This vector scaled to length 1, or {@link #ZERO} when it has no length. */
    public Vec2 normalized() {
        double length = length();
        return length == 0.0 ? ZERO : new Vec2(x / length, y / length);
    }

    /** This vector shortened to at most {@code maxLength}, direction kept. */
    public Vec2 limitedTo(double maxLength) {
        double length = length();
        return length <= maxLength ? this : times(maxLength / length);
    }

    public boolean isFinite() {
        return Double.isFinite(x) && Double.isFinite(y);
    }
}
