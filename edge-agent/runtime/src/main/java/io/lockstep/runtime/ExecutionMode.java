package io.lockstep.runtime;

/** How agent code is executed. Both modes produce identical fingerprints on every tick. */
public enum ExecutionMode {
    /** Chicory's bytecode interpreter: slower, no class generation. */
    INTERPRETER,
    /** Chicory's compiler: Wasm translated to JVM bytecode at load. */
    COMPILED
}
