package io.lockstep.platform.geometry;

/** A disc of {@code radius} metres around {@code center}. */
public record Circle(Vec2 center, double radius) implements Shape {

    public Circle {
        if (!center.isFinite() || !Double.isFinite(radius) || radius <= 0.0) {
            throw new IllegalArgumentException("circle needs a finite centre and a radius > 0, got "
                    + center + " r=" + radius);
        }
    }

    @Override
    public boolean contains(Vec2 point) {
        return point.distanceTo(center) <= radius;
    }

    @Override
    public double[] boundaryCrossings(Vec2 origin, Vec2 direction) {
        // Solve |origin + t*direction - center|^2 = r^2 for t (direction has unit length).
        Vec2 offset = origin.minus(center);
        double b = offset.dot(direction);
        double c = offset.dot(offset) - radius * radius;
        double discriminant = b * b - c;
        if (discriminant < 0.0) {
            return new double[0];
        }
        double root = Math.sqrt(discriminant);
        double near = -b - root;
        double far = -b + root;
        if (near > 0.0) {
            return new double[] {near, far};
        }
        return far > 0.0 ? new double[] {far} : new double[0];
    }

    @Override
    public AxisAlignedRectangle boundingBox() {
        return new AxisAlignedRectangle(new Vec2(center.x() - radius, center.y() - radius),
                new Vec2(center.x() + radius, center.y() + radius));
    }
}
