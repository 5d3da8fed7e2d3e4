package io.lockstep.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * The sensor frame an agent reads with {@code sensor_read}, layout version 1 (docs/agent-abi.md):
 * little-endian, 56 fixed bytes followed by {@code range_count} f64 ranges.
 *
 * @param flags  bit 0 e-stop latched, bit 1 link to C2 up, bit 2 supervisor intervened last tick
 * @param ranges beam i points at 2πi/N counter-clockwise from east; +inf means nothing in range
 */
public record SensorFrame(long tick, double xM, double yM, double vxMps, double vyMps, double batteryFraction,
                          int flags, double[] ranges) {

    public static final int FIXED_BYTES = 56;
    /** More beams than any real sensor provides; bounds the decoder against hostile lengths. */
    public static final int MAX_RANGES = 65_536;
    public static final int FLAG_ESTOP_LATCHED = 1;
    public static final int FLAG_LINK_UP = 2;
    public static final int FLAG_SUPERVISOR_INTERVENED = 4;

    public SensorFrame {
        ranges = Objects.requireNonNull(ranges, "ranges").clone();
        if (ranges.length > MAX_RANGES) {
            throw new IllegalArgumentException("too many ranges: " + ranges.length);
        }
    }

    @Override
    public double[] ranges() {
        return ranges.clone();
    }

    /** The wire bytes of this frame. */
    public byte[] encode() {
        ByteBuffer buf = ByteBuffer.allocate(FIXED_BYTES + 8 * ranges.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(tick).putDouble(xM).putDouble(yM).putDouble(vxMps).putDouble(vyMps)
                .putDouble(batteryFraction).putInt(flags).putInt(ranges.length);
        for (double r : ranges) {
            buf.putDouble(r);
        }
        return buf.array();
    }

    /**
     * Parses wire bytes.
     *
     * @throws IllegalArgumentException when the bytes are shorter than the header, the range count does not
     *                                  match the length, or the count exceeds {@link #MAX_RANGES}
     */
    public static SensorFrame decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < FIXED_BYTES) {
            throw new IllegalArgumentException("sensor frame too short: " + bytes.length + " bytes, need " + FIXED_BYTES);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long tick = buf.getLong();
        double x = buf.getDouble();
        double y = buf.getDouble();
        double vx = buf.getDouble();
        double vy = buf.getDouble();
        double battery = buf.getDouble();
        int flags = buf.getInt();
        long count = Integer.toUnsignedLong(buf.getInt());
        if (count > MAX_RANGES) {
            throw new IllegalArgumentException("sensor frame range_count " + count + " exceeds " + MAX_RANGES);
        }
        if (bytes.length != FIXED_BYTES + 8 * count) {
            throw new IllegalArgumentException("sensor frame length " + bytes.length + " does not match range_count "
                    + count + " (expected " + (FIXED_BYTES + 8 * count) + ")");
        }
        double[] ranges = new double[(int) count];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = buf.getDouble();
        }
        return new SensorFrame(tick, x, y, vx, vy, battery, flags, ranges);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorFrame f && f.tick == tick && Double.compare(f.xM, xM) == 0
                && Double.compare(f.yM, yM) == 0 && Double.compare(f.vxMps, vxMps) == 0
                && Double.compare(f.vyMps, vyMps) == 0 && Double.compare(f.batteryFraction, batteryFraction) == 0
                && f.flags == flags && Arrays.equals(f.ranges, ranges);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tick, xM, yM, vxMps, vyMps, batteryFraction, flags, Arrays.hashCode(ranges));
    }

    @Override
    public String toString() {
        return "SensorFrame[tick=" + tick + ", x=" + xM + ", y=" + yM + ", vx=" + vxMps + ", vy=" + vyMps
                + ", battery=" + batteryFraction + ", flags=" + flags + ", ranges=" + ranges.length + "]";
    }
}
