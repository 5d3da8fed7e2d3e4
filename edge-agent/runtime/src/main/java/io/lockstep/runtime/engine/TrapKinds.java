package io.lockstep.runtime.engine;

import java.util.Locale;

/**
 * Maps an exception thrown out of agent code to a stable trap kind, worded like the WebAssembly
 * specification's trap messages. The interpreter and the compiler report some traps with different exception
 * types or messages; the kinds are what both have in common.
 */
final class TrapKinds {
    private TrapKinds() {
    }

    static String of(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("unreachable")) {
            return "unreachable";
        }
        if (m.contains("divide by zero") || m.contains("division by zero") || e instanceof ArithmeticException) {
            return "integer divide by zero";
        }
        if (m.contains("integer overflow")) {
            return "integer overflow";
        }
        if (m.contains("invalid conversion") || m.contains("conversion to integer")) {
            return "invalid conversion to integer";
        }
        if (m.contains("indirect call") || m.contains("signature mismatch") || m.contains("type mismatch")) {
            return "indirect call type mismatch";
        }
        if (m.contains("undefined element") || m.contains("uninitialized element") || m.contains("table")) {
            return "undefined element";
        }
        if (m.contains("out of bounds") || e instanceof IndexOutOfBoundsException) {
            return "out of bounds memory access";
        }
        if (m.contains("call stack exhausted") || e instanceof StackOverflowError) {
            return "call stack exhausted";
        }
        return "other";
    }
}
