package io.lockstep.platform.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutputQuantizerTest {

    private static final float STEP = (float) OutputQuantizer.STEP;

    @Test
    void roundsToTheNearestMultipleOfTwoToTheMinusSixteen() {
        assertEquals(3 * STEP, OutputQuantizer.quantize(3.3f * STEP));
        assertEquals(4 * STEP, OutputQuantizer.quantize(3.7f * STEP));
        assertEquals(-4 * STEP, OutputQuantizer.quantize(-3.7f * STEP));
        assertEquals(0.75f, OutputQuantizer.quantize(0.75f));
    }

    @Test
    void roundsHalfwayCasesToEven() {
        assertEquals(2 * STEP, OutputQuantizer.quantize(2.5f * STEP));
        assertEquals(4 * STEP, OutputQuantizer.quantize(3.5f * STEP));
        assertEquals(-2 * STEP, OutputQuantizer.quantize(-2.5f * STEP));
        assertEquals(-4 * STEP, OutputQuantizer.quantize(-3.5f * STEP));
        assertEquals(0.0f, OutputQuantizer.quantize(0.5f * STEP));
    }

    @Test
    void clampsToTheRangeAndMapsNanToZero() {
        assertEquals(256.0f, OutputQuantizer.quantize(1e9f));
        assertEquals(-256.0f, OutputQuantizer.quantize(Float.NEGATIVE_INFINITY));
        assertEquals(256.0f, OutputQuantizer.quantize(Float.POSITIVE_INFINITY));
        assertEquals(OutputQuantizer.NAN_VALUE, OutputQuantizer.quantize(Float.NaN));
        assertEquals(OutputQuantizer.NAN_VALUE, OutputQuantizer.quantize(Float.intBitsToFloat(0x7fc00123)));
    }

    @Test
    void everyResultIsOnTheGridAndQuantizingTwiceChangesNothing() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            float value = (float) ((random.nextDouble() - 0.5) * 600.0);
            float quantized = OutputQuantizer.quantize(value);
            double steps = quantized / OutputQuantizer.STEP;
            assertEquals(Math.rint(steps), steps, "off the grid: " + quantized);
            assertEquals(Float.floatToRawIntBits(quantized), Float.floatToRawIntBits(OutputQuantizer.quantize(quantized)));
            assertTrue(Math.abs(quantized) <= 256.0f, "outside the range: " + quantized);
            if (Math.abs(value) < 256.0f) {
                assertEquals(value, quantized, OutputQuantizer.STEP / 2);
            }
        }
    }

    @Test
    void zeroHasOneBitPattern() {
        assertEquals(0, Float.floatToRawIntBits(OutputQuantizer.quantize(-0.0f)));
        assertEquals(0, Float.floatToRawIntBits(OutputQuantizer.quantize(-0.4f * STEP)));
    }

    @Test
    void quantizesArrays() {
        assertArrayEquals(new float[] {0.0f, 1.0f, 256.0f}, OutputQuantizer.quantize(new float[] {Float.NaN, 1.0f, 300f}));
    }
}
