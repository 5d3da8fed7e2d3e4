package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SensorFrameTest {

    @Test
    void encodesTheAbiLayoutAndRoundTrips() {
        SensorFrame f = new SensorFrame(42, 1.5, -2.5, 0.1, 0.2, 0.75, 5, new double[] {3, Double.POSITIVE_INFINITY});
        byte[] bytes = f.encode();
        assertEquals(56 + 16, bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(42, b.getLong(0));
        assertEquals(1.5, b.getDouble(8));
        assertEquals(0.75, b.getDouble(40));
        assertEquals(5, b.getInt(48));
        assertEquals(2, b.getInt(52));
        assertEquals(Double.POSITIVE_INFINITY, b.getDouble(64));
        assertEquals(f, SensorFrame.decode(bytes));
    }

    @Test
    void malformedFramesAreRejectedWithTheReason() {
        IllegalArgumentException shortFrame = assertThrows(IllegalArgumentException.class,
                () -> SensorFrame.decode(new byte[10]));
        assertTrue(shortFrame.getMessage().contains("too short"));
        byte[] bytes = new SensorFrame(1, 0, 0, 0, 0, 1, 0, new double[] {1, 2}).encode();
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> SensorFrame.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertTrue(mismatch.getMessage().contains("does not match range_count"));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(52, -1);
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class, () -> SensorFrame.decode(bytes));
        assertTrue(huge.getMessage().contains("exceeds"));
    }
}
