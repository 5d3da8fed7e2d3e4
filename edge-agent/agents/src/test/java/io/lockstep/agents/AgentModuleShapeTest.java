package io.lockstep.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import io.lockstep.agents.testing.AgentHarness;
import io.lockstep.agents.testing.FakeHost;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Static shape of every packaged module against ABI v1: exactly the imports (so exactly the grants)
 * the agents README documents, the required exports with their signatures, and for the hostile
 * modules refused at load, exactly their one defect.
 */
class AgentModuleShapeTest {

    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;
    private static final ValType F64 = ValType.F64;

    /** The ABI's host function table. */
    private static final Map<String, FunctionType> HOST_FUNCTIONS = Map.of(
            "log", FunctionType.of(List.of(I32, I32, I32), List.of(I32)),
            "rand_u64", FunctionType.of(List.of(), List.of(I64)),
            "progress", FunctionType.of(List.of(I32), List.of(I32)),
            "area_vertices", FunctionType.of(List.of(I32, I32), List.of(I32)),
            "kv_get", FunctionType.of(List.of(I32, I32, I32, I32), List.of(I32)),
            "kv_put", FunctionType.of(List.of(I32, I32, I32, I32), List.of(I32)),
            "sensor_read", FunctionType.of(List.of(I32, I32), List.of(I32)),
            "act_velocity", FunctionType.of(List.of(F64, F64), List.of(I32)),
            "emit", FunctionType.of(List.of(I32, I32, I32, I32), List.of(I32)),
            "infer", FunctionType.of(List.of(I32, I32, I32, I32, I32, I32), List.of(I32)));

    private static final Map<String, FunctionType> REQUIRED_EXPORTS = Map.of(
            "lockstep_abi_version", FunctionType.of(List.of(), List.of(I32)),
            "lockstep_alloc", FunctionType.of(List.of(I32), List.of(I32)),
            "lockstep_init", FunctionType.of(List.of(I32, I32), List.of(I32)),
            "lockstep_tick", FunctionType.of(List.of(I64), List.of(I32)));

    /** Imports per agent; the agents README lists the same grants. */
    private static final Map<String, Set<String>> EXPECTED_IMPORTS = new TreeMap<>(Map.ofEntries(
            Map.entry("hello", Set.of("log", "progress")),
            Map.entry("survey", Set.of("log", "progress", "area_vertices", "sensor_read", "act_velocity", "emit")),
            Map.entry("hazard-scout", Set.of("log", "progress", "rand_u64", "kv_put", "sensor_read", "infer", "emit")),
            Map.entry("pathplan", Set.of("log", "progress", "kv_put")),
            Map.entry("hostile-nan-storm", Set.of("rand_u64", "kv_put", "act_velocity")),
            Map.entry("hostile-ungranted-import", Set.of("act_velocity")),
            Map.entry("hostile-unknown-import", Set.of("teleport")),
            Map.entry("hostile-infinite-start", Set.of()),
            Map.entry("hostile-infinite-init", Set.of()),
            Map.entry("hostile-deep-recursion", Set.of()),
            Map.entry("hostile-memory-bomb", Set.of()),
            Map.entry("hostile-fuel-bomb", Set.of()),
            Map.entry("hostile-wrong-abi", Set.of()),
            Map.entry("hostile-huge-memory", Set.of()),
            Map.entry("hostile-missing-export", Set.of()),
            Map.entry("hostile-trap", Set.of()),
            Map.entry("hostile-oob", Set.of())));

    private static WasmModule parse(String name) {
        return Parser.parse(ExampleAgents.bytes(name));
    }

    @Test
    void everyPackagedAgentHasAnExpectation() {
        assertEquals(new TreeSet<>(ExampleAgents.names()), EXPECTED_IMPORTS.keySet());
    }

    @Test
    void importsAreExactlyTheDocumentedHostFunctions() {
        for (String name : ExampleAgents.names()) {
            WasmModule module = parse(name);
            Set<String> imported = new TreeSet<>();
            for (int i = 0; i < module.importSection().importCount(); i++) {
                Import imp = module.importSection().getImport(i);
                assertEquals("lockstep", imp.module(), name);
                assertEquals(ExternalType.FUNCTION, imp.importType(), name + " imports only functions");
                imported.add(imp.name());
                FunctionType expected = HOST_FUNCTIONS.get(imp.name());
                if (expected != null) {
                    FunctionType actual = module.typeSection().getType(((FunctionImport) imp).typeIndex());
                    assertEquals(expected, actual, name + " imports " + imp.name() + " with the ABI signature");
                }
            }
            assertEquals(new TreeSet<>(EXPECTED_IMPORTS.get(name)), imported, name);
        }
    }

    @Test
    void requiredExportsHaveTheirAbiSignatures() {
        for (String name : ExampleAgents.names()) {
            WasmModule module = parse(name);
            Map<String, FunctionType> exported = exportedFunctions(module);
            Set<String> exportNames = new TreeSet<>();
            for (int i = 0; i < module.exportSection().exportCount(); i++) {
                exportNames.add(module.exportSection().getExport(i).name());
            }
            assertTrue(exportNames.contains("memory"), name);
            for (Map.Entry<String, FunctionType> required : REQUIRED_EXPORTS.entrySet()) {
                if (name.equals("hostile-missing-export") && required.getKey().equals("lockstep_tick")) {
                    assertFalse(exported.containsKey("lockstep_tick"));
                    continue;
                }
                assertEquals(required.getValue(), exported.get(required.getKey()), name + " " + required.getKey());
            }
        }
    }

    private static Map<String, FunctionType> exportedFunctions(WasmModule module) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        Map<String, FunctionType> out = new HashMap<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export export = module.exportSection().getExport(i);
            if (export.exportType() == ExternalType.FUNCTION && export.index() >= imported) {
                out.put(export.name(), module.functionSection()
                        .getFunctionType(export.index() - imported, module.typeSection()));
            }
        }
        return out;
    }

    @Test
    void onlyTheInfiniteStartModuleHasAStartFunction() {
        for (String name : ExampleAgents.names()) {
            assertEquals(name.equals("hostile-infinite-start"), parse(name).startSection().isPresent(), name);
        }
    }

    @Test
    void memoryStaysWithinTheDefaultCapExceptForTheHugeMemoryModule() {
        for (String name : ExampleAgents.names()) {
            int initial = parse(name).memorySection().orElseThrow().getMemory(0).limits().initialPages();
            if (name.equals("hostile-huge-memory")) {
                assertEquals(65536, initial);
            } else {
                assertTrue(initial <= 256, name + " declares " + initial + " pages");
            }
        }
    }

    @Test
    void wrongAbiModuleReportsVersionTwo() {
        assertEquals(2, AgentHarness.load("hostile-wrong-abi", new FakeHost(1)).abiVersion());
        assertEquals(1, AgentHarness.load("hello", new FakeHost(1)).abiVersion());
    }
}
