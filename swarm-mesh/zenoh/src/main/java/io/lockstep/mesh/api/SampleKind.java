package io.lockstep.mesh.api;

/** Whether a sample publishes a value or deletes the key. */
public enum SampleKind {
    PUT, DELETE
}
