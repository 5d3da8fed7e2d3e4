/** On-device ONNX inference for the agents' {@code infer} host function, with quantized outputs. */
package io.lockstep.platform.inference;
