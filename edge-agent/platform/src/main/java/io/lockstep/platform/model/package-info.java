/** The example hazard model: its network, its input features and its build-time ONNX encoding. */
package io.lockstep.platform.model;
