package io.lockstep.c2.module;

/** The uploaded bytes are not a Wasm module that satisfies agent ABI v1. */
public class InvalidModuleException extends Exception {

    public InvalidModuleException(String message) {
        super(message);
    }

    public InvalidModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
