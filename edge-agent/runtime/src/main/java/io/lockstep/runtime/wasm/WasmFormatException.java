package io.lockstep.runtime.wasm;

/** The module bytes are malformed, or use a feature the runtime refuses; the message says which. */
public final class WasmFormatException extends Exception {
    public WasmFormatException(String message) {
        super(message);
    }
}
