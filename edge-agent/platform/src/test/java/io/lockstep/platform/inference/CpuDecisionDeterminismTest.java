package io.lockstep.platform.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.model.HazardModel;
import io.lockstep.platform.model.HazardNetwork;
import io.lockstep.runtime.InferenceException;
import org.junit.jupiter.api.Test;

/**
 * Hazard decisions (score above the threshold) from quantized outputs must not depend on the session: several
 * independent services, each with its own session, on many inputs, compared bit for bit.
 */
class CpuDecisionDeterminismTest {

    private static final int INPUTS = 4000;
    private static final int SESSIONS = 4;

    @Test
    void quantizedOutputsAndDecisionsAreIdenticalAcrossSessionsAndRuns() throws InferenceException {
        float[][] inputs = HazardInputs.generate(20260521L, INPUTS);
        int[][] outputBits = new int[SESSIONS][];
        boolean[][] decisions = new boolean[SESSIONS][];
        for (int s = 0; s < SESSIONS; s++) {
            ModelRegistry registry = new ModelRegistry();
            registry.bind(HazardModel.NAME, registry.add(HazardModel.bytes()));
            try (OnnxInferenceService service = new OnnxInferenceService(registry, InferenceSettings.cpu())) {
                outputBits[s] = new int[INPUTS];
                decisions[s] = new boolean[INPUTS];
                for (int n = 0; n < INPUTS; n++) {
                    float score = service.infer(HazardModel.NAME, inputs[n])[0];
                    outputBits[s][n] = Float.floatToRawIntBits(score);
                    decisions[s][n] = score > HazardModel.DEFAULT_THRESHOLD;
                }
                // The same session asked again gives the same bits too.
                for (int n = 0; n < INPUTS; n += 97) {
                    assertEquals(outputBits[s][n], Float.floatToRawIntBits(service.infer(HazardModel.NAME, inputs[n])[0]));
                }
            }
        }
        for (int s = 1; s < SESSIONS; s++) {
            assertArrayEquals(outputBits[0], outputBits[s], "session " + s + " quantized outputs differ");
            assertArrayEquals(decisions[0], decisions[s], "session " + s + " decisions differ");
        }
        int hazards = 0;
        for (int n = 0; n < INPUTS; n++) {
            float score = Float.intBitsToFloat(outputBits[0][n]);
            assertEquals(HazardNetwork.score(inputs[n]), score, 1e-4, "input " + n + " vs the Java reference");
            hazards += decisions[0][n] ? 1 : 0;
        }
        assertTrue(hazards > INPUTS / 10 && hazards < INPUTS * 9 / 10,
                "the inputs exercise both decisions, got " + hazards + " hazards");
    }
}
