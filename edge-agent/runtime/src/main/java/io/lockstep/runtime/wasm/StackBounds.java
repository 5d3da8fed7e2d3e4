package io.lockstep.runtime.wasm;

import java.util.Arrays;

/**
 * Bounds the operand stack height and the block nesting depth of one function body, instruction by
 * instruction, so that a module is refused up front rather than breaking a node's loader: Chicory's compiler
 * maps the Wasm operand stack onto the JVM's (at most 65,535 slots, two per i64 or f64) and fails on very
 * deep stacks, and extreme nesting exhausts the heap while the module is parsed. Both limits are far above
 * what compilers emit, and a module at the limits loads and runs in both execution modes
 * ({@code ModuleLimitsTest}). The height is an upper bound: after an unconditional branch the rest of a block
 * counts from the block's base, which is all validation needs.
 */
final class StackBounds {
    /** Most values on one function's operand stack at any point. */
    static final int MAX_OPERAND_STACK = 10_000;
    /** Most nested blocks, loops and ifs in one function. */
    static final int MAX_NESTING = 10_000;

    private final ParsedModule module;
    private final int functionIndex;
    private int height;
    private int depth;
    /** Per open block: the height below its parameters, and its parameter and result counts. */
    private int[] base = new int[16];
    private int[] params = new int[16];
    private int[] results = new int[16];
    private final int functionResults;

    StackBounds(ParsedModule module, int functionIndex) {
        this.module = module;
        this.functionIndex = functionIndex;
        this.functionResults = module.functionType(functionIndex).results().length;
    }

    /** Applies one instruction's effect on the stack; {@code end} of the function body included. */
    void step(Instruction insn) throws WasmFormatException {
        int op = insn.op();
        switch (op) {
            case 0x00, 0x0C, 0x0F -> unwind();
            case 0x01, 0xFC09, 0xFC0D -> {
            }
            case 0x02, 0x03 -> open(insn.index());
            case 0x04 -> {
                pop(1);
                open(insn.index());
            }
            case 0x05 -> {
                if (depth > 0) {
                    height = base[depth - 1] + params[depth - 1];
                }
            }
            case 0x0B -> {
                if (depth > 0) {
                    depth--;
                    height = base[depth] + results[depth];
                } else {
                    height = functionResults;
                }
            }
            case 0x0D, 0x1A, 0x21, 0x24 -> pop(1);
            case 0x0E -> {
                pop(1);
                unwind();
            }
            case 0x10 -> {
                ParsedModule.FuncType type = module.functionType(checkedFunction(insn.index()));
                pop(type.params().length);
                push(type.results().length);
            }
            case 0x11 -> {
                ParsedModule.FuncType type = type(insn.index());
                pop(1 + type.params().length);
                push(type.results().length);
            }
            case 0x1B, 0x1C -> {
                pop(3);
                push(1);
            }
            case 0x20, 0x23, 0x3F, 0x41, 0x42, 0x43, 0x44, 0xD0, 0xD2, 0xFC10 -> push(1);
            case 0xFC08, 0xFC0A, 0xFC0B, 0xFC0C, 0xFC0E, 0xFC11 -> pop(3);
            case 0xFC0F -> {
                pop(2);
                push(1);
            }
            case 0x26 -> pop(2);
            default -> {
                if (op >= 0x36 && op <= 0x3E) {
                    pop(2);
                } else if (binary(op)) {
                    pop(2);
                    push(1);
                } else {
                    // loads, memory.grow, local.tee, table.get, unary numeric and conversions, ref.is_null,
                    // trunc_sat: one value in, one out.
                    pop(1);
                    push(1);
                }
            }
        }
    }

    private static boolean binary(int op) {
        return (op >= 0x46 && op <= 0x4F) || (op >= 0x51 && op <= 0x66) || (op >= 0x6A && op <= 0x78)
                || (op >= 0x7C && op <= 0x8A) || (op >= 0x92 && op <= 0x98) || (op >= 0xA0 && op <= 0xA6);
    }

    private void open(long blockType) throws WasmFormatException {
        int p = 0;
        int r = 0;
        if (blockType >= 0) {
            ParsedModule.FuncType type = type(blockType);
            p = type.params().length;
            r = type.results().length;
        } else if (blockType <= -2) {
            r = 1;
        }
        if (depth == MAX_NESTING) {
            throw new WasmFormatException("function " + functionIndex + " nests blocks more than "
                    + MAX_NESTING + " deep (the nesting limit)");
        }
        if (depth == base.length) {
            base = Arrays.copyOf(base, depth * 2);
            params = Arrays.copyOf(params, depth * 2);
            results = Arrays.copyOf(results, depth * 2);
        }
        base[depth] = Math.max(0, height - p);
        params[depth] = p;
        results[depth] = r;
        depth++;
    }

    /** After an unconditional branch the stack is polymorphic: count from the block's base. */
    private void unwind() {
        height = depth > 0 ? base[depth - 1] : 0;
    }

    private void pop(int n) {
        int floor = depth > 0 ? base[depth - 1] : 0;
        height = Math.max(floor, height - n);
    }

    private void push(int n) throws WasmFormatException {
        height += n;
        if (height > MAX_OPERAND_STACK) {
            throw new WasmFormatException("function " + functionIndex + " needs more than " + MAX_OPERAND_STACK
                    + " values on its operand stack (the operand stack limit)");
        }
    }

    private ParsedModule.FuncType type(long index) throws WasmFormatException {
        if (index < 0 || index >= module.types().size()) {
            throw new WasmFormatException("function " + functionIndex + " uses unknown type " + index);
        }
        return module.types().get((int) index);
    }

    private int checkedFunction(long index) throws WasmFormatException {
        if (index < 0 || index >= module.totalFunctions()) {
            throw new WasmFormatException("function " + functionIndex + " calls unknown function " + index);
        }
        return (int) index;
    }
}
