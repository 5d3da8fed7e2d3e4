package io.lockstep.platform.geometry;

import java.util.Arrays;
import java.util.List;

/**
 * A simple polygon (no holes, no self-intersections), vertices in order, implicitly closed.
 * Used for polygonal obstacles and hazard zones and for the mission geofence.
 */
public final class Polygon implements Shape {

    /** Upper bound on vertices; keeps the quadratic simplicity check cheap on hostile input. */
    public static final int MAX_VERTICES = 1024;

    private static final double EPSILON = 1e-9;

    private final List<Vec2> vertices;

    /**
     * @throws IllegalArgumentException when there are fewer than 3 or more than {@link #MAX_VERTICES} vertices,
     *         a vertex is not finite, the area is zero, or two edges cross
     */
    public Polygon(List<Vec2> vertices) {
        if (vertices.size() < 3 || vertices.size() > MAX_VERTICES) {
            throw new IllegalArgumentException("polygon needs 3.." + MAX_VERTICES + " vertices, got "
                    + vertices.size());
        }
        for (int i = 0; i < vertices.size(); i++) {
            if (!vertices.get(i).isFinite()) {
                throw new IllegalArgumentException("polygon vertex " + i + " is not finite: " + vertices.get(i));
            }
        }
        this.vertices = List.copyOf(vertices);
        checkSimple();
        if (Math.abs(signedArea()) < EPSILON) {
            throw new IllegalArgumentException("polygon has zero area");
        }
    }

    public List<Vec2> vertices() {
        return vertices;
    }

    /** Positive when the vertices run counter-clockwise. */
    public double signedArea() {
        double twiceArea = 0.0;
        for (int i = 0; i < vertices.size(); i++) {
            twiceArea += vertices.get(i).cross(vertices.get((i + 1) % vertices.size()));
        }
        return twiceArea / 2.0;
    }

    @Override
    public boolean contains(Vec2 point) {
        boolean inside = false;
        int n = vertices.size();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            Vec2 a = vertices.get(i);
            Vec2 b = vertices.get(j);
            if (distanceToSegment(point, a, b) <= EPSILON) {
                return true;
            }
            if ((a.y() > point.y()) != (b.y() > point.y())) {
                double crossingX = a.x() + (point.y() - a.y()) * (b.x() - a.x()) / (b.y() - a.y());
                if (point.x() < crossingX) {
                    inside = !inside;
                }
            }
        }
        return inside;
    }

    @Override
    public double[] boundaryCrossings(Vec2 origin, Vec2 direction) {
        double[] hits = new double[vertices.size()];
        int count = 0;
        for (int i = 0; i < vertices.size(); i++) {
            double t = rayHitsSegment(origin, direction, vertices.get(i), vertices.get((i + 1) % vertices.size()));
            if (t > 0.0) {
                hits[count++] = t;
            }
        }
        double[] sorted = Arrays.copyOf(hits, count);
        Arrays.sort(sorted);
        // A ray through a vertex hits both edges that meet there at the same distance: keep one.
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (distinct == 0 || sorted[i] - sorted[distinct - 1] > EPSILON) {
                sorted[distinct++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }

    @Override
    public AxisAlignedRectangle boundingBox() {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Vec2 v : vertices) {
            minX = Math.min(minX, v.x());
            minY = Math.min(minY, v.y());
            maxX = Math.max(maxX, v.x());
            maxY = Math.max(maxY, v.y());
        }
        return new AxisAlignedRectangle(new Vec2(minX, minY), new Vec2(maxX, maxY));
    }

    /**
     * How far along the straight move {@code from -> to} one can go before leaving the polygon, as a fraction
     * in [0, 1]: 1 when the whole move stays inside. {@code from} is expected to be inside.
     */
    public double fractionInsideAlong(Vec2 from, Vec2 to) {
        Vec2 move = to.minus(from);
        double length = move.length();
        if (length == 0.0) {
            return 1.0;
        }
        Vec2 direction = move.times(1.0 / length);
        double[] crossings = boundaryCrossings(from, direction);
        for (int i = 0; i < crossings.length && crossings[i] < length; i++) {
            double next = i + 1 < crossings.length ? Math.min(crossings[i + 1], length) : length;
            if (!contains(from.plus(direction.times((crossings[i] + next) / 2.0)))) {
                return crossings[i] / length;
            }
        }
        // No exit before the end: either the move stays inside, or it starts on the boundary heading out.
        return contains(to) ? 1.0 : 0.0;
    }

    /** The point on the polygon's boundary closest to {@code point}. */
    public Vec2 nearestBoundaryPoint(Vec2 point) {
        Vec2 best = vertices.get(0);
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < vertices.size(); i++) {
            Vec2 candidate = closestOnSegment(point, vertices.get(i), vertices.get((i + 1) % vertices.size()));
            double distance = candidate.distanceTo(point);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best;
    }

    private void checkSimple() {
        int n = vertices.size();
        for (int i = 0; i < n; i++) {
            Vec2 a1 = vertices.get(i);
            Vec2 a2 = vertices.get((i + 1) % n);
            for (int j = i + 1; j < n; j++) {
                boolean adjacent = j == i + 1 || (i == 0 && j == n - 1);
                if (adjacent) {
                    continue;
                }
                if (segmentsTouch(a1, a2, vertices.get(j), vertices.get((j + 1) % n))) {
                    throw new IllegalArgumentException("polygon edges " + i + " and " + j + " cross");
                }
            }
        }
    }

    /** Distance along the ray to segment a-b, or -1 when it misses. */
    private static double rayHitsSegment(Vec2 origin, Vec2 direction, Vec2 a, Vec2 b) {
        Vec2 edge = b.minus(a);
        double denominator = direction.cross(edge);
        if (Math.abs(denominator) < EPSILON) {
            return -1.0;
        }
        Vec2 toA = a.minus(origin);
        double t = toA.cross(edge) / denominator;
        double u = toA.cross(direction) / denominator;
        if (u < -EPSILON || u > 1.0 + EPSILON) {
            return -1.0;
        }
        return t;
    }

    private static boolean segmentsTouch(Vec2 p1, Vec2 p2, Vec2 q1, Vec2 q2) {
        double d1 = q2.minus(q1).cross(p1.minus(q1));
        double d2 = q2.minus(q1).cross(p2.minus(q1));
        double d3 = p2.minus(p1).cross(q1.minus(p1));
        double d4 = p2.minus(p1).cross(q2.minus(p1));
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
            return true;
        }
        return distanceToSegment(p1, q1, q2) <= EPSILON || distanceToSegment(p2, q1, q2) <= EPSILON
                || distanceToSegment(q1, p1, p2) <= EPSILON || distanceToSegment(q2, p1, p2) <= EPSILON;
    }

    private static double distanceToSegment(Vec2 point, Vec2 a, Vec2 b) {
        return closestOnSegment(point, a, b).distanceTo(point);
    }

    private static Vec2 closestOnSegment(Vec2 point, Vec2 a, Vec2 b) {
        Vec2 edge = b.minus(a);
        double lengthSquared = edge.dot(edge);
        if (lengthSquared == 0.0) {
            return a;
        }
        double t = Math.max(0.0, Math.min(1.0, point.minus(a).dot(edge) / lengthSquared));
        return a.plus(edge.times(t));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Polygon polygon && polygon.vertices.equals(vertices);
    }

    @Override
    public int hashCode() {
        return vertices.hashCode();
    }

    @Override
    public String toString() {
        return "Polygon" + vertices;
    }
}
