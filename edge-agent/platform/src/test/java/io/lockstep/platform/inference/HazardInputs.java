package io.lockstep.platform.inference;

import io.lockstep.platform.model.HazardNetwork;
import java.util.SplittableRandom;

/** Seeded feature vectors for the determinism tests: uniform ones plus many close to the decision boundary. */
final class HazardInputs {

    private HazardInputs() {
    }

    static float[][] generate(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] inputs = new float[count][HazardNetwork.INPUTS];
        for (int n = 0; n < count; n++) {
            boolean nearBoundary = n % 2 == 1;
            // Near the boundary: 5 or 6 sectors closed, the rest on the ramp between closed and open.
            int closed = nearBoundary ? 5 + random.nextInt(2) : 0;
            for (int i = 0; i < HazardNetwork.INPUTS; i++) {
                if (!nearBoundary) {
                    inputs[n][i] = (float) random.nextDouble();
                } else if (i < closed) {
                    inputs[n][i] = (float) (random.nextDouble() * 0.25);
                } else {
                    inputs[n][i] = (float) (0.25 + random.nextDouble() * 0.0625);
                }
            }
        }
        return inputs;
    }
}
