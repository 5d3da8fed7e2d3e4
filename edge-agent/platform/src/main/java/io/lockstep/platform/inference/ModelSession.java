package io.lockstep.platform.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * One loaded model: an ONNX Runtime session with a single float tensor input of shape {@code [n]} or
 * {@code [batch, n]} and a float tensor first output. Runs are serialised on the session.
 */
final class ModelSession implements AutoCloseable {

    private final OrtSession session;
    private final ExecutionProvider provider;
    private final String inputName;
    private final long[] inputShape;
    private final int inputWidth;

    ModelSession(OrtSession session, ExecutionProvider provider) throws OrtException {
        this.session = session;
        this.provider = provider;
        if (session.getNumInputs() != 1) {
            throw new OrtException("model must have exactly one input, has " + session.getNumInputs());
        }
        Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
        if (!(input.getValue().getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new OrtException("model input " + input.getKey() + " is not a float tensor");
        }
        long[] shape = tensor.getShape();
        if (shape.length < 1 || shape.length > 2 || shape[shape.length - 1] < 1) {
            throw new OrtException("model input " + input.getKey() + " must have shape [n] or [batch, n], has "
                    + Arrays.toString(shape));
        }
        this.inputName = input.getKey();
        this.inputWidth = Math.toIntExact(shape[shape.length - 1]);
        this.inputShape = shape.length == 1 ? new long[] {inputWidth} : new long[] {1, inputWidth};
    }

    ExecutionProvider provider() {
        return provider;
    }

    int inputWidth() {
        return inputWidth;
    }

    /** Runs one input vector; returns the first output flattened, not yet quantized. */
    synchronized float[] run(OrtEnvironment environment, float[] input) throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), inputShape);
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxValue output = result.get(0);
            if (!(output instanceof OnnxTensor outputTensor)
                    || outputTensor.getInfo().type != OnnxJavaType.FLOAT) {
                throw new OrtException("model output is not a float tensor");
            }
            FloatBuffer values = outputTensor.getFloatBuffer();
            float[] flat = new float[values.remaining()];
            values.get(flat);
            return flat;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
