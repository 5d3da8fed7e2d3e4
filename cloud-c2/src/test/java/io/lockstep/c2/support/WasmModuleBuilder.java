package io.lockstep.c2.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles small WebAssembly binaries for tests: a memory, host-function imports and exported functions
 * whose bodies just return a constant. {@link #agent()} starts from a module that satisfies agent ABI v1.
 */
public final class WasmModuleBuilder {

    public static final byte I32 = 0x7F;
    public static final byte I64 = 0x7E;
    public static final byte F64 = 0x7C;

    private record Signature(byte[] params, byte[] results) {
    }

    private record Import(String module, String name, Signature signature) {
    }

    private final List<Import> imports = new ArrayList<>();
    private final Map<String, Signature> functions = new LinkedHashMap<>();
    private boolean exportMemory = true;
    private int memoryPages = 1;
    private String tag = "";

    private WasmModuleBuilder() {
    }

    public static WasmModuleBuilder empty() {
        return new WasmModuleBuilder();
    }

    /** A module with every export agent ABI v1 requires. */
    public static WasmModuleBuilder agent() {
        return new WasmModuleBuilder()
                .function("lockstep_abi_version", new byte[] {}, new byte[] {I32})
                .function("lockstep_alloc", new byte[] {I32}, new byte[] {I32})
                .function("lockstep_init", new byte[] {I32, I32}, new byte[] {I32})
                .function("lockstep_tick", new byte[] {I64}, new byte[] {I32});
    }

    public WasmModuleBuilder function(String exportName, byte[] params, byte[] results) {
        functions.put(exportName, new Signature(params, results));
        return this;
    }

    public WasmModuleBuilder without(String exportName) {
        functions.remove(exportName);
        return this;
    }

    public WasmModuleBuilder withOnMessage() {
        return function("lockstep_on_message", new byte[] {I32, I32, I32, I32}, new byte[] {I32});
    }

    public WasmModuleBuilder importing(String module, String name, byte[] params, byte[] results) {
        imports.add(new Import(module, name, new Signature(params, results)));
        return this;
    }

    public WasmModuleBuilder withoutMemoryExport() {
        exportMemory = false;
        return this;
    }

    public WasmModuleBuilder memoryPages(int pages) {
        memoryPages = pages;
        return this;
    }

    /** Adds a custom section so otherwise identical modules get different digests. */
    public WasmModuleBuilder tag(String value) {
        tag = value;
        return this;
    }

    public byte[] build() {
        List<Signature> types = new ArrayList<>();
        imports.forEach(i -> types.add(i.signature()));
        types.addAll(functions.values());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});

        Bytes typeSection = new Bytes().u32(types.size());
        for (Signature type : types) {
            typeSection.raw(0x60).u32(type.params().length).raw(type.params()).u32(type.results().length).raw(type.results());
        }
        section(out, 1, typeSection);

        if (!imports.isEmpty()) {
            Bytes importSection = new Bytes().u32(imports.size());
            for (int i = 0; i < imports.size(); i++) {
                importSection.name(imports.get(i).module()).name(imports.get(i).name()).raw(0x00).u32(i);
            }
            section(out, 2, importSection);
        }

        Bytes functionSection = new Bytes().u32(functions.size());
        for (int i = 0; i < functions.size(); i++) {
            functionSection.u32(imports.size() + i);
        }
        section(out, 3, functionSection);

        section(out, 5, new Bytes().u32(1).raw(0x00).u32(memoryPages));

        List<String> names = new ArrayList<>(functions.keySet());
        Bytes exportSection = new Bytes().u32(names.size() + (exportMemory ? 1 : 0));
        if (exportMemory) {
            exportSection.name("memory").raw(0x02).u32(0);
        }
        for (int i = 0; i < names.size(); i++) {
            exportSection.name(names.get(i)).raw(0x00).u32(imports.size() + i);
        }
        section(out, 7, exportSection);

        Bytes codeSection = new Bytes().u32(functions.size());
        for (Signature function : functions.values()) {
            Bytes body = new Bytes().u32(0);
            for (byte result : function.results()) {
                body.raw(result == I64 ? 0x42 : 0x41).raw(result == I64 || result == I32 ? 0x01 : 0x00);
            }
            body.raw(0x0B);
            codeSection.u32(body.size()).raw(body.toByteArray());
        }
        section(out, 10, codeSection);

        if (!tag.isEmpty()) {
            section(out, 0, new Bytes().name("lockstep-test").raw(tag.getBytes(StandardCharsets.UTF_8)));
        }
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, Bytes content) {
        out.write(id);
        Bytes size = new Bytes().u32(content.size());
        out.writeBytes(size.toByteArray());
        out.writeBytes(content.toByteArray());
    }

    private static final class Bytes extends ByteArrayOutputStream {

        Bytes raw(int b) {
            write(b);
            return this;
        }

        Bytes raw(byte[] bytes) {
            writeBytes(bytes);
            return this;
        }

        Bytes u32(int value) {
            long v = Integer.toUnsignedLong(value);
            do {
                int b = (int) (v & 0x7F);
                v >>>= 7;
                write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Bytes name(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            return u32(bytes.length).raw(bytes);
        }
    }
}
