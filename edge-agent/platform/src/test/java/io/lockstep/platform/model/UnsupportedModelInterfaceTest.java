package io.lockstep.platform.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.inference.InferenceSettings;
import io.lockstep.platform.inference.ModelRegistry;
import io.lockstep.platform.inference.OnnxInferenceService;
import io.lockstep.runtime.InferenceException;
import org.junit.jupiter.api.Test;

/** Well-formed ONNX models whose interface the inference service cannot serve are refused with a clear error. */
class UnsupportedModelInterfaceTest {

    /** ValueInfoProto of a float tensor with fixed dims. */
    private static ProtoMessage floatValue(String name, long... dims) {
        ProtoMessage shape = new ProtoMessage();
        for (long dim : dims) {
            shape.message(1, new ProtoMessage().int64(1, dim));
        }
        ProtoMessage tensorType = new ProtoMessage().int32(1, OnnxModelEncoder.FLOAT).message(2, shape);
        return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(1, tensorType));
    }

    private static String refusal(byte[] model) {
        ModelRegistry registry = new ModelRegistry();
        registry.bind("odd", registry.add(model));
        try (OnnxInferenceService service = new OnnxInferenceService(registry, InferenceSettings.cpu())) {
            return assertThrows(InferenceException.class, () -> service.infer("odd", new float[8])).getMessage();
        }
    }

    @Test
    void refusesModelsWithTwoInputs() {
        ProtoMessage graph = OnnxModelEncoder.graph("two-inputs",
                new ProtoMessage[] {OnnxModelEncoder.node("add", "Add", new String[] {"a", "b"}, "sum")},
                new ProtoMessage[0],
                new ProtoMessage[] {floatValue("a", 1, 8), floatValue("b", 1, 8)},
                new ProtoMessage[] {floatValue("sum", 1, 8)});
        String message = refusal(OnnxModelEncoder.model("test", "1", graph));
        assertTrue(message.contains("exactly one input"), message);
    }

    @Test
    void refusesRankThreeInputs() {
        ProtoMessage graph = OnnxModelEncoder.graph("rank-three",
                new ProtoMessage[] {OnnxModelEncoder.node("copy", "Identity", new String[] {"x"}, "y")},
                new ProtoMessage[0],
                new ProtoMessage[] {floatValue("x", 1, 2, 4)},
                new ProtoMessage[] {floatValue("y", 1, 2, 4)});
        String message = refusal(OnnxModelEncoder.model("test", "1", graph));
        assertTrue(message.contains("must have shape [n] or [batch, n]"), message);
    }

    @Test
    void servesRankOneInputs() throws InferenceException {
        ProtoMessage graph = OnnxModelEncoder.graph("rank-one",
                new ProtoMessage[] {OnnxModelEncoder.node("neg", "Neg", new String[] {"x"}, "y")},
                new ProtoMessage[0],
                new ProtoMessage[] {floatValue("x", 3)},
                new ProtoMessage[] {floatValue("y", 3)});
        ModelRegistry registry = new ModelRegistry();
        registry.bind("neg", registry.add(OnnxModelEncoder.model("test", "1", graph)));
        try (OnnxInferenceService service = new OnnxInferenceService(registry, InferenceSettings.cpu())) {
            float[] out = service.infer("neg", new float[] {1.0f, -0.5f, 1e-9f});
            assertArrayEquals(new float[] {-1.0f, 0.5f, 0.0f}, out, "negated, and -1e-9 quantized to zero");
        }
    }
}
