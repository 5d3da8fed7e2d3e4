package io.lockstep.runtime.wasm;

/**
 * Decodes instructions of the accepted feature set: MVP, multi-value block types, sign extension,
 * non-trapping float-to-int, bulk memory and the read-only reference-type instructions. Anything else
 * (SIMD, threads, tail calls, exceptions, GC, multi-memory) is refused with its opcode.
 */
final class InstructionDecoder {
    private InstructionDecoder() {
    }

    static Instruction next(WasmInput in) throws WasmFormatException {
        int start = in.position();
        int op = in.u8();
        long index = 0;
        switch (op) {
            case 0x00, 0x01, 0x05, 0x0B, 0x0F, 0x1A, 0x1B, 0xD1 -> {
            }
            case 0x02, 0x03, 0x04 -> index = blockType(in);
            case 0x0C, 0x0D, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0xD2 -> index = in.u32();
            case 0x0E -> {
                int n = in.index(1 << 20, "br_table size");
                long[] labels = new long[n + 1];
                for (int i = 0; i <= n; i++) {
                    labels[i] = in.u32();
                }
                return new Instruction(op, start, in.position(), 0, labels);
            }
            case 0x11 -> {
                index = in.u32();
                in.u32();
            }
            case 0x1C -> {
                int n = in.index(16, "select type count");
                for (int i = 0; i < n; i++) {
                    ValueTypes.read(in, "select");
                }
            }
            case 0x3F, 0x40 -> {
                if (in.u32() != 0) {
                    throw new WasmFormatException("multi-memory is not supported (memory index at byte " + start + ")");
                }
            }
            case 0x41 -> in.sleb(32);
            case 0x42 -> in.sleb(64);
            case 0x43 -> in.skip(4);
            case 0x44 -> in.skip(8);
            case 0xD0 -> in.sleb(33);
            case 0xFC -> {
                int sub = (int) in.u32();
                op = 0xFC00 | sub;
                if (sub <= 7) {
                    break;
                }
                switch (sub) {
                    case 8 -> {
                        index = in.u32();
                        zeroMemoryIndex(in, start);
                    }
                    case 9, 13 -> index = in.u32();
                    case 10 -> {
                        zeroMemoryIndex(in, start);
                        zeroMemoryIndex(in, start);
                    }
                    case 11 -> zeroMemoryIndex(in, start);
                    case 12, 14 -> {
                        in.u32();
                        in.u32();
                    }
                    case 15, 16, 17 -> in.u32();
                    default -> throw new WasmFormatException(String.format(
                            "unsupported instruction 0xfc %d at byte %d", sub, start));
                }
            }
            default -> {
                if (op >= 0x28 && op <= 0x3E) {
                    long align = in.u32();
                    if ((align & 0x40) != 0) {
                        throw new WasmFormatException("multi-memory is not supported (memarg at byte " + start + ")");
                    }
                    in.u32();
                } else if (op < 0x45 || op > 0xC4) {
                    throw new WasmFormatException(String.format("unsupported instruction 0x%02x at byte %d%s",
                            op, start, op == 0xFD ? " (SIMD)" : op == 0xFE ? " (threads)" : ""));
                }
            }
        }
        return new Instruction(op, start, in.position(), index);
    }

    /** Returns -1 for the empty type, -2 - valtype for a single result, or the type index. */
    private static long blockType(WasmInput in) throws WasmFormatException {
        int first = in.u8();
        if (first == Opcodes.EMPTY_BLOCK) {
            return -1;
        }
        if (ValueTypes.accepted(first)) {
            return -2 - first;
        }
        if (first == 0x7B) {
            throw new WasmFormatException("SIMD (v128) block type is not supported");
        }
        // A type index: s33, the first byte already read.
        long result = first & 0x7F;
        int shift = 7;
        int b = first;
        int count = 1;
        while ((b & 0x80) != 0) {
            b = in.u8();
            if (++count > 5) {
                throw new WasmFormatException("block type too long at byte " + in.position());
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        }
        if ((b & 0x40) != 0) {
            throw new WasmFormatException("invalid block type at byte " + in.position());
        }
        return result;
    }

    private static void zeroMemoryIndex(WasmInput in, int start) throws WasmFormatException {
        if (in.u8() != 0) {
            throw new WasmFormatException("multi-memory is not supported (memory index at byte " + start + ")");
        }
    }
}
