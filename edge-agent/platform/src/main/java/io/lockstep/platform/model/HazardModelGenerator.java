package io.lockstep.platform.model;

/**
 * Encodes {@link HazardNetwork} as an ONNX model (opset 13): input {@code features} float[batch, 8], output
 * {@code hazard} float[batch, 1]; graph MatMul -> Add -> Relu -> MatMul -> Add -> Sigmoid. The bytes depend
 * only on this code, so every build produces the same model and the same digest.
 */
public final class HazardModelGenerator {

    public static final String INPUT_NAME = "features";
    public static final String OUTPUT_NAME = "hazard";

    private HazardModelGenerator() {
    }

    public static byte[] encode() {
        int in = HazardNetwork.INPUTS;
        int hidden = HazardNetwork.HIDDEN;
        ProtoMessage[] initializers = {
            OnnxModelEncoder.floatTensor("W1", new long[] {in, hidden}, HazardNetwork.hiddenWeights()),
            OnnxModelEncoder.floatTensor("B1", new long[] {hidden}, HazardNetwork.hiddenBias()),
            OnnxModelEncoder.floatTensor("W2", new long[] {hidden, 1}, HazardNetwork.outputWeights()),
            OnnxModelEncoder.floatTensor("B2", new long[] {1}, HazardNetwork.outputBias()),
        };
        ProtoMessage[] nodes = {
            OnnxModelEncoder.node("dense1", "MatMul", new String[] {INPUT_NAME, "W1"}, "dense1_out"),
            OnnxModelEncoder.node("bias1", "Add", new String[] {"dense1_out", "B1"}, "bias1_out"),
            OnnxModelEncoder.node("relu1", "Relu", new String[] {"bias1_out"}, "relu1_out"),
            OnnxModelEncoder.node("dense2", "MatMul", new String[] {"relu1_out", "W2"}, "dense2_out"),
            OnnxModelEncoder.node("bias2", "Add", new String[] {"dense2_out", "B2"}, "logit"),
            OnnxModelEncoder.node("sigmoid", "Sigmoid", new String[] {"logit"}, OUTPUT_NAME),
        };
        ProtoMessage graph = OnnxModelEncoder.graph("lockstep-hazard", nodes, initializers,
                new ProtoMessage[] {OnnxModelEncoder.batchedFloatValue(INPUT_NAME, in)},
                new ProtoMessage[] {OnnxModelEncoder.batchedFloatValue(OUTPUT_NAME, 1)});
        return OnnxModelEncoder.model("lockstep-platform", "1", graph);
    }
}
