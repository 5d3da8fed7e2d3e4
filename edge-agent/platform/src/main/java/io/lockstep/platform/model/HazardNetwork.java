package io.lockstep.platform.model;

/**
 * The example hazard model's architecture and fixed weights: 8 inputs -> dense 16 -> relu -> dense 1 ->
 * sigmoid.
 *
 * <p>Input {@code j} is how open sector {@code j} is (see {@link HazardFeatures}): 0 = something at the
 * sensor, 1 = nothing within 30 m. Hidden units {@code j} and {@code j + 8} form a saturating ramp
 * {@code s_j = relu(16 * (0.3125 - f_j)) - relu(16 * (0.25 - f_j))}: 1 when sector {@code j} is closed within
 * 7.5 m, 0 when it is open beyond 9.375 m. The output is {@code sigmoid(2.5 * (sum_j s_j - 5.5))}: high when at
 * least six of the eight sectors are closed in, which is what the obscurant of a hazard zone does to the range
 * sensor, and low in open field or next to a single obstacle or wall (at most about half the sectors closed).
 */
public final class HazardNetwork {

    public static final int INPUTS = 8;
    public static final int HIDDEN = 16;

    /** Sector "closed" ramp: fully closed at or below this normalised range. */
    static final float CLOSED_BELOW = 0.25f;
    /** Sector "closed" ramp: fully open at or above this normalised range. */
    static final float OPEN_ABOVE = 0.3125f;
    /** How many closed sectors make the score 0.5. */
    static final float CLOSED_SECTORS_AT_HALF = 5.5f;
    /** Steepness of the sigmoid per closed sector. */
    static final float SLOPE = 2.5f;

    private HazardNetwork() {
    }

    /** First dense layer weights, row-major {@code [INPUTS][HIDDEN]} (MatMul: features x W1). */
    public static float[] hiddenWeights() {
        float rampGain = 1.0f / (OPEN_ABOVE - CLOSED_BELOW);
        float[] weights = new float[INPUTS * HIDDEN];
        for (int sector = 0; sector < INPUTS; sector++) {
            weights[sector * HIDDEN + sector] = -rampGain;
            weights[sector * HIDDEN + INPUTS + sector] = -rampGain;
        }
        return weights;
    }

    public static float[] hiddenBias() {
        float rampGain = 1.0f / (OPEN_ABOVE - CLOSED_BELOW);
        float[] bias = new float[HIDDEN];
        for (int sector = 0; sector < INPUTS; sector++) {
            bias[sector] = rampGain * OPEN_ABOVE;
            bias[INPUTS + sector] = rampGain * CLOSED_BELOW;
        }
        return bias;
    }

    /** Second dense layer weights {@code [HIDDEN][1]}. */
    public static float[] outputWeights() {
        float[] weights = new float[HIDDEN];
        for (int sector = 0; sector < INPUTS; sector++) {
            weights[sector] = SLOPE;
            weights[INPUTS + sector] = -SLOPE;
        }
        return weights;
    }

    public static float[] outputBias() {
        return new float[] {-SLOPE * CLOSED_SECTORS_AT_HALF};
    }

    /** The network evaluated in plain Java (double precision): the reference the ONNX model is tested against. */
    public static double score(float[] features) {
        if (features.length != INPUTS) {
            throw new IllegalArgumentException("hazard network takes " + INPUTS + " features, got " + features.length);
        }
        float[] w1 = hiddenWeights();
        float[] b1 = hiddenBias();
        float[] w2 = outputWeights();
        double logit = outputBias()[0];
        for (int h = 0; h < HIDDEN; h++) {
            double activation = b1[h];
            for (int i = 0; i < INPUTS; i++) {
                activation += (double) features[i] * w1[i * HIDDEN + h];
            }
            logit += Math.max(0.0, activation) * w2[h];
        }
        return 1.0 / (1.0 + Math.exp(-logit));
    }
}
