package io.lockstep.platform.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CircleAndRectangleTest {

    @Test
    void circleCrossingsFromOutsideAndInside() {
        Circle circle = new Circle(new Vec2(10, 0), 2);
        assertArrayEquals(new double[] {8, 12}, circle.boundaryCrossings(Vec2.ZERO, new Vec2(1, 0)), 1e-12);
        assertArrayEquals(new double[] {2}, circle.boundaryCrossings(new Vec2(10, 0), new Vec2(1, 0)), 1e-12);
        assertEquals(0, circle.boundaryCrossings(Vec2.ZERO, new Vec2(0, 1)).length);
        assertEquals(0.0, circle.distanceToEnter(new Vec2(11, 0), new Vec2(1, 0)));
        assertEquals(Double.POSITIVE_INFINITY, circle.distanceToEnter(Vec2.ZERO, new Vec2(-1, 0)));
    }

    @Test
    void rectangleCrossingsAndBoundingBox() {
        AxisAlignedRectangle rectangle = new AxisAlignedRectangle(new Vec2(2, -1), new Vec2(4, 1));
        assertArrayEquals(new double[] {2, 4}, rectangle.boundaryCrossings(Vec2.ZERO, new Vec2(1, 0)), 1e-12);
        assertEquals(rectangle, rectangle.boundingBox());
        assertEquals(new AxisAlignedRectangle(new Vec2(8, -2), new Vec2(12, 2)),
                new Circle(new Vec2(10, 0), 2).boundingBox());
    }

    @Test
    void rejectsDegenerateShapes() {
        assertThrows(IllegalArgumentException.class, () -> new Circle(Vec2.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> new Circle(Vec2.ZERO, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new AxisAlignedRectangle(new Vec2(1, 0), new Vec2(1, 5)));
    }
}
