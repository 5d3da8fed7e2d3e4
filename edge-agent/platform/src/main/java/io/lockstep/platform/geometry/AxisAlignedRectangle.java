package io.lockstep.platform.geometry;

import java.util.List;

/** A rectangle with sides parallel to the axes, from corner {@code min} to corner {@code max}. */
public record AxisAlignedRectangle(Vec2 min, Vec2 max) implements Shape {

    public AxisAlignedRectangle {
        if (!min.isFinite() || !max.isFinite() || min.x() >= max.x() || min.y() >= max.y()) {
            throw new IllegalArgumentException("rectangle needs finite corners with min < max on both axes, got "
                    + min + " .. " + max);
        }
    }

    public double width() {
        return max.x() - min.x();
    }

    public double height() {
        return max.y() - min.y();
    }

    @Override
    public boolean contains(Vec2 point) {
        return point.x() >= min.x() && point.x() <= max.x() && point.y() >= min.y() && point.y() <= max.y();
    }

    /** Whether {@code other} lies entirely inside this rectangle. */
    public boolean encloses(AxisAlignedRectangle other) {
        return contains(other.min) && contains(other.max);
    }

    @Override
    public double[] boundaryCrossings(Vec2 origin, Vec2 direction) {
        return toPolygon().boundaryCrossings(origin, direction);
    }

    @Override
    public AxisAlignedRectangle boundingBox() {
        return this;
    }

    /** The same rectangle as a counter-clockwise polygon. */
    public Polygon toPolygon() {
        return new Polygon(List.of(min, new Vec2(max.x(), min.y()), max, new Vec2(min.x(), max.y())));
    }
}
