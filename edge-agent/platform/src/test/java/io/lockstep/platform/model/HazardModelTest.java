package io.lockstep.platform.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.lockstep.platform.inference.Digests;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HazardModelTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static OrtSession session;

    @BeforeAll
    static void load() throws OrtException {
        session = ENV.createSession(HazardModel.bytes(), new OrtSession.SessionOptions());
    }

    @AfterAll
    static void close() throws OrtException {
        session.close();
    }

    private static float[] run(float[][] batch) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(ENV, batch);
                OrtSession.Result result = session.run(Map.of(HazardModelGenerator.INPUT_NAME, input))) {
            float[][] output = (float[][]) result.get(0).getValue();
            float[] scores = new float[output.length];
            for (int i = 0; i < output.length; i++) {
                scores[i] = output[i][0];
            }
            return scores;
        }
    }

    private static float[] sectors(float closed, int closedCount, float open) {
        float[] features = new float[8];
        Arrays.fill(features, open);
        Arrays.fill(features, 0, closedCount, closed);
        return features;
    }

    @Test
    void packagedModelIsExactlyWhatTheGeneratorProduces() {
        assertArrayEquals(HazardModelGenerator.encode(), HazardModel.bytes());
        assertArrayEquals(HazardModelGenerator.encode(), HazardModelGenerator.encode(), "deterministic encoding");
        assertEquals(Digests.sha256Hex(HazardModel.bytes()), HazardModel.sha256());
    }

    @Test
    void onnxRuntimeSeesTheDeclaredInterface() throws OrtException {
        NodeInfo input = session.getInputInfo().get(HazardModelGenerator.INPUT_NAME);
        NodeInfo output = session.getOutputInfo().get(HazardModelGenerator.OUTPUT_NAME);
        assertArrayEquals(new long[] {-1, 8}, ((TensorInfo) input.getInfo()).getShape());
        assertArrayEquals(new long[] {-1, 1}, ((TensorInfo) output.getInfo()).getShape());
    }

    @Test
    void scoresAreLowInOpenFieldAndHighInHazardFeatures() throws OrtException {
        float[] scores = run(new float[][] {
            sectors(0f, 0, 1.0f),              // open field: nothing within range
            sectors(0.05f, 3, 1.0f),           // beside one obstacle: three sectors closed
            sectors(0.05f, 4, 0.6f),           // along a wall: half the sectors closed
            sectors(5f / 30f, 8, 0f),          // inside smoke: every sector returns at 5 m
            sectors(0.1f, 7, 1.0f),            // hemmed in but for one sector
        });
        assertTrue(scores[0] < 0.001f, "open field " + scores[0]);
        assertTrue(scores[1] < 0.01f, "one obstacle " + scores[1]);
        assertTrue(scores[2] < 0.05f, "wall " + scores[2]);
        assertTrue(scores[3] > 0.99f, "smoke " + scores[3]);
        assertTrue(scores[4] > 0.9f, "hemmed in " + scores[4]);
    }

    @Test
    void matchesThePlainJavaReferenceOnRandomInputs() throws OrtException {
        SplittableRandom random = new SplittableRandom(11);
        float[][] batch = new float[512][8];
        for (float[] features : batch) {
            for (int i = 0; i < 8; i++) {
                features[i] = (float) random.nextDouble();
            }
        }
        float[] scores = run(batch);
        for (int n = 0; n < batch.length; n++) {
            assertEquals(HazardNetwork.score(batch[n]), scores[n], 1e-5, "input " + n);
        }
    }
}
