package io.lockstep.platform.geometry;

/**
 * A closed 2-D region in the local frame: obstacles and hazard zones are shapes.
 */
public sealed interface Shape permits Circle, AxisAlignedRectangle, Polygon {

    /** Whether {@code point} lies inside the region or on its boundary. */
    boolean contains(Vec2 point);

    /**
     * The distances along the ray {@code origin + t * direction} ({@code direction} of unit length, {@code t > 0})
     * at which the ray crosses the region's boundary, in increasing order.
     */
    double[] boundaryCrossings(Vec2 origin, Vec2 direction);

    /** The smallest axis-aligned rectangle that contains the region. */
    AxisAlignedRectangle boundingBox();

    /**
     * The distance along the ray to where it first enters the region: 0 when {@code origin} is inside,
     * {@code +Infinity} when the ray misses it.
     */
    default double distanceToEnter(Vec2 origin, Vec2 direction) {
        if (contains(origin)) {
            return 0.0;
        }
        double[] crossings = boundaryCrossings(origin, direction);
        return crossings.length == 0 ? Double.POSITIVE_INFINITY : crossings[0];
    }
}
