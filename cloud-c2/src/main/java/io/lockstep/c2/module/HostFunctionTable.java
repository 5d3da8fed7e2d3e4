package io.lockstep.c2.module;

import static com.dylibso.chicory.wasm.types.ValType.F64;
import static com.dylibso.chicory.wasm.types.ValType.I32;
import static com.dylibso.chicory.wasm.types.ValType.I64;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The host functions of agent ABI v1 (docs/agent-abi.md): import module, names, signatures, grants. */
public final class HostFunctionTable {

    public static final String IMPORT_MODULE = "lockstep";

    /** Host functions every agent may import without a grant. */
    public static final Set<String> ALWAYS_GRANTED =
            Set.of("log", "rand_u64", "progress", "area_vertices", "kv_get", "kv_put");

    private static final Map<String, FunctionType> SIGNATURES = Map.ofEntries(
            Map.entry("log", fn(List.of(I32, I32, I32), I32)),
            Map.entry("rand_u64", fn(List.of(), I64)),
            Map.entry("progress", fn(List.of(I32), I32)),
            Map.entry("area_vertices", fn(List.of(I32, I32), I32)),
            Map.entry("kv_get", fn(List.of(I32, I32, I32, I32), I32)),
            Map.entry("kv_put", fn(List.of(I32, I32, I32, I32), I32)),
            Map.entry("sensor_read", fn(List.of(I32, I32), I32)),
            Map.entry("act_velocity", fn(List.of(F64, F64), I32)),
            Map.entry("emit", fn(List.of(I32, I32, I32, I32), I32)),
            Map.entry("infer", fn(List.of(I32, I32, I32, I32, I32, I32), I32)));

    private HostFunctionTable() {
    }

    public static boolean exists(String name) {
        return SIGNATURES.containsKey(name);
    }

    public static FunctionType signature(String name) {
        return SIGNATURES.get(name);
    }

    public static Set<String> names() {
        return SIGNATURES.keySet();
    }

    static FunctionType fn(List<ValType> params, ValType result) {
        return FunctionType.of(params, List.of(result));
    }
}
