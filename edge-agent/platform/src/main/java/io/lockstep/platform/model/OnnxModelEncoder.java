package io.lockstep.platform.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Hand-encodes the parts of the ONNX protobuf schema (onnx/onnx.proto) a small feed-forward network needs.
 * Field numbers are the ONNX spec's; the comments name each message and field.
 */
final class OnnxModelEncoder {

    /** ONNX IR version 8 (ONNX 1.10+), accepted by ONNX Runtime 1.24. */
    static final long IR_VERSION = 8;
    /** Default-domain operator set used by every node. */
    static final long OPSET_VERSION = 13;
    /** TensorProto.DataType.FLOAT */
    static final int FLOAT = 1;

    private OnnxModelEncoder() {
    }

    /** ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, graph = 7, opset_import = 8. */
    static byte[] model(String producer, String producerVersion, ProtoMessage graph) {
        return new ProtoMessage()
                .int64(1, IR_VERSION)
                .string(2, producer)
                .string(3, producerVersion)
                .message(7, graph)
                // OperatorSetIdProto: domain = 1 ("" is the default ai.onnx domain), version = 2.
                .message(8, new ProtoMessage().string(1, "").int64(2, OPSET_VERSION))
                .toByteArray();
    }

    /** GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12. */
    static ProtoMessage graph(String name, ProtoMessage[] nodes, ProtoMessage[] initializers, ProtoMessage[] inputs,
            ProtoMessage[] outputs) {
        ProtoMessage graph = new ProtoMessage();
        for (ProtoMessage node : nodes) {
            graph.message(1, node);
        }
        graph.string(2, name);
        for (ProtoMessage initializer : initializers) {
            graph.message(5, initializer);
        }
        for (ProtoMessage input : inputs) {
            graph.message(11, input);
        }
        for (ProtoMessage output : outputs) {
            graph.message(12, output);
        }
        return graph;
    }

    /** NodeProto: input = 1, output = 2, name = 3, op_type = 4. */
    static ProtoMessage node(String name, String opType, String[] inputs, String output) {
        ProtoMessage node = new ProtoMessage();
        for (String input : inputs) {
            node.string(1, input);
        }
        return node.string(2, output).string(3, name).string(4, opType);
    }

    /** TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian float32). */
    static ProtoMessage floatTensor(String name, long[] dims, float[] values) {
        long expected = 1;
        for (long dim : dims) {
            expected *= dim;
        }
        if (expected != values.length) {
            throw new IllegalArgumentException("tensor " + name + ": dims hold " + expected + " values, got "
                    + values.length);
        }
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            raw.putFloat(value);
        }
        ProtoMessage tensor = new ProtoMessage();
        for (long dim : dims) {
            tensor.int64(1, dim);
        }
        return tensor.int32(2, FLOAT).string(8, name).bytes(9, raw.array());
    }

    /**
     * ValueInfoProto (name = 1, type = 2) of a float tensor whose first dimension is the symbolic batch size.
     * TypeProto: tensor_type = 1; TypeProto.Tensor: elem_type = 1, shape = 2; TensorShapeProto: dim = 1;
     * Dimension: dim_value = 1, dim_param = 2.
     */
    static ProtoMessage batchedFloatValue(String name, long width) {
        ProtoMessage shape = new ProtoMessage()
                .message(1, new ProtoMessage().string(2, "batch"))
                .message(1, new ProtoMessage().int64(1, width));
        ProtoMessage tensorType = new ProtoMessage().int32(1, FLOAT).message(2, shape);
        return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(1, tensorType));
    }
}
