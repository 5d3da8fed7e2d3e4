package io.lockstep.platform.inference;

/** Where a model session runs. */
public enum ExecutionProvider {
    CPU,
    CUDA
}
