package io.lockstep.platform.vehicle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.runtime.SensorFrame;
import org.junit.jupiter.api.Test;

class VehicleReadingsTest {

    @Test
    void becomesTheAbiSensorFrame() {
        double[] ranges = {1.5, Double.POSITIVE_INFINITY, 3.0, 0.0};
        VehicleReadings readings = new VehicleReadings(new Vec2(1, 2), new Vec2(-0.5, 0.25), 0.75, ranges);
        SensorFrame frame = SensorFrame.decode(readings.toSensorFrame(42, SensorFrame.FLAG_LINK_UP).encode());
        assertEquals(42, frame.tick());
        assertEquals(1.0, frame.xM());
        assertEquals(2.0, frame.yM());
        assertEquals(-0.5, frame.vxMps());
        assertEquals(0.25, frame.vyMps());
        assertEquals(0.75, frame.batteryFraction());
        assertEquals(SensorFrame.FLAG_LINK_UP, frame.flags());
        assertArrayEquals(ranges, frame.ranges());
    }

    @Test
    void beamAnglesFollowTheAbiConvention() {
        VehicleReadings readings = new VehicleReadings(Vec2.ZERO, Vec2.ZERO, 1, new double[4]);
        assertEquals(0.0, readings.beamAngle(0));
        assertEquals(Math.PI / 2, readings.beamAngle(1), 1e-15);
        assertEquals(3 * Math.PI / 2, readings.beamAngle(3), 1e-15);
    }

    @Test
    void isImmutable() {
        double[] ranges = {1, 2};
        VehicleReadings readings = new VehicleReadings(Vec2.ZERO, Vec2.ZERO, 1, ranges);
        ranges[0] = 99;
        readings.ranges()[1] = 99;
        assertArrayEquals(new double[] {1, 2}, readings.ranges());
    }

    @Test
    void rejectsImpossibleReadings() {
        assertThrows(IllegalArgumentException.class,
                () -> new VehicleReadings(new Vec2(Double.NaN, 0), Vec2.ZERO, 1, new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new VehicleReadings(Vec2.ZERO, new Vec2(0, Double.POSITIVE_INFINITY), 1, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new VehicleReadings(Vec2.ZERO, Vec2.ZERO, 1.5, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new VehicleReadings(Vec2.ZERO, Vec2.ZERO, 1, new double[] {-1}));
        assertThrows(IllegalArgumentException.class,
                () -> new VehicleReadings(Vec2.ZERO, Vec2.ZERO, 1, new double[] {Double.NaN}));
    }
}
