package io.lockstep.runtime.wasm;

/**
 * One decoded instruction: its opcode ({@code 0xFC} prefixed ops are {@code 0xFC00 | subop}), byte range and
 * the immediate the metering pass cares about ({@code index}: local, global, label or function index;
 * {@code labels}: the targets of a br_table, default last).
 */
record Instruction(int op, int start, int end, long index, long[] labels) {

    Instruction(int op, int start, int end, long index) {
        this(op, start, end, index, null);
    }

    boolean opens() {
        return op == Opcodes.BLOCK || op == Opcodes.LOOP || op == Opcodes.IF;
    }


}
