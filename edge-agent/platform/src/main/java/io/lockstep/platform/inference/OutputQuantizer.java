package io.lockstep.platform.inference;

/**
 * Puts model outputs on a fixed grid so that tiny numeric differences between runs, thread counts or
 * execution providers do not change what agents see: each value becomes the nearest multiple of 2^-16
 * (ties to even), clamped to [-256, 256]. Every such multiple is exactly representable as a float (at most
 * 24 significant bits), which is why the range stops at 2^8. NaN becomes 0; +/-Infinity clamp to +/-256;
 * negative zero becomes positive zero, so every grid value has a single bit pattern.
 */
public final class OutputQuantizer {

    /** Grid step: 2^-16. */
    public static final double STEP = 1.0 / 65536.0;
    /** Largest magnitude kept: 2^8. */
    public static final float LIMIT = 256.0f;
    /** What NaN outputs become. */
    public static final float NAN_VALUE = 0.0f;

    private static final double SCALE = 65536.0;

    private OutputQuantizer() {
    }

    public static float quantize(float value) {
        if (Float.isNaN(value)) {
            return NAN_VALUE;
        }
        double clamped = Math.max(-LIMIT, Math.min(LIMIT, (double) value));
        // Math.rint rounds half to even; the product and quotient are exact in double.
        double quantized = Math.rint(clamped * SCALE) / SCALE;
        // One bit pattern per grid value: tiny negatives round to -0.0, which would differ bitwise from 0.0.
        return quantized == 0.0 ? 0.0f : (float) quantized;
    }

    /** Quantizes every value into a new array. */
    public static float[] quantize(float[] values) {
        float[] quantized = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            quantized[i] = quantize(values[i]);
        }
        return quantized;
    }
}
